package charts

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"axdash/app/model"
)

// builtOption builds a figure from src (wave 2) and its option.
func builtOption(t *testing.T, c *Catalogue, src Source, id string) (*Table, []byte) {
	t.Helper()
	tab, err := c.Build(context.Background(), src, id, model.Filter{WaveID: 2})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Option(tab, "캡션")
	if err != nil {
		t.Fatal(err)
	}
	return tab, b
}

// optionOf builds a figure from src and decodes its option.
func optionOf(t *testing.T, c *Catalogue, src Source, id string) (*Table, map[string]any) {
	t.Helper()
	tab, b := builtOption(t, c, src, id)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return tab, m
}

// TestWithheldBarsAreMarked: every category whose value is withheld gets an
// outlined placeholder bar labelled 비공개 and says so in the tooltip; no
// published value is marked.
func TestWithheldBarsAreMarked(t *testing.T) {
	c := newCatalogue(t)
	// 26 is under the threshold (withheld by the source's view).
	cells := []model.Cell{rateCell("11", 20, 1, 5), rateCell("26", 3, 1, 1), rateCell("27", 8, 1, 2)}
	src := &fakeSource{cells: cells, total: rateCell("", 31, 1, 8),
		choices: []model.Choice{{Code: "비용부담", N: 6, Weight: 6}, {Code: "보안", N: 2, Weight: 2}}}
	tests := []struct {
		id         string
		key        string
		horizontal bool // categories listed bottom-up
	}{
		{"adoption-by-region", "adoption_rate", false},
		{"adoption-stage-by-region", "stage_none", true},
		{"barriers", "share", true},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			tab, m := optionOf(t, c, src, tt.id)
			series := m["series"].([]any)
			first := series[0].(map[string]any)
			withheld, _ := first["withheld"].([]any)
			marked := map[int]bool{}
			if mp, ok := first["markPoint"].(map[string]any); ok {
				for _, p := range mp["data"].([]any) {
					p := p.(map[string]any)
					coord := p["coord"].([]any)
					i := int(coord[0].(float64))
					if tt.horizontal {
						i = int(coord[1].(float64))
					}
					marked[i] = true
					if got := p["label"].(map[string]any)["formatter"]; got != Withheld && got != NoData {
						t.Errorf("mark %d labelled %v", i, got)
					}
				}
			}
			col, hidden := colIndex(tab, tt.key), 0
			for r, row := range tab.Rows {
				_, published := number(row[col])
				if !published {
					hidden++
				}
				if tt.id == "barriers" {
					continue // drawn sorted by share: only the count is checked
				}
				i := r
				if tt.horizontal {
					i = len(tab.Rows) - 1 - r // drawn bottom-up
				}
				if marked[i] == published {
					t.Errorf("row %v: published %v, marked %v", row[:2], published, marked[i])
				}
				if want := RowStatus(tab, r); !published && (i >= len(withheld) || withheld[i] != want || want == "") {
					t.Errorf("row %v: tooltip status %v", row[:2], withheld)
				}
			}
			if hidden == 0 || len(marked) != hidden {
				t.Errorf("%d marks for %d withheld rows", len(marked), hidden)
			}
		})
	}
}

// TestEmptyOptionSaysWhy: a chart with nothing to draw says 자료 없음 and
// why, over its axes; a chart with data has no such text.
func TestEmptyOptionSaysWhy(t *testing.T) {
	c := newCatalogue(t)
	tests := []struct {
		name string
		id   string
		src  *fakeSource
		want string // "" for no note
	}{
		{"data", "adoption-by-region", &fakeSource{cells: []model.Cell{rateCell("11", 20, 1, 5)}}, ""},
		{"nothing under the filter", "adoption-by-size", &fakeSource{}, "선택한 조건에 맞는 응답이 없습니다"},
		{"every cell too small", "adoption-by-industry", &fakeSource{cells: []model.Cell{rateCell("C", 3, 1, 1), rateCell("J", 2, 1, 1)}}, "공개하지 않습니다"},
		{"a column no file had", "use-areas", &fakeSource{total: rateCell("", 40, 1, 9)}, "열이 없었을 수 있습니다"},
		{"empty trend", "adoption-trend", &fakeSource{}, "선택한 조건에 맞는 응답이 없습니다"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, m := optionOf(t, c, tt.src, tt.id)
			g, ok := m["graphic"].([]any)
			if tt.want == "" {
				if ok {
					t.Errorf("graphic on a chart with data: %v", g)
				}
				return
			}
			if !ok || len(g) == 0 {
				t.Fatalf("no graphic; option keys %v", m)
			}
			text, _ := g[0].(map[string]any)["style"].(map[string]any)["text"].(string)
			if !strings.HasPrefix(text, "자료 없음") || !strings.Contains(text, tt.want) {
				t.Errorf("text = %q, want 자료 없음 and %q", text, tt.want)
			}
		})
	}
}

