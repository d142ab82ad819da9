package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"axdash/app/demo"
	"axdash/app/parseworker"
)

func cmdMigrate(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	if len(args) != 0 {
		fmt.Fprintln(stderr, "usage: axdash migrate")
		return exitUsage
	}
	_, st, err := loadEnvAndStore(ctx, log)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	v, err := st.Ops.SchemaVersion(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "schema is at version %d (%s)\n", v, st.Ops.Dialect())
	return exitOK
}

func cmdDemoWorkbook(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("demo-workbook", stderr)
	var opts demo.Options
	var out string
	fs.IntVar(&opts.Rows, "rows", 0, "number of firms (required)")
	fs.Int64Var(&opts.Seed, "seed", 1, "random seed; the same seed gives the same workbook")
	fs.IntVar(&opts.Year, "year", 0, "survey year (default 2026)")
	fs.StringVar(&out, "out", "", "output .xlsx file (required)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	// The workbook is always xlsx: a name such as out.csv would hand
	// Excel zip bytes it cannot open as text.
	if len(pos) != 0 || opts.Rows <= 0 || !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		fmt.Fprintln(stderr, "usage: axdash demo-workbook --rows N [--seed S] --out FILE.xlsx")
		return exitUsage
	}
	if err := demo.StreamFile(out, opts); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "wrote %d synthetic firms to %s (seed %d)\n", opts.Rows, out, opts.Seed)
	return exitOK
}

// cmdParseWorker is the hidden child side of the parse worker: it writes
// binary frames to stdout for its parent, never for a person.
func cmdParseWorker(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	e, err := loadEnv(log)
	if err != nil {
		return fail(stderr, err)
	}
	if err := parseworker.RunChild(ctx, args, stdout, e.importer); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}
