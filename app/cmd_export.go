package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/app/private"
	"axdash/app/store"
	"axdash/charts"
)

const exportUsage = "usage: axdash export FIGURE-or-briefing --wave NAME [--region CODE] --out FILE.{csv,xlsx,pdf}"

// cmdExport writes one figure (CSV or XLSX) or the briefing workbook
// without a server: the same files the HTTP exports answer.
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	fs := newFlagSet("export", stderr)
	wave := fs.String("wave", "", "wave name (required)")
	region := fs.String("region", "", "시도 code filter")
	out := fs.String("out", "", "output file, .csv, .xlsx or (briefing) .pdf (required)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if len(pos) != 1 || *wave == "" || *out == "" {
		fmt.Fprintln(stderr, exportUsage)
		return exitUsage
	}
	id := pos[0]
	switch {
	case ext == ".pdf" && id != "briefing":
		fmt.Fprintln(stderr, "axdash: only the briefing exports as .pdf; export a figure as .csv or .xlsx")
		return exitUsage
	case ext != ".csv" && ext != ".xlsx" && ext != ".pdf":
		fmt.Fprintln(stderr, exportUsage)
		return exitUsage
	case id == "briefing" && ext == ".csv":
		fmt.Fprintln(stderr, "axdash: the briefing exports as .xlsx or .pdf")
		return exitUsage
	}
	e, err := loadEnv(log)
	if err != nil {
		return fail(stderr, err)
	}
	cat := e.catalogue()
	if _, ok := cat.Lookup(id); !ok && id != "briefing" {
		fmt.Fprintf(stderr, "axdash: unknown figure %q\n", id)
		return exitUsage
	}
	if *region != "" {
		code, ok := e.regions.Lookup(*region)
		if !ok {
			fmt.Fprintf(stderr, "axdash: 알 수 없는 시도입니다: %q (시도 코드, 예: 11, 48)\n", *region)
			return exitUsage
		}
		*region = code
	}
	st, err := e.openStore(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	defer st.Close()
	src, err := st.Cubes(ctx) // the figures come from the waves' cubes, as a server's do
	if err != nil {
		return fail(stderr, err)
	}
	waves := src.Waves()
	idx := slices.IndexFunc(waves, func(w *cube.Wave) bool { return w.Name == *wave })
	if idx < 0 {
		return fail(stderr, fmt.Errorf("wave %q: %w", *wave, store.ErrNotFound))
	}
	f := model.Filter{WaveID: waves[idx].ID, Region: *region}
	meta := charts.ExportMeta{Wave: *wave, Source: e.cfg.Figures.Source}
	if *region != "" {
		meta.Filters = []string{e.regions.Name(*region)}
	}
	var buf bytes.Buffer
	switch {
	case ext == ".pdf":
		var pdf []byte
		pdf, err = briefingPDF(ctx, e, st, *wave, *region)
		buf.Write(pdf)
	case id == "briefing":
		var prev int64
		if idx > 0 {
			prev = waves[idx-1].ID
		}
		err = writeBriefing(ctx, &buf, cat, src, f, prev, meta)
	default:
		err = writeFigure(ctx, &buf, cat, src, id, f, meta, ext)
	}
	if err != nil {
		return fail(stderr, err)
	}
	// 0600 like every file axdash writes: an export holds only suppressed
	// aggregates, but it is unpublished until someone decides to share it,
	// and sharing it is then a step they take (chmod, copy).
	if err := private.WriteBytes(*out, buf.Bytes()); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "wrote %s (%s, wave %s)\n", *out, id, *wave)
	return exitOK
}

func writeFigure(ctx context.Context, w io.Writer, cat *charts.Catalogue, src charts.Source, id string, f model.Filter,
	meta charts.ExportMeta, ext string) error {
	t, err := cat.Build(ctx, src, id, f)
	if err != nil {
		return err
	}
	if ext == ".csv" {
		return charts.WriteCSV(w, t)
	}
	return charts.WriteXLSX(w, t, meta)
}

func writeBriefing(ctx context.Context, w io.Writer, cat *charts.Catalogue, src charts.Source, f model.Filter, prev int64,
	meta charts.ExportMeta) error {
	hs, err := cat.Headlines(ctx, src, f, prev)
	if err != nil {
		return err
	}
	var tables []*charts.Table
	for _, fig := range cat.BriefingFigures() {
		t, err := cat.Build(ctx, src, fig.ID, f)
		if err != nil {
			return err
		}
		tables = append(tables, t)
	}
	return charts.WriteBriefingXLSX(w, charts.BriefingTitle(meta), hs, tables, meta)
}
