package charts

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"axdash/app/model"
)

// cueOption is the part of a chart option the non-colour cues live in.
type cueOption struct {
	Aria *struct {
		Enabled bool `json:"enabled"`
		Label   struct {
			Enabled *bool `json:"enabled"`
		} `json:"label"`
		Decal struct {
			Show bool `json:"show"`
		} `json:"decal"`
	} `json:"aria"`
	Series []optionSeries `json:"series"`
}

// drawn are the option's series other than the intervals' (IntervalSeries).
func (o cueOption) drawn() []optionSeries {
	return slices.DeleteFunc(slices.Clone(o.Series), func(s optionSeries) bool { return s.Name == IntervalSeries })
}

// optionSeries is what the tests read of an option's series.
type optionSeries struct {
	Name      string `json:"name"`
	Symbol    string `json:"symbol"`
	LineStyle struct {
		Color string `json:"color"`
		Type  string `json:"type"`
	} `json:"lineStyle"`
	ItemStyle struct {
		Color string `json:"color"`
	} `json:"itemStyle"`
	EndLabel struct {
		Show      bool   `json:"show"`
		Formatter string `json:"formatter"`
	} `json:"endLabel"`
}

func buildOption(t *testing.T, c *Catalogue, id string, src Source, f model.Filter) cueOption {
	t.Helper()
	tab, err := c.Build(context.Background(), src, id, f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Option(tab, "w")
	if err != nil {
		t.Fatal(err)
	}
	var o cueOption
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// The trend's 18 lines (전국 too): no two alike in colour, marker and dash; lines of
// one colour differ in marker and dash both; each is named at its end.
func TestTrendLinesDistinctWithoutColour(t *testing.T) {
	c := newCatalogue(t)
	src := &fakeSource{}
	for w, name := range []string{"2025-H2", "2026-H1"} {
		for _, r := range c.regions.Regions {
			cell := rateCell(r.Code, 9, 1, 3)
			cell.WaveID, cell.Wave = int64(w+1), name
			src.trend = append(src.trend, cell)
		}
	}
	o := buildOption(t, c, "adoption-trend", src, model.Filter{WaveID: 2})
	o.Series = o.drawn()
	if len(o.Series) != 18 { // 17 시도 and 전국
		t.Fatalf("%d lines, want 18", len(o.Series))
	}
	seen := map[string]string{}
	byColour := map[string][]int{}
	for i, s := range o.Series {
		if s.Symbol == "" || s.LineStyle.Color == "" || s.LineStyle.Type == "" {
			t.Errorf("line %s: symbol %q colour %q dash %q", s.Name, s.Symbol, s.LineStyle.Color, s.LineStyle.Type)
		}
		key := fmt.Sprint(s.LineStyle.Color, s.Symbol, s.LineStyle.Type)
		if other, dup := seen[key]; dup {
			t.Errorf("%s and %s are both %s", other, s.Name, key)
		}
		seen[key] = s.Name
		byColour[s.LineStyle.Color] = append(byColour[s.LineStyle.Color], i)
		if !s.EndLabel.Show || s.EndLabel.Formatter != "{a}" {
			t.Errorf("line %s has no end label: %+v", s.Name, s.EndLabel)
		}
	}
	for colour, idx := range byColour {
		for a := 0; a < len(idx); a++ {
			for b := a + 1; b < len(idx); b++ {
				x, y := o.Series[idx[a]], o.Series[idx[b]]
				if x.Symbol == y.Symbol || x.LineStyle.Type == y.LineStyle.Type {
					t.Errorf("%s and %s share colour %s and marker %q or dash %q", x.Name, y.Name, colour, x.Symbol, x.LineStyle.Type)
				}
			}
		}
	}
}

// The stage and cost charts carry decal patterns, keep ECharts from
// replacing the page's chart label, and colour each series distinctly at
// least 3:1 against white.
func TestBarSeriesDecalsAndColours(t *testing.T) {
	c := newCatalogue(t)
	for _, tc := range []struct {
		id     string
		series int
	}{{"adoption-stage-by-region", 5}, {"cost-by-size", 2}, {"cost-by-industry", 2}, {"cost-by-region", 2}} {
		t.Run(tc.id, func(t *testing.T) {
			o := buildOption(t, c, tc.id, fullSource(), model.Filter{})
			if o.Aria == nil || !o.Aria.Enabled || !o.Aria.Decal.Show {
				t.Fatalf("aria %+v, want decals shown", o.Aria)
			}
			if o.Aria.Label.Enabled == nil || *o.Aria.Label.Enabled {
				t.Error("aria.label must be off: ECharts would overwrite the page's aria-label")
			}
			bars := o.drawn()
			if len(bars) != tc.series {
				t.Fatalf("%d bar series, want %d", len(bars), tc.series)
			}
			colours := map[string]bool{}
			for _, s := range bars {
				col, err := parseHex(s.ItemStyle.Color)
				if err != nil {
					t.Fatalf("series %s: %v", s.Name, err)
				}
				if cr := contrast(col, mustHex("#ffffff")); cr < 3 {
					t.Errorf("series %s colour %s is %.2f:1 against white", s.Name, s.ItemStyle.Color, cr)
				}
				colours[s.ItemStyle.Color] = true
			}
			if len(colours) != tc.series {
				t.Errorf("%d distinct colours for %d series", len(colours), tc.series)
			}
		})
	}
}

func TestCompareOptionDecals(t *testing.T) {
	c := newCatalogue(t)
	b, err := c.CompareOption([]Measure{{Label: "AI 도입률", Unit: "%", Value: 30.0, Other: 25.0}}, "경남", "w")
	if err != nil {
		t.Fatal(err)
	}
	var o cueOption
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if o.Aria == nil || !o.Aria.Decal.Show || len(o.Series) != 2 || o.Series[0].ItemStyle.Color == o.Series[1].ItemStyle.Color {
		t.Errorf("compare option: aria %+v, series %+v", o.Aria, o.Series)
	}
}
