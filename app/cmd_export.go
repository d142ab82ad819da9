package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"axdash/app/disclosure"
	"axdash/app/private"
	"axdash/app/report"
	"axdash/app/store"
	"axdash/charts"
)

const exportUsage = "usage: axdash export FIGURE-or-briefing --wave NAME [--region R] [--industry S] [--size B] [--internal] --out FILE.{csv,xlsx,pdf}"

// exportArgs is an export command line: what to write, where, and for
// which view.
type exportArgs struct {
	id, ext, out string
	q            report.Query
	// internal writes the analysts' unprotected view, labelled; the public
	// view (the disclosure layer's) is the default.
	internal bool
}

// parseExportArgs reads the command line; ok is false after a usage error
// has been printed.
func parseExportArgs(args []string, stderr io.Writer) (a exportArgs, ok bool) {
	fs := newFlagSet("export", stderr)
	wave := fs.String("wave", "", "wave name (required)")
	region := fs.String("region", "", "시도 filter: a code, an old code or a name")
	industry := fs.String("industry", "", "industry filter: a KSIC section (A–U)")
	size := fs.String("size", "", "firm-size band filter")
	out := fs.String("out", "", "output file, .csv, .xlsx or (briefing) .pdf (required)")
	internal := fs.Bool("internal", false, "write the unprotected internal view (labelled 내부용) instead of the public one")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return a, false
	}
	a = exportArgs{ext: strings.ToLower(filepath.Ext(*out)), out: *out,
		q: report.Query{Wave: *wave, Region: *region, Industry: *industry, Size: *size}, internal: *internal}
	if len(pos) != 1 || *wave == "" || *out == "" {
		fmt.Fprintln(stderr, exportUsage)
		return a, false
	}
	a.id = pos[0]
	switch {
	case a.ext == ".pdf" && a.id != "briefing":
		fmt.Fprintln(stderr, "axdash: only the briefing exports as .pdf; export a figure as .csv or .xlsx")
		return a, false
	case a.ext != ".csv" && a.ext != ".xlsx" && a.ext != ".pdf":
		fmt.Fprintln(stderr, exportUsage)
		return a, false
	case a.id == "briefing" && a.ext == ".csv":
		fmt.Fprintln(stderr, "axdash: the briefing exports as .xlsx or .pdf")
		return a, false
	}
	return a, true
}

// cmdExport writes one figure (CSV or XLSX), the briefing workbook or its
// PDF without a server: the same files the HTTP exports answer, for a view
// resolved by the report layer as the web's are.
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	a, ok := parseExportArgs(args, stderr)
	if !ok {
		return exitUsage
	}
	id, ext := a.id, a.ext
	e, err := loadEnv(log)
	if err != nil {
		return fail(stderr, err)
	}
	rep := e.reporter()
	cat := rep.Catalogue
	if _, ok := cat.Lookup(id); !ok && id != "briefing" {
		fmt.Fprintf(stderr, "axdash: unknown figure %q\n", id)
		return exitUsage
	}
	st, err := e.openStore(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	root, err := e.openTempRoot()
	if err != nil {
		return fail(stderr, err)
	}
	defer root.Close()
	waves, err := st.Surveys.WaveStates(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	v, err := rep.Resolve(waves, a.q)
	var bad *report.FilterError
	switch {
	case errors.As(err, &bad):
		fmt.Fprintf(stderr, "axdash: %s\n", bad.Message)
		return exitUsage
	case errors.Is(err, report.ErrNoWaves):
		return fail(stderr, &report.UnknownWaveError{Name: a.q.Wave})
	case err != nil:
		return fail(stderr, err)
	}
	v.Internal = a.internal
	var buf bytes.Buffer
	if ext == ".pdf" { // the printed page reads its own figures
		var pdf []byte
		pdf, err = briefingPDF(ctx, e, st, v)
		buf.Write(pdf)
	} else {
		err = writeTables(ctx, &buf, st.Surveys, waves, a, v, rep, disclosure.New(e.cfg.Figures))
	}
	if err != nil {
		return fail(stderr, err)
	}
	// 0600 like every file axdash writes: a public export holds only
	// protected aggregates, but it is unpublished until someone decides to
	// share it, and sharing it is then a step they take (chmod, copy).
	if err := private.WriteBytes(a.out, buf.Bytes()); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "wrote %s (%s, wave %s)\n", a.out, id, v.Wave.Name)
	return exitOK
}

func writeFigure(ctx context.Context, w io.Writer, rep *report.Reporter, src charts.Source, id string, v report.View, ext string) error {
	t, err := rep.Figure(ctx, src, id, v)
	if err != nil {
		return err
	}
	if ext == ".csv" {
		return charts.WriteCSV(w, t, rep.Meta(v))
	}
	return charts.WriteXLSX(w, t, rep.Meta(v))
}

// writeTables writes the briefing workbook or a figure's CSV/XLSX from the
// waves' cubes through the disclosure layer's view, the figures' source as
// a server's are.
func writeTables(ctx context.Context, w io.Writer, surveys *store.Surveys, waves []store.WaveState, a exportArgs, v report.View,
	rep *report.Reporter, p *disclosure.Protector) error {
	set, err := surveys.Cubes(ctx, waves, rep.Survey.Design)
	if err != nil {
		return err
	}
	src := p.ViewOf(set, !v.Internal)
	if a.id == "briefing" {
		return rep.WriteWorkbook(ctx, w, src, v)
	}
	return writeFigure(ctx, w, rep, src, a.id, v, a.ext)
}
