package disclosure

import (
	"context"
	"math"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
)

// The same cell shows the same published numbers in every table and filter
// that reaches it: 41 × C as a row by region (filter industry C), as a row
// by industry (filter region 41), as the total of both filters, and in the
// trend.
func TestSameCellSameValuesEverywhere(t *testing.T) {
	w, _ := thinWave(t)
	pub, _ := views(w)
	ctx := context.Background()
	pick := func(cells []model.Cell, key string) model.Cell {
		for _, c := range cells {
			if c.Key == key {
				return c
			}
		}
		t.Fatalf("no cell %s in %v", key, cells)
		return model.Cell{}
	}
	byRegion, _ := pub.CellsBy(ctx, cube.ByRegion, model.Filter{WaveID: 1, Industry: "C"})
	byIndustry, _ := pub.CellsBy(ctx, cube.ByIndustry, model.Filter{WaveID: 1, Region: "41"})
	trend, _ := pub.TrendBy(ctx, cube.ByRegion, model.Filter{WaveID: 1, Industry: "C"})
	total, _ := pub.CellTotal(ctx, model.Filter{WaveID: 1, Region: "41", Industry: "C"})
	tests := []struct {
		name string
		cell model.Cell
	}{
		{"row by region", pick(byRegion, "41")},
		{"row by industry", pick(byIndustry, "C")},
		{"trend", pick(trend, "41")},
	}
	for _, tt := range tests {
		for _, m := range []string{cube.MeasureAdoption, cube.MeasureCost, cube.TotalOf(cube.MeasureStaffNeeded)} {
			if tt.cell.Est.Of(m) != total.Est.Of(m) {
				t.Errorf("%s: %s = %+v, the total's %+v", tt.name, m, tt.cell.Est.Of(m), total.Est.Of(m))
			}
		}
		if tt.cell.N != total.N || tt.cell.WAdopted != total.WAdopted || tt.cell.WXCost != total.WXCost {
			t.Errorf("%s: n %d, adopted %v, cost %v; the total's %d, %v, %v", tt.name, tt.cell.N, tt.cell.WAdopted,
				tt.cell.WXCost, total.N, total.WAdopted, total.WXCost)
		}
	}
}

// Cells of 1–4 firms are withheld whole, n and every estimate, and have no
// multi-select rows; a filter that matches nobody is empty; the internal
// view shows the same cells with their rule and nothing hidden.
func TestSmallAndEmptyCellsWithheld(t *testing.T) {
	w, _ := thinWave(t)
	pub, in := views(w)
	ctx := context.Background()
	tests := []struct {
		name   string
		filter model.Filter
		rule   string
	}{
		{"one firm", model.Filter{WaveID: 1, Region: "41", Industry: "L", Size: "300+"}, model.RuleSmall},
		{"three firms", model.Filter{WaveID: 1, Region: "11", Size: "300+"}, model.RuleSmall},
		{"nobody", model.Filter{WaveID: 1, Region: "11", Industry: "L", Size: "300+"}, model.RuleEmpty},
		{"five firms", model.Filter{WaveID: 1, Region: "41", Industry: "L", Size: "1-9"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := pub.CellTotal(ctx, tt.filter)
			i, _ := in.CellTotal(ctx, tt.filter)
			if p.Rule != tt.rule || p.Hidden != (tt.rule != "") || i.Rule != tt.rule || i.Hidden {
				t.Fatalf("public rule %q hidden %t, internal rule %q hidden %t; want rule %q", p.Rule, p.Hidden, i.Rule, i.Hidden, tt.rule)
			}
			choices, _ := pub.Choices(ctx, model.ChoiceBarrier, tt.filter)
			if tt.rule == "" {
				if p.N < 5 || len(choices) == 0 {
					t.Errorf("published cell: n %d, %d barrier rows", p.N, len(choices))
				}
				return
			}
			if p.N != 0 || p.Weight != 0 || p.WAdopted != 0 || len(choices) != 0 {
				t.Errorf("withheld cell shows n %d, weight %v, adopted %v, %d barrier rows", p.N, p.Weight, p.WAdopted, len(choices))
			}
			for m, e := range p.Est.All() {
				if !e.Hidden || e.Value != 0 || e.SE != 0 || e.Rule != tt.rule {
					t.Errorf("%s = %+v, want withheld under %q", m, e, tt.rule)
				}
			}
		})
	}
}

// Over the 256 cell keys of one high part, the published rate, count and
// magnitude of a cell away from their bounds average to the cube's value:
// the perturbation is unbiased.
func TestPerturbationUnbiased(t *testing.T) {
	var firms []firm
	for i := range 40 {
		firms = append(firms, firm{region: "11", industry: "C", size: "1-9", adopted: i%2 == 0, cost: int64(1_000_000 * (1 + i%7)),
			staff: 1 + i%3, need: 3 + i%4})
	}
	p := New(testConfig())
	tests := []struct {
		name  string
		value func(model.Cell) float64
	}{
		{"adoption rate", func(c model.Cell) float64 { return c.Est.Of(cube.MeasureAdoption).Value }},
		{"n", func(c model.Cell) float64 { return float64(c.N) }},
		{"cost total", func(c model.Cell) float64 { return c.Est.Of(cube.TotalOf(cube.MeasureCost)).Value }},
		{"staff now", func(c model.Cell) float64 { return c.Current }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sum, truth float64
			for lo := range TableSize {
				// The cell's key runs over every low part of one high
				// part: every position once (TestNoiseUnbiasedForEveryHigh).
				firms[0].key = 0x5a5a5<<8 | lo
				w := waveOf(t, firms)
				c := cellAt(t, w, cube.Key{Region: "11", Industry: "C", Size: "1-9"})
				sum += tt.value(p.Public(w, c))
				truth = tt.value(p.Internal(w, c))
			}
			if mean := sum / TableSize; math.Abs(mean-truth) > 1e-9*math.Max(1, truth) {
				t.Errorf("mean published %v, cube %v", mean, truth)
			}
		})
	}
}

// cellAt is the wave's cell at k.
func cellAt(t *testing.T, w *cube.Wave, k cube.Key) *cube.Cell {
	t.Helper()
	for c := range w.Cells() {
		if c.Key == k {
			return c
		}
	}
	t.Fatalf("no cell %v", k)
	return nil
}
