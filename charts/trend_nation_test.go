package charts

import (
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"axdash/app/model"
)

// twoWaveTrend is a trend source of two waves of different size over 서울,
// 부산 and 경남.
func twoWaveTrend() *fakeSource {
	src := &fakeSource{}
	for w, wave := range []struct {
		name string
		n    int
	}{{"2025-H2", 500}, {"2026-H1", 90}} {
		for i, code := range []string{"11", "26", "48"} {
			cell := rateCell(code, wave.n/3, 1+float64(i), wave.n/10*(i+1)/3)
			cell.WaveID, cell.Wave = int64(w+1), wave.name
			src.trend = append(src.trend, cell)
		}
	}
	return src
}

// TestTrendNationAndNPerWave: each wave has a 전국 row over all its
// responses; the table's n is the chosen wave's, never the sum of waves,
// and the notes give each wave's n.
func TestTrendNationAndNPerWave(t *testing.T) {
	c := newCatalogue(t)
	src := twoWaveTrend()
	tab, err := c.Build(context.Background(), src, "adoption-trend", model.Filter{WaveID: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		wave string
		id   int64
	}{{"2025-H2", 1}, {"2026-H1", 2}} {
		n, w, a := 0, 0.0, 0.0
		for _, cell := range src.trend {
			if cell.WaveID == tt.id {
				n, w, a = n+cell.N, w+cell.Weight, a+cell.AdoptedWeight()
			}
		}
		i := slices.IndexFunc(tab.Rows, func(r []any) bool { return r[0] == tt.wave && r[1] == NationCode })
		if i < 0 {
			t.Fatalf("no 전국 row for %s in %v", tt.wave, tab.Rows)
		}
		rate, _ := tab.Rows[i][3].(float64)
		if tab.Rows[i][2] != n || math.Abs(rate-100*a/w) > 1e-9 {
			t.Errorf("%s 전국 = %v, want n=%d rate %v", tt.wave, tab.Rows[i], n, 100*a/w)
		}
		if tt.id == 2 && tab.N != n {
			t.Errorf("n = %d, want the chosen wave's %d", tab.N, n)
		}
	}
	if !slices.ContainsFunc(tab.Notes, func(s string) bool {
		return strings.Contains(s, "2025-H2 498개") && strings.Contains(s, "2026-H1 90개")
	}) {
		t.Errorf("notes %q lack each wave's n", tab.Notes)
	}
	if strings.Contains(tab.Figure.Description, "wave") {
		t.Errorf("description %q has English", tab.Figure.Description)
	}
}

// TestTrendHighlight: highlighted 시도 keep their own cue and end label, the
// others are faint and unlabelled; 전국 is always drawn bold.
func TestTrendHighlight(t *testing.T) {
	c := newCatalogue(t)
	tests := []struct {
		name      string
		highlight []string
		full      []string // series drawn in full, 전국 included; nil: all
	}{
		{"none: every line in full", nil, nil},
		{"one", []string{"48"}, []string{"경남", "전국"}},
		{"two", []string{"11", "26"}, []string{"부산", "서울", "전국"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := c.Build(context.Background(), twoWaveTrend(), "adoption-trend", model.Filter{WaveID: 2})
			if err != nil {
				t.Fatal(err)
			}
			tab.Highlight = tt.highlight
			b, err := c.Option(tab, "w")
			if err != nil {
				t.Fatal(err)
			}
			var o cueOption
			if err := json.Unmarshal(b, &o); err != nil {
				t.Fatal(err)
			}
			var full, all []string
			cues := map[string]bool{}
			for _, s := range o.drawn() {
				all = append(all, s.Name)
				if !s.EndLabel.Show {
					continue
				}
				full = append(full, s.Name)
				if key := s.LineStyle.Color + s.Symbol + s.LineStyle.Type; cues[key] {
					t.Errorf("%s repeats cue %s", s.Name, key)
				} else {
					cues[key] = true
				}
			}
			want := tt.full
			if want == nil {
				want = all
			}
			slices.Sort(full)
			slices.Sort(want)
			if len(all) != 18 || !slices.Equal(full, want) {
				t.Errorf("%d lines, drawn in full %v, want %v", len(all), full, want)
			}
		})
	}
}

// regionTrendSource answers TrendBy as the cube does: a region filter
// keeps that region's cells only.
type regionTrendSource struct{ *fakeSource }

func (s regionTrendSource) TrendBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error) {
	all, err := s.fakeSource.TrendBy(ctx, dim, f)
	if f.Region == "" {
		return all, err
	}
	var out []model.Cell
	for _, cell := range all {
		if cell.Key == f.Region {
			out = append(out, cell)
		}
	}
	return out, err
}

// TestRegionTrendHasNation: a region page's trend has the region's rows and,
// per wave, the 전국 row over every region, not over the region alone.
func TestRegionTrendHasNation(t *testing.T) {
	c := newCatalogue(t)
	src := regionTrendSource{twoWaveTrend()}
	tab, err := c.Build(context.Background(), src, "adoption-trend", model.Filter{WaveID: 2, Region: "48"})
	if err != nil {
		t.Fatal(err)
	}
	var regions []string
	for _, row := range tab.Rows {
		regions = append(regions, row[1].(string))
		if row[1] == NationCode {
			want := 0
			for _, cell := range src.trend {
				if cell.Wave == row[0] {
					want += cell.N
				}
			}
			if row[2] != want {
				t.Errorf("%v 전국 n = %v, want %d over every region", row[0], row[2], want)
			}
		}
	}
	if strings.Join(regions, ",") != "48,00,48,00" {
		t.Errorf("rows by region %v, want 경남 and 전국 per wave", regions)
	}
	if tab.N != 30 {
		t.Errorf("n = %d, want 경남's in the chosen wave (30)", tab.N)
	}
}
