package charts

import (
	"context"
	"slices"
	"strings"
	"testing"

	"axdash/app/model"
)

// filterSource answers CellTotal and CellRest by filter, so that a test
// can tell the region, the nation, the rest of the country and the
// previous wave apart.
type filterSource struct {
	fakeSource
	totals, rests map[model.Filter]model.Cell
}

func (s *filterSource) CellTotal(_ context.Context, f model.Filter) (model.Cell, error) {
	return withheldBelow([]model.Cell{withExactEst(s.totals[f])})[0], nil
}

func (s *filterSource) CellRest(_ context.Context, f model.Filter) (model.Cell, error) {
	return s.rests[f], nil
}

// TestBriefingMeasures: every briefing measure is set against the previous
// wave when there is one, and against the nation (same wave and other
// filters, no region) when a region is chosen.
func TestBriefingMeasures(t *testing.T) {
	c := newCatalogue(t)
	region, prevRegion := model.Filter{WaveID: 2, Region: "48", Size: "10-49"}, model.Filter{WaveID: 1, Region: "48", Size: "10-49"}
	nation, prevNation := model.Filter{WaveID: 2, Size: "10-49"}, model.Filter{WaveID: 1, Size: "10-49"}
	src := &filterSource{totals: map[model.Filter]model.Cell{
		region: estimated(rateCell("", 20, 1, 10), 0.01), prevRegion: estimated(rateCell("", 20, 1, 8), 0.01),
		nation: estimated(rateCell("", 100, 1, 30), 0.01), prevNation: estimated(rateCell("", 100, 1, 25), 0.01),
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

// TestBriefingClaimsOnlySupportedDifferences: a region's difference from
// the nation (tested against the rest of the country) and a change between
// waves are called a difference only when their 95% interval excludes
// zero; otherwise the sentence says there is no significant difference.
func TestBriefingClaimsOnlySupportedDifferences(t *testing.T) {
	c := newCatalogue(t)
	region, nation := model.Filter{WaveID: 2, Region: "48"}, model.Filter{WaveID: 2}
	prevNation := model.Filter{WaveID: 1}
	for _, tt := range []struct {
		name    string
		f       model.Filter
		prev    int64
		rse     float64 // every estimate's relative standard error
		differs bool
	}{
		{"region beyond its error", region, 0, 0.05, true},
		{"region within its error", region, 0, 0.4, false},
		{"wave change beyond its error", nation, 1, 0.05, true},
		{"wave change within its error", nation, 1, 0.4, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := &filterSource{
				totals: map[model.Filter]model.Cell{
					region: estimated(rateCell("", 20, 1, 10), tt.rse), nation: estimated(rateCell("", 100, 1, 34), tt.rse),
					prevNation: estimated(rateCell("", 100, 1, 20), tt.rse)},
				rests: map[model.Filter]model.Cell{region: estimated(rateCell("", 80, 1, 24), tt.rse)},
			}
			ms, err := c.BriefingMeasures(context.Background(), src, tt.f, tt.prev)
			if err != nil {
				t.Fatal(err)
			}
			m, against := ms[0].Trend, "이전 차수"
			if tt.f.Region != "" {
				m, against = *ms[0].Nation, "전국 평균"
			}
			if m.Key != "adoption_rate" || m.Differs == nil || *m.Differs != tt.differs {
				t.Fatalf("%s: differs %v, want %v", m.Key, m.Differs, tt.differs)
			}
			got := Sentence("경남", against, m)
			value := FormatValue("%", m.Value)
			want, end := "경남의 AI 도입률("+value+")은 "+comitative(against)+" 통계적으로 유의한 차이가 없습니다.", ""
			if tt.differs {
				want, end = "경남의 AI 도입률은 "+instrumental(value)+" "+against+"보다 ", "%p 높습니다."
			}
			if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, end) {
				t.Errorf("sentence %q, want %q…%q", got, want, end)
			}
		})
	}
}
