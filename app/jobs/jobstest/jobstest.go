// Package jobstest helps tests that run import jobs: a runner that parses
// in process and a demo workbook with known errors.
package jobstest

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"axdash/app/demo"
	"axdash/app/ingest"
	"axdash/app/jobs"
	"axdash/app/store"
	"axdash/configs"
	"axdash/importers"
	"axdash/quality"
)

// Damaged are the cells spoilt in DamagedWorkbook: two unknown regions (C5,
// C9) and a head count that is not a number (F12), so three rows have
// errors.
var Damaged = map[string]string{"C5": "서울시티", "C9": "달나라", "F12": "많음"}

// DamagedFile writes a demo workbook of n rows with the Damaged cells and
// returns its path.
func DamagedFile(t testing.TB, n int, seed int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "조사결과.xlsx")
	if _, err := demo.WriteFile(path, demo.Options{Rows: n, Seed: seed, Year: 2026, Lift: 1.6}); err != nil {
		t.Fatal(err)
	}
	if err := demo.Damage(path, Damaged); err != nil {
		t.Fatal(err)
	}
	return path
}

// DamagedWorkbook is DamagedFile's bytes.
func DamagedWorkbook(t testing.TB, n int, seed int64) []byte {
	t.Helper()
	b, err := os.ReadFile(DamagedFile(t, n, seed))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Runner is a runner over s with the default configuration (quality rules
// included, as serve has them) that parses and annotates in process.
func Runner(t testing.TB, s *store.DB) *jobs.Runner {
	t.Helper()
	cfg, err := configs.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := quality.Load(cfg.Quality.RulesFile)
	if err != nil {
		t.Fatal(err)
	}
	oc := quality.OutlierConfigFrom(cfg.Quality)
	reader := ingest.InProcess{New: func(spec importers.Spec) *importers.Importer {
		o := importers.OptionsFromConfig(cfg.Import)
		o.Sheet, o.Period, o.Rules = spec.Sheet, spec.Period, rules
		return importers.New(survey, regions, o)
	}}
	return &jobs.Runner{Store: s.Jobs, Ingester: &ingest.Ingester{Store: s.Surveys, Reader: reader, MaxFileBytes: cfg.Import.MaxFileBytes,
		Outliers: &oc, MaxIssues: cfg.Import.MaxIssues},
		Config: cfg.Jobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}