// TestTilesTellWithheldFromNoData: on the tile map, a region whose
// responses are withheld is its own series, named 비공개 in its label and
// tooltip; regions without responses are the grey 자료 없음 tiles.
func TestTilesTellWithheldFromNoData(t *testing.T) {
	c := newCatalogue(t)
	src := &fakeSource{cells: []model.Cell{rateCell("11", 20, 1, 5), rateCell("26", 3, 1, 1), rateCell("27", 8, 1, 2)}}
	_, m := optionOf(t, c, src, "region-tiles")
	names := c.regionNames()
	tests := []struct {
		series int
		want   []string
		label  string
	}{
		{0, []string{names["11"], names["27"]}, ""},
		{1, []string{names["26"]}, Withheld},
		{2, nil, ""}, // the 14 others
	}
	for _, tt := range tests {
		s := m["series"].([]any)[tt.series].(map[string]any)
		var got []string
		for _, d := range s["data"].([]any) {
			got = append(got, d.(map[string]any)["name"].(string))
		}
		if tt.want != nil && strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("series %d tiles %v, want %v", tt.series, got, tt.want)
		}
		if tt.want == nil && len(got) != 14 {
			t.Errorf("series %d has %d tiles, want 14", tt.series, len(got))
		}
		if tt.label == "" {
			continue
		}
		label, _ := s["label"].(map[string]any)["formatter"].(string)
		tip, _ := s["tooltip"].(map[string]any)["formatter"].(string)
		if !strings.Contains(label, tt.label) || !strings.Contains(tip, tt.label) {
			t.Errorf("series %d label %q, tooltip %q, want %q", tt.series, label, tip, tt.label)
		}
	}
}

// TestCompareOptionNamesWithheld: on the region-against-nation chart, a
// withheld region value is labelled 비공개 in its own bar's place when the
// nation's is shown, and marked once when both are withheld.
func TestCompareOptionNamesWithheld(t *testing.T) {
	c := newCatalogue(t)
	ms := []Measure{
		{Key: "adoption_rate", Label: "AI 도입률", Unit: "%", Value: 20.0, Other: 25.0},
		{Key: "support_share", Label: "정부지원 비중", Unit: "%", Value: nil, Other: 10.0},
		{Key: "gap_rate", Label: "AI 인력 부족률", Unit: "%", Value: nil, Other: nil},
	}
	b, err := c.CompareOption(ms, "세종", "w")
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Series []struct {
			Data []struct {
				Value any `json:"value"`
				Label *struct {
					Formatter string `json:"formatter"`
				} `json:"label"`
			} `json:"data"`
			Withheld  []string `json:"withheld"`
			MarkPoint *struct {
				Data []struct {
					Coord []int `json:"coord"`
				} `json:"data"`
			} `json:"markPoint"`
		} `json:"series"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	region, nation := o.Series[0], o.Series[1]
	tests := []struct {
		cat                    int
		regionSays, nationSays string
		inPlace, marked        bool
	}{
		{0, "", "", false, false},
		{1, Withheld, "", true, false},
		{2, Withheld, Withheld, false, true},
	}
	for _, tt := range tests {
		if region.Withheld[tt.cat] != tt.regionSays || nation.Withheld[tt.cat] != tt.nationSays {
			t.Errorf("category %d: tooltips %q / %q", tt.cat, region.Withheld[tt.cat], nation.Withheld[tt.cat])
		}
		d := region.Data[tt.cat]
		if got := d.Label != nil && d.Label.Formatter == Withheld; got != tt.inPlace {
			t.Errorf("category %d: labelled in place %v, want %v", tt.cat, got, tt.inPlace)
		}
		marked := region.MarkPoint != nil && slices.ContainsFunc(region.MarkPoint.Data, func(p struct {
			Coord []int `json:"coord"`
		}) bool {
			return p.Coord[0] == tt.cat
		})
		if marked != tt.marked {
			t.Errorf("category %d: marked %v, want %v", tt.cat, marked, tt.marked)
		}
	}
}
