package store_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

func warning(row int, code string) model.Issue {
	return model.Issue{Severity: model.SeverityWarning, Code: code, Sheet: "조사표", Cell: fmt.Sprintf("J%d", row), Row: row,
		Header: "AI도입비용", Value: "=1+1", Message: "확인"}
}

// TestFindingsLoadAndReplace: findings travel with their rows and with
// AddFinding, are written in batches inside the load, vanish on rollback
// and are swapped out with the wave on replace.
func TestFindingsLoadAndReplace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		l := begin(t, s, "W", "sha-1", false, 3) // batches of 3: findings flush more than once
		for i := range 10 {
			r := loadRow(i, "")
			r.Findings = []model.Issue{warning(r.Response.SourceRow, "rule.a")}
			if i%2 == 0 {
				r.Findings = append(r.Findings, warning(r.Response.SourceRow, "rule.b"))
			}
			if err := l.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.AddFinding(warning(7, "adoption_cost.outlier"), "기업 2"); err != nil {
			t.Fatal(err)
		}
		period := model.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}
		if err := l.SetPeriod(period); err != nil {
			t.Fatal(err)
		}
		if _, err := l.Commit(model.Import{Rows: 10, Valid: 10}, nil); err != nil {
			t.Fatal(err)
		}
		w, err := s.Surveys.WaveByName(ctx, "W")
		if err != nil {
			t.Fatal(err)
		}
		counts, err := s.Surveys.FindingCounts(ctx, w.ID)
		want := []model.FindingCount{{Code: "adoption_cost.outlier", Severity: "warning", Message: "확인", Count: 1},
			{Code: "rule.a", Severity: "warning", Message: "확인", Count: 10}, {Code: "rule.b", Severity: "warning", Message: "확인", Count: 5}}
		if err != nil || !slices.Equal(counts, want) {
			t.Errorf("counts %+v, %v", counts, err)
		}
		page, total, err := s.Surveys.Findings(ctx, store.FindingFilter{WaveID: w.ID, Code: "rule.b", Offset: 1, Limit: 2})
		if err != nil || total != 5 || len(page) != 2 || page[0].SourceRow != 7 || page[0].FirmName != "기업 2" ||
			page[0].Value != "=1+1" || page[0].Cell != "J7" {
			t.Errorf("page %+v, total %d, %v", page, total, err)
		}
		if p, err := s.Surveys.WavePeriod(ctx, "W"); err != nil || p == nil || *p != period {
			t.Errorf("period %v, %v", p, err)
		}

		l = begin(t, s, "W", "sha-2", true, 0)
		if err := l.Add(loadRow(1, "")); err != nil {
			t.Fatal(err)
		}
		if err := l.Rollback(); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := s.Surveys.Findings(ctx, store.FindingFilter{WaveID: w.ID}); total != 16 {
			t.Errorf("a rolled-back replace left %d findings, want 16", total)
		}
		loadN(t, s, "W", "sha-3", 2, true)
		if _, total, _ := s.Surveys.Findings(ctx, store.FindingFilter{WaveID: w.ID}); total != 0 {
			t.Errorf("replace kept %d findings of the old import", total)
		}
		if p, _ := s.Surveys.WavePeriod(ctx, "W"); p == nil {
			t.Error("replace without a period dropped the wave's period")
		}
		if _, err := s.Surveys.DeleteWave(ctx, w.ID); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"quality_findings", "quality_histograms"} {
			var n int64
			if err := store.DBForTest(s).Table(table).Count(&n).Error; err != nil || n != 0 {
				t.Errorf("%s keeps %d rows of a deleted wave (%v)", table, n, err)
			}
		}
	})
}

// histogramRows reads the stored histograms as "wave field industry band bin: n".
func histogramRows(t *testing.T, s *store.DB) map[string]int64 {
	t.Helper()
	var rows []struct {
		WaveID                    int64
		Field, Industry, SizeBand string
		Bin                       int
		N                         int64
	}
	if err := store.DBForTest(s).Table("quality_histograms").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[fmt.Sprintf("%d %s %s %s %d", r.WaveID, r.Field, r.Industry, r.SizeBand, r.Bin)] = r.N
	}
	return out
}

// TestOutlierBaseline: each load stores its wave's histograms as Go bins
// them, the migration's backfill in SQL gives the same rows, and the
// baseline sums every wave but the one named.
func TestOutlierBaseline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		loadN(t, s, "old", "sha-old", 6, false) // costs 1,000,000·(i+1), revenue 9e9+i
		loadN(t, s, "new", "sha-new", 4, false)
		written := histogramRows(t, s)
		backfill, err := store.HistogramBackfillForTest(s)
		if err != nil {
			t.Fatal(err)
		}
		db := store.DBForTest(s)
		if err := db.Exec("DELETE FROM quality_histograms").Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(backfill).Error; err != nil {
			t.Fatal(err)
		}
		if filled := histogramRows(t, s); fmt.Sprint(filled) != fmt.Sprint(written) || len(written) == 0 {
			t.Errorf("backfill %v\nloads   %v", filled, written)
		}
		bins, err := s.Surveys.OutlierBaseline(ctx, "new", []string{"adoption_cost", "revenue"})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, b := range bins {
			got[fmt.Sprintf("%s %s %s %d", b.Field, b.Industry, b.SizeBand, b.Bin)] += b.N
		}
		want := map[string]int64{}
		for i := range 6 {
			r := loadRow(i, "").Response
			for f, v := range map[string]int64{"adoption_cost": *r.AdoptionCost, "revenue": *r.Revenue} {
				want[fmt.Sprintf("%s %s %s %d", f, r.Industry, r.SizeBand, int(math.Floor(math.Log10(float64(v))*100)))]++
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("baseline %v, want %v", got, want)
		}
		loadN(t, s, "new", "sha-new-2", 1, true)
		w, _ := s.Surveys.WaveByName(ctx, "new")
		for k := range histogramRows(t, s) {
			if strings.HasPrefix(k, fmt.Sprint(w.ID)+" ") && strings.Contains(k, " revenue ") && histogramRows(t, s)[k] != 1 {
				t.Errorf("replace kept the old histogram: %s", k)
			}
		}
	})
}
