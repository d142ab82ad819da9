package store_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"axdash/app/disclosure"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
	"axdash/configs"
)

// refFigure says how to compute a grouped figure's rows from reference
// cells: by which dimension, how many leading columns, the row's n and the
// values after it, straight from design §5.
type refFigure struct {
	id, dim string
	lead    int
	n       func(refCell) int
	values  func(refCell) []any
}

func ratio(part, whole float64) any {
	if whole <= 0 {
		return nil
	}
	return 100 * part / whole
}

func refFigures() []refFigure {
	n := func(c refCell) int { return c.N }
	nCost := func(c refCell) int { return c.NCost }
	adoption := func(c refCell) []any { return []any{ratio(c.WAdopted+c.WScaled, c.Weight)} }
	stages := func(c refCell) []any {
		return []any{ratio(c.WNone, c.Weight), ratio(c.WReview, c.Weight), ratio(c.WPilot, c.Weight),
			ratio(c.WAdopted, c.Weight), ratio(c.WScaled, c.Weight)}
	}
	cost := func(c refCell) []any {
		return []any{math.Round(c.WXCost / c.WCost), float64(*c.MedianCost)} // money in whole 원
	}
	support := func(c refCell) []any { return []any{ratio(c.WXSupport, c.WXCost)} }
	talent := func(c refCell) []any { return []any{c.Current, c.Needed, c.Gap, ratio(c.Gap, c.Needed)} }
	return []refFigure{
		{"adoption-by-region", "region", 2, n, adoption}, {"region-tiles", "region", 2, n, adoption},
		{"adoption-by-industry", "industry", 1, n, adoption}, {"adoption-by-size", "size", 1, n, adoption},
		{"adoption-stage-by-region", "region", 2, n, stages},
		{"cost-by-size", "size", 1, nCost, cost}, {"cost-by-industry", "industry", 1, nCost, cost},
		{"cost-by-region", "region", 2, nCost, cost}, {"support-share-by-region", "region", 2, nCost, support},
		{"talent-gap-by-region", "region", 2, n, talent}, {"talent-gap-by-industry", "industry", 1, n, talent},
	}
}

// refHidden is the disclosure layer's frequency rule, written
// independently of it: a row of a group with responses whose n (the
// row's: responses, or those with a cost) is under 5 is withheld, n too.
func refHidden(c *refCell, n int) bool { return c != nil && n < 5 }

// published is the figures' public source over s's cubes with the
// disclosure layer's thresholds and no noise, and no precision rule (the
// reference checks the frequency rule; the precision rule has tests of
// its own): the numbers the reference computes, withheld where the rule
// says.
func published(t testing.TB, s *store.DB) charts.Source {
	t.Helper()
	d := configs.DefaultDesign()
	d.Precision.CautionRSE, d.Precision.WithholdRSE = math.Inf(1), math.Inf(1)
	return disclosure.New(configs.FiguresConfig{SuppressBelow: 5, Disclosure: configs.DisclosureConfig{MedianMin: 1}}).
		ViewOf(cubesOf(t, s, d), true)
}

func TestFigureTablesMatchReference(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		cat := newCatalogue(t)
		waves, ids := refData(t, s)
		src := published(t, s)
		for wi, rows := range waves {
			for _, f := range refFilters {
				f.WaveID = ids[wi]
				for _, fig := range refFigures() {
					tab, err := cat.Build(context.Background(), src, fig.id, f)
					if err != nil {
						t.Fatal(err)
					}
					checkTable(t, fmt.Sprintf("wave %d %+v %s", wi, f, fig.id), tab.Rows, fig, refCells(rows, fig.dim, f))
				}
			}
		}
	})
}

func checkTable(t *testing.T, what string, rows [][]any, fig refFigure, cells map[string]*refCell) {
	t.Helper()
	ns := make([]int, len(rows))
	for i, row := range rows {
		if c := cells[row[0].(string)]; c != nil {
			ns[i] = fig.n(*c)
		}
	}
	present := 0
	for i, row := range rows {
		key := row[0].(string)
		var wantN any = ns[i]
		if refHidden(cells[key], ns[i]) {
			wantN = nil
		}
		if row[fig.lead] != wantN {
			t.Errorf("%s %s: n = %v, want %v", what, key, row[fig.lead], wantN)
		}
		if cells[key] != nil {
			present++
		}
		var want []any
		if refHidden(cells[key], ns[i]) || cells[key] == nil {
			want = make([]any, len(row)-fig.lead-1)
		} else {
			want = fig.values(*cells[key])
		}
		for j, w := range want {
			if !sameValue(row[fig.lead+1+j], w) {
				t.Errorf("%s %s: column %d = %v, want %v (n=%d)", what, key, fig.lead+1+j, row[fig.lead+1+j], w, ns[i])
			}
		}
	}
	if present != len(cells) {
		t.Errorf("%s: %d groups in the table, %d in the data", what, present, len(cells))
	}
}

func sameValue(got, want any) bool {
	switch w := want.(type) {
	case nil:
		return got == nil
	case float64:
		g, ok := got.(float64)
		return ok && near(g, w)
	default:
		return got == want
	}
}

// TestSuppressionEdges pins the cases the reference data was made for.
func TestSuppressionEdges(t *testing.T) {
	s := storetest.SQLite(t)
	cat := newCatalogue(t)
	_, ids := refData(t, s)
	src := published(t, s)
	rate := func(wave int64, code string) (any, any) {
		tab, err := cat.Build(context.Background(), src, "adoption-by-region", model.Filter{WaveID: wave})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range tab.Rows {
			if r[0] == code {
				return r[3], r[2]
			}
		}
		return nil, 0
	}
	tests := []struct {
		wave  int64
		code  string
		n     int
		shown bool
	}{
		{ids[0], "50", 4, false}, {ids[0], "30", 4, false}, {ids[0], "36", 5, true},
		{ids[1], "50", 4, false}, {ids[1], "36", 5, true}, {ids[1], "27", 9, true}, // no second blank beside 50
	}
	for _, tt := range tests {
		v, n := rate(tt.wave, tt.code)
		if (tt.shown && n != tt.n) || (!tt.shown && n != nil) || (v != nil) != tt.shown {
			t.Errorf("wave %d region %s: n=%d rate=%v, want n=%d shown=%v", tt.wave, tt.code, n, v, tt.n, tt.shown)
		}
	}
}
