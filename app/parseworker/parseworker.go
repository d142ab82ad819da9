// Package parseworker reads an uploaded file in a child process of the same
// binary, so that whatever excelize does with a hostile file — allocate
// gigabytes, loop, panic in a way recover cannot catch — costs only the
// child. The child caps its own memory (RLIMIT_DATA and a soft heap
// limit) and streams the valid records and then the report back over a pipe; the parent turns a
// child that dies or overruns its time into a file.limit issue.
package parseworker

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"axdash/app/model"
	"axdash/app/private"
	"axdash/importers"
)

// Command is the hidden CLI command that runs the child side.
const Command = "parse-worker"

// Worker starts children and relays what they read.
type Worker struct {
	Exe      string   // the binary to start (os.Executable() in production)
	Args     []string // arguments before the file's; normally []string{Command}
	Env      []string // extra environment for the child
	MemLimit int64    // the child's data ceiling in bytes (RLIMIT_DATA)
	// SoftLimit is the child's Go heap target: the collector works harder
	// near it, keeping RSS low long before the hard ceiling.
	SoftLimit int64
	Timeout   time.Duration
	Log       *slog.Logger
	// PeakRSS, when set, is told each child's peak resident memory in
	// bytes once it has ended (metrics.Metrics.WorkerPeak).
	PeakRSS func(bytes int64)
	// TempDir is where each child's scratch folder is made: the process's
	// temp root (tmproot); "" is the OS temp folder.
	TempDir string
}

// Read runs one child over path and calls sink with each valid record in
// file order. Like importers.Importer.Read, problems with the file are
// issues in the report; the error is for the sink failing, the context being
// cancelled, or the child not starting at all.
func (w *Worker) Read(ctx context.Context, path string, spec importers.Spec, sink func(importers.Record) error) (*importers.Result, error) {
	if w.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.Timeout)
		defer cancel()
	}
	cmd, cleanup, err := w.command(ctx, w.args(spec, path))
	if err != nil {
		return nil, err
	}
	defer cleanup()
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, left: 64 << 10}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("parseworker: pipe: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("parseworker: start %s: %w", w.Exe, err)
	}
	var peak int64
	// The child's importer reads with the default table too (im.Fields()).
	res, relayErr := relay(bufio.NewReaderSize(out, 1<<16), model.Fields(), sink, func(b int64) { peak = b })
	if relayErr != nil {
		_ = cmd.Process.Kill()
	}
	waitErr := cmd.Wait()
	w.reportPeak(peak, cmd.ProcessState)
	if errors.Is(relayErr, errSink) {
		return nil, relayErr
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(ctxErr, context.DeadlineExceeded) {
		return nil, fmt.Errorf("parseworker: %w", ctxErr)
	}
	if res == nil || waitErr != nil {
		w.logDeath(path, waitErr, relayErr, stderr.String())
		return died(path, ctx.Err() != nil), nil
	}
	return res, nil
}

// args are the child's arguments: the limits, the sheet, any extra flags,
// then the file.
func (w *Worker) args(spec importers.Spec, path string, extra ...string) []string {
	args := append(append([]string{}, w.Args...), "--mem-limit", fmt.Sprint(w.MemLimit), "--soft-limit",
		fmt.Sprint(w.SoftLimit), "--sheet", spec.Sheet)
	if spec.Period != nil {
		args = append(args, "--period", spec.Period.String())
	}
	return append(append(args, extra...), "--", path)
}

// Annotate writes a copy of path with rep's issues marked to out, in a
// child under the same memory ceiling and time limit as Read: annotating
// loads the whole workbook into memory.
func (w *Worker) Annotate(ctx context.Context, path string, spec importers.Spec, rep *model.ImportReport, out string) error {
	if w.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.Timeout)
		defer cancel()
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("parseworker: encode report: %w", err)
	}
	reportFile := out + ".report.json"
	if err := private.WriteBytes(reportFile, b); err != nil {
		return fmt.Errorf("parseworker: write report: %w", err)
	}
	defer os.Remove(reportFile)
	cmd, cleanup, err := w.command(ctx, w.args(spec, path, "--annotate", out, "--report", reportFile))
	if err != nil {
		return err
	}
	defer cleanup()
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, left: 64 << 10}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("parseworker: annotate %s: %w: %s", filepath.Base(path), err, truncate(stderr.String(), 500))
	}
	return nil
}

