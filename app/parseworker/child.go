package parseworker

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"syscall"

	"axdash/app/model"
	"axdash/importers"
)

// RunChild is the child side: it caps its own memory, reads the file with
// the importer and writes frames to out. The parent owns all user-facing
// messages; anything the child prints to stderr only reaches the log.
func RunChild(ctx context.Context, args []string, out io.Writer, newImporter func(importers.Spec) *importers.Importer) error {
	fs := flag.NewFlagSet(Command, flag.ContinueOnError)
	memLimit := fs.Int64("mem-limit", 0, "address-space ceiling in bytes")
	softLimit := fs.Int64("soft-limit", 0, "soft heap limit in bytes (0: 60% of mem-limit)")
	var spec importers.Spec
	fs.StringVar(&spec.Sheet, "sheet", "", "sheet to read")
	fs.Func("period", "the wave's survey period, START..END", func(s string) error {
		p, err := model.ParsePeriod(s)
		spec.Period = &p
		return err
	})
	annotate := fs.String("annotate", "", "write an annotated copy here instead of reading")
	report := fs.String("report", "", "with --annotate: the report (JSON) whose issues to mark")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%s: want one file, got %d", Command, fs.NArg())
	}
	if *memLimit > 0 {
		// RLIMIT_DATA rather than RLIMIT_AS: Go reserves far more address
		// space than it uses (PROT_NONE arenas), which RLIMIT_AS counts and
		// RLIMIT_DATA does not, while every heap page it does touch counts.
		// The soft limit makes the collector work before the hard one kills.
		soft := *softLimit
		if soft <= 0 || soft > *memLimit {
			soft = *memLimit * 6 / 10
		}
		debug.SetMemoryLimit(soft)
		if os.Getenv("GOGC") == "" {
			// Collect only near the soft limit: the reader allocates about
			// 16 KB per row over a small live heap, and collecting at every
			// doubling of it cost a sixth of the worker's CPU. RSS stays
			// under the soft limit either way.
			debug.SetGCPercent(-1)
		}
		lim := &syscall.Rlimit{Cur: uint64(*memLimit), Max: uint64(*memLimit)}
		if err := syscall.Setrlimit(syscall.RLIMIT_DATA, lim); err != nil {
			return fmt.Errorf("%s: set memory limit: %w", Command, err)
		}
	}
	if *annotate != "" {
		return annotateChild(fs.Arg(0), *report, *annotate, newImporter(spec))
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	im := newImporter(spec)
	fw := &frameWriter{w: bw, fields: im.Fields()}
	res, err := im.Read(ctx, fs.Arg(0), func(rec importers.Record) error {
		return fw.record(&rec)
	})
	if err != nil {
		return fmt.Errorf("%s: %w", Command, err)
	}
	if err := fw.peak(selfPeakRSS()); err != nil {
		return fmt.Errorf("%s: write peak: %w", Command, err)
	}
	if err := fw.result(res); err != nil {
		return fmt.Errorf("%s: write result: %w", Command, err)
	}
	return bw.Flush()
}

// annotateChild marks the report's issues in a copy of the file. Annotating
// loads the whole workbook, which is why it runs here, under the child's
// memory ceiling, rather than in the server.
func annotateChild(path, reportPath, out string, im *importers.Importer) error {
	b, err := os.ReadFile(reportPath)
	if err != nil {
		return fmt.Errorf("%s: read report: %w", Command, err)
	}
	var rep model.ImportReport
	if err := json.Unmarshal(b, &rep); err != nil {
		return fmt.Errorf("%s: decode report: %w", Command, err)
	}
	if err := im.Annotate(path, &rep, out); err != nil {
		return fmt.Errorf("%s: annotate: %w", Command, err)
	}
	return nil
}
