package ingest

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
	"axdash/importers"
	"axdash/quality"
)

// newIngester reads in process with the default rules and outlier test.
func newIngester(t *testing.T, st *store.DB, maxIssues int) *Ingester {
	t.Helper()
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := quality.Load("")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	oc := quality.OutlierConfigFrom(cfg.Quality)
	newImporter := func(spec importers.Spec) *importers.Importer {
		return importers.New(survey, regions, importers.Options{Sheet: spec.Sheet, Period: spec.Period, Rules: rules,
			MaxIssues: maxIssues})
	}
	return &Ingester{Store: st.Surveys, Reader: InProcess{New: newImporter}, Outliers: &oc, MaxIssues: maxIssues}
}

func generate(t *testing.T, opts demo.Options) []demo.Row {
	t.Helper()
	rows, err := demo.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func writeRows(t *testing.T, name string, rows []demo.Row, opts demo.Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := demo.WriteRows(path, rows, opts); err != nil {
		t.Fatal(err)
	}
	return path
}

// typicalCostRow is the first adopter whose cost is at or above its
// industry × size band's median, in a band with many firms: a ×100 slip of
// a value below the median can look like a large honest answer, and no
// test can tell them apart.
func typicalCostRow(rows []demo.Row, skip int) int {
	groups := map[string][]int64{}
	key := func(r demo.Row) string { return r.Industry + model.SizeBand(r.Employees) }
	for _, r := range rows {
		if r.AdoptionCost > 0 {
			groups[key(r)] = append(groups[key(r)], r.AdoptionCost)
		}
	}
	for i, r := range rows {
		g := groups[key(r)]
		if i < skip || r.AdoptionCost == 0 || len(g) < 100 {
			continue
		}
		slices.Sort(g)
		if r.AdoptionCost >= g[len(g)/2] {
			return i
		}
	}
	return -1
}

func outliers(rep *model.ImportReport) []model.Issue {
	var out []model.Issue
	for _, is := range rep.Issues {
		if strings.HasSuffix(is.Code, ".outlier") {
			out = append(out, is)
		}
	}
	return out
}

func costCell(t *testing.T, rep *model.ImportReport, i int) string {
	t.Helper()
	for _, m := range rep.Mapping {
		if m.Field == "adoption_cost" {
			return m.Column + strconv.Itoa(rep.HeaderRow+1+i)
		}
	}
	t.Fatal("no adoption_cost column")
	return ""
}

// TestOutliersFlagUnitSlips plants a 원-for-백만원 slip (×1,000,000) and a
// ×100 slip in a generated wave: both are flagged at their cell, and the
// clean wave around them raises under 1% outlier warnings.
func TestOutliersFlagUnitSlips(t *testing.T) {
	ctx := context.Background()
	opts := demo.Options{Rows: 5000, Seed: 7}
	rows := generate(t, opts)
	clean := writeRows(t, "clean.xlsx", rows, opts)
	big := typicalCostRow(rows, 0)
	small := typicalCostRow(rows, big+1)
	if big < 0 || small < 0 {
		t.Fatal("no typical cost rows")
	}
	rows[big].AdoptionCost *= 1_000_000
	rows[small].AdoptionCost *= 100
	rows[big].GovSupport, rows[small].GovSupport = 0, 0 // keep rule.support_exceeds_cost out of it
	slipped := writeRows(t, "slipped.xlsx", rows, opts)
	in := newIngester(t, storetest.SQLite(t), 0)

	rep, err := in.Run(ctx, Request{Path: clean, Wave: "2026", DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	n := len(outliers(rep))
	if rate := float64(n) / float64(rep.Rows); rep.Rows != 5000 || rate >= 0.01 {
		t.Errorf("clean wave: %d outlier warnings in %d rows (%.2f%%), want under 1%%", n, rep.Rows, 100*rate)
	}
	t.Logf("clean wave: %d outlier warnings in %d rows", n, rep.Rows)

	rep, err = in.Run(ctx, Request{Path: slipped, Wave: "2026", DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{big, small} {
		cell := costCell(t, rep, i)
		found := slices.ContainsFunc(outliers(rep), func(is model.Issue) bool {
			return is.Code == "adoption_cost.outlier" && is.Cell == cell && is.Severity == model.SeverityWarning &&
				strings.Contains(is.Message, "예상 범위") && strings.Contains(is.Message, "백만원")
		})
		if !found {
			t.Errorf("slip at %s (row %d, cost %d) not flagged; outliers %+v", cell, i, rows[i].AdoptionCost, outliers(rep))
		}
	}
	if rep.Status != model.StatusChecked || rep.HasErrors() {
		t.Errorf("outliers must not block: status %s", rep.Status)
	}
}

// TestStoredWavesShiftTheBaseline: a small new wave has too few firms per
// group for a test of its own; the stored waves give it one, and the
// findings of the commit are all stored, beyond the report's cap.
func TestStoredWavesShiftTheBaseline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.DB) {
		ctx := context.Background()
		in := newIngester(t, st, 2)
		opts := demo.Options{Rows: 300, Seed: 11}
		rows := generate(t, opts)
		// A firm in the largest group (manufacturing, 10–49), which the
		// stored wave fills well past the minimum group size.
		i := slices.IndexFunc(rows, func(r demo.Row) bool {
			return r.AdoptionCost > 0 && r.Industry == "C" && model.SizeBand(r.Employees) == "10-49"
		})
		rows[i].AdoptionCost, rows[i].GovSupport = rows[i].AdoptionCost*1_000_000, 0
		small := writeRows(t, "small.xlsx", rows, opts)

		rep, err := in.Run(ctx, Request{Path: small, Wave: "2026", DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(outliers(rep)); n != 0 {
			t.Fatalf("no stored waves, groups below the minimum: want no outliers, got %d", n)
		}
		base := demo.Options{Rows: 6000, Seed: 3, Year: 2025}
		if rep, err := in.Run(ctx, Request{Path: writeRows(t, "base.xlsx", generate(t, base), base), Wave: "2025"}); err != nil || rep.Status != model.StatusStored {
			t.Fatalf("store baseline: %v %+v", err, rep)
		}
		rep, err = in.Run(ctx, Request{Path: small, Wave: "2026"})
		if err != nil || rep.Status != model.StatusStored {
			t.Fatalf("import: %v %+v", err, rep)
		}
		cell := costCell(t, rep, i)
		w, err := st.Surveys.WaveByName(ctx, "2026")
		if err != nil {
			t.Fatal(err)
		}
		stored, total, err := st.Surveys.Findings(ctx, store.FindingFilter{WaveID: w.ID})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(stored, func(f model.Finding) bool {
			return f.Code == "adoption_cost.outlier" && f.Cell == cell && f.FirmName == rows[i].FirmName
		}) {
			t.Errorf("the slip at %s is not among the stored findings %+v", cell, stored)
		}
		if int(total) != rep.IssuesTotal || total <= 2 || len(rep.Issues) != 3 {
			t.Errorf("stored %d findings, report total %d with %d listed: want all stored, 2 listed plus the note",
				total, rep.IssuesTotal, len(rep.Issues))
		}
	})
}
