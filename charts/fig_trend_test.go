package charts

import (
	"context"
	"slices"
	"testing"

	"axdash/app/model"
)

// TestTrendSkipsSyntheticWaves: a real wave's trend leaves the demo waves
// out; a demo wave's trend keeps every wave up to it.
func TestTrendSkipsSyntheticWaves(t *testing.T) {
	c := newCatalogue(t)
	waves := []struct {
		id        int64
		name      string
		synthetic bool
	}{{1, "demo-1", true}, {2, "2025-H2", false}, {3, "demo-3", true}, {4, "2026-H1", false}}
	cases := []struct {
		chosen int64
		want   []string
	}{
		{4, []string{"2025-H2", "2026-H1"}},
		{2, []string{"2025-H2"}},
		{3, []string{"demo-1", "2025-H2", "demo-3"}},
		{1, []string{"demo-1"}},
	}
	src := fullSource()
	src.trend = nil
	for _, w := range waves {
		for _, key := range []string{"11", "26"} {
			cell := rateCell(key, 9, 1, 3)
			cell.WaveID, cell.Wave, cell.Synthetic = w.id, w.name, w.synthetic
			src.trend = append(src.trend, cell)
		}
	}
	for _, tc := range cases {
		tab, err := c.Build(context.Background(), src, "adoption-trend", model.Filter{WaveID: tc.chosen})
		if err != nil {
			t.Fatal(err)
		}
		if got := trendWaveNames(tab); !slices.Equal(got, tc.want) {
			t.Errorf("trend of wave %d: %v, want %v", tc.chosen, got, tc.want)
		}
	}
}

// trendWaveNames are the waves a trend table holds, in order.
func trendWaveNames(tab *Table) []string {
	var out []string
	for _, r := range tab.Rows {
		if w := r[0].(string); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
