package charts

import (
	"context"
	"slices"
	"testing"

	"axdash/app/model"
)

// filterSource answers CellTotal by filter, so that a test can tell the
// region, the nation and the previous wave apart.
type filterSource struct {
	fakeSource
	totals map[model.Filter]model.Cell
}

func (s *filterSource) CellTotal(_ context.Context, f model.Filter) (model.Cell, error) {
	return withheldBelow([]model.Cell{s.totals[f]})[0], nil
}

// TestBriefingMeasures: every briefing measure is set against the previous
// wave when there is one, and against the nation (same wave and other
// filters, no region) when a region is chosen.
func TestBriefingMeasures(t *testing.T) {
	c := newCatalogue(t)
	region, prevRegion := model.Filter{WaveID: 2, Region: "48", Size: "10-49"}, model.Filter{WaveID: 1, Region: "48", Size: "10-49"}
	nation, prevNation := model.Filter{WaveID: 2, Size: "10-49"}, model.Filter{WaveID: 1, Size: "10-49"}
	src := &filterSource{totals: map[model.Filter]model.Cell{
		region: rateCell("", 20, 1, 10), prevRegion: rateCell("", 20, 1, 8),
		nation: rateCell("", 100, 1, 30), prevNation: rateCell("", 100, 1, 25),
	}}
	rate := func(f model.Filter) float64 { cell := src.totals[f]; return 100 * cell.AdoptedWeight() / cell.Weight }
	tests := []struct {
		name         string
		f            model.Filter
		prev         int64
		trend, other any // adoption rate's previous-wave and national values
	}{
		{"region with a previous wave", region, 1, rate(prevRegion), rate(nation)},
		{"region in the first wave", region, 0, nil, rate(nation)},
		{"nation with a previous wave", nation, 1, rate(prevNation), nil},
		{"nation in the first wave", nation, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := c.BriefingMeasures(context.Background(), src, tt.f, tt.prev)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, m := range ms {
				keys = append(keys, m.Trend.Key)
				if (m.Nation != nil) != (tt.f.Region != "") || (m.Nation != nil && m.Nation.Key != m.Trend.Key) {
					t.Errorf("%s: nation comparison %+v for region %q", m.Trend.Key, m.Nation, tt.f.Region)
				}
			}
			if want := []string{"adoption_rate", "mean_cost", "support_share", "gap_rate", "exemplars"}; !slices.Equal(keys, want) {
				t.Fatalf("keys = %q, want %q", keys, want)
			}
			a := ms[0]
			if a.Trend.Value != rate(tt.f) || a.Trend.Other != tt.trend {
				t.Errorf("adoption = %v against %v, want %v against %v", a.Trend.Value, a.Trend.Other, rate(tt.f), tt.trend)
			}
			if a.Nation != nil && (a.Nation.Other != tt.other || a.Nation.Change != rate(tt.f)-tt.other.(float64)) {
				t.Errorf("against the nation: %v (%v), want %v", a.Nation.Other, a.Nation.Change, tt.other)
			}
		})
	}
}
