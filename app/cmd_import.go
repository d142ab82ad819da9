package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"

	"axdash/app/ingest"
	"axdash/app/model"
	"axdash/app/store"
)

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	fs := newFlagSet("import", stderr)
	var req ingest.Request
	var asJSON bool
	fs.StringVar(&req.Wave, "wave", "", "wave name, such as 2026-H1 (required)")
	fs.StringVar(&req.Sheet, "sheet", "", "sheet to read (default: the first with a header)")
	fs.BoolVar(&req.DryRun, "dry-run", false, "check the file and report, store nothing")
	fs.BoolVar(&req.Replace, "replace", false, "replace the wave's existing data")
	fs.BoolVar(&req.SkipInvalid, "skip-invalid", false, "store the valid rows even if some rows have errors")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.StringVar(&req.Annotate, "annotate", "", "write a copy of the workbook with the problems marked to this .xlsx")
	fs.Func("period", "the wave's survey period START..END (such as 2026-01-01..2026-06-30), stored with the wave", func(s string) error {
		p, err := model.ParsePeriod(s)
		req.Period = &p
		return err
	})
	fs.StringVar(&req.Agency, "agency", "", "the agency that ran the survey (조사기관), stored with the wave")
	fs.StringVar(&req.Note, "note", "", "a note on the wave's sample design, stored with the wave")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || req.Wave == "" {
		fmt.Fprintln(stderr, "usage: axdash import FILE --wave NAME [--sheet S] [--dry-run] [--replace] [--skip-invalid] [--json] [--annotate OUT.xlsx] [--period START..END] [--agency NAME] [--note TEXT]")
		return exitUsage
	}
	if err := store.CheckWaveDescription(strings.TrimSpace(req.Agency), strings.TrimSpace(req.Note)); err != nil {
		fmt.Fprintf(stderr, "axdash: %v\n", err)
		return exitUsage
	}
	req.Path = pos[0]
	// A path that names no readable file is a mistake in the command, not a
	// problem in a workbook: say so before a parse worker reports it as a
	// crash.
	if info, err := os.Stat(req.Path); err != nil || !info.Mode().IsRegular() {
		fmt.Fprintf(stderr, "axdash: 가져올 파일을 찾을 수 없습니다: %s\n", req.Path)
		return exitUsage
	}
	e, err := loadEnv(log)
	if err != nil {
		return fail(stderr, err)
	}
	// From here on a failure is the system's, not the file's.
	st, err := e.openStore(ctx)
	if err != nil {
		return notStored(stderr, err)
	}
	defer st.Close()
	root, err := e.openTempRoot()
	if err != nil {
		return notStored(stderr, err)
	}
	defer root.Close()
	if lim := cmp.Or(e.cfg.Import.LoaderMemorySoftLimit, e.cfg.Import.MemorySoftLimit); lim > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(lim)
	}
	rep, err := e.ingester(st.Surveys).Run(ctx, req)
	if err != nil {
		return notStored(stderr, err)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fail(stderr, err)
		}
	} else {
		printReport(stdout, rep)
	}
	return importExit(rep, req.SkipInvalid)
}

// notStored reports an import the system failed rather than the file: the
// cause, and on a full disk where space ran out and what to do.
func notStored(stderr io.Writer, err error) int {
	err = store.NoSpace(err)
	fmt.Fprintf(stderr, "axdash: %v\n", err)
	if msg := model.NoSpaceMessage(err); msg != "" {
		fmt.Fprintf(stderr, "axdash: %s\n", msg)
	}
	return exitNotStored
}

// importExit is 0 when the file was stored, or a dry run found that the
// same command without --dry-run would store it.
func importExit(rep *model.ImportReport, skipInvalid bool) int {
	if rep.Status == model.StatusStored || (rep.Status == model.StatusChecked && rep.Storable(skipInvalid)) {
		return exitOK
	}
	return exitRefused
}

// printReport writes the human summary: counts, then each issue on a line.
func printReport(w io.Writer, rep *model.ImportReport) {
	fmt.Fprintf(w, "%s (%s) → %s: %s\n", rep.File, rep.Format, rep.Wave, rep.Status)
	if rep.Sheet != "" {
		fmt.Fprintf(w, "시트 %q, 머리글 %d행; 행 %d, 유효 %d, 저장 %d, 건너뜀 %d\n",
			rep.Sheet, rep.HeaderRow, rep.Rows, rep.Valid, rep.Stored, rep.Skipped)
	}
	if len(rep.Unmapped) > 0 {
		fmt.Fprintf(w, "연결되지 않은 열: %v\n", rep.Unmapped)
	}
	for _, is := range rep.Issues {
		loc := is.Sheet
		if is.Cell != "" && loc != "" {
			loc += "!" + is.Cell
		} else if is.Cell != "" {
			loc = is.Cell // CSV: no sheet
		}
		fmt.Fprintf(w, "%-7s %-24s %-14s %s\n", is.Severity, is.Code, loc, is.Message)
	}
}