// command prepares a child with a scratch folder of its own (TMPDIR, where
// excelize puts its temp files), which cleanup removes: a child killed at
// its memory ceiling cannot clean up after itself. The child dies with its
// parent: a parent killed mid-parse leaves no orphan writing into a folder
// the next start removes.
func (w *Worker) command(ctx context.Context, args []string) (*exec.Cmd, func(), error) {
	tmp, err := os.MkdirTemp(w.TempDir, "worker-")
	if err != nil {
		return nil, nil, fmt.Errorf("parseworker: temp folder: %w", err)
	}
	cmd := exec.CommandContext(ctx, w.Exe, args...)
	cmd.Env = append(append(os.Environ(), w.Env...), "TMPDIR="+tmp)
	dieWithParent(cmd)
	return cmd, func() { _ = os.RemoveAll(tmp) }, nil
}

// errSink marks an error that came from the caller's sink.
var errSink = errors.New("sink failed")

// relay decodes frames (see frame.go) until the result arrives.
func relay(r *bufio.Reader, fields *model.Table, sink func(importers.Record) error, peak func(int64)) (*importers.Result, error) {
	var buf []byte
	for {
		kind, p, err := readFrame(r, buf)
		buf = p
		if err != nil {
			return nil, fmt.Errorf("parseworker: read frame: %w", err)
		}
		switch kind {
		case frameResult:
			var res importers.Result
			if err := json.Unmarshal(p, &res); err != nil {
				return nil, fmt.Errorf("parseworker: decode result: %w", err)
			}
			return &res, nil
		case framePeak:
			peak(decodePeak(p))
		case frameRecord:
			var rec model.FirmResponse
			if err := decodeRecord(p, fields, &rec); err != nil {
				return nil, fmt.Errorf("parseworker: decode record: %w", err)
			}
			if err := sink(rec); err != nil {
				return nil, fmt.Errorf("%w: %w", errSink, err)
			}
		default:
			return nil, fmt.Errorf("parseworker: unknown frame kind %q", kind)
		}
	}
}

// died is the report for a child that was killed or crashed: the file as a
// whole hit a limit, whatever it was.
func died(path string, timedOut bool) *importers.Result {
	msg := "파일을 읽는 중 메모리 제한을 넘어 처리를 중단했습니다. 파일이 지나치게 크거나 손상되었을 수 있습니다. " +
		"엑셀에서 열어 필요한 시트만 .xlsx로 다시 저장해 보세요."
	if timedOut {
		msg = "파일을 읽는 데 처리 시간 제한을 넘었습니다. 파일을 나누어 올리거나 엑셀에서 .xlsx로 다시 저장해 보세요."
	}
	return &importers.Result{Report: model.ImportReport{
		File: filepath.Base(path), Status: model.StatusRefused, Mapping: []model.ColumnMapping{}, Unmapped: []string{},
		Issues:      []model.Issue{{Severity: model.SeverityError, Code: "file.limit", Message: msg}},
		IssuesTotal: 1,
	}}
}

func (w *Worker) logDeath(path string, waitErr, relayErr error, stderr string) {
	if w.Log == nil {
		return
	}
	w.Log.Warn("parse worker died", slog.String("file", filepath.Base(path)), slog.Any("exit", waitErr),
		slog.Any("relay", relayErr), slog.String("stderr", truncate(stderr, 2000)))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// limitedWriter keeps the first bytes of a child's stderr for the log; a
// crashing runtime can print megabytes of goroutine dumps.
type limitedWriter struct {
	w    io.Writer
	left int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	n := len(p)
	if l.left > 0 {
		k := min(len(p), l.left)
		l.left -= k
		_, _ = l.w.Write(p[:k])
	}
	return n, nil
}
