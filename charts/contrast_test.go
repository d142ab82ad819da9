package charts

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"axdash/app/model"
)

func TestContrast(t *testing.T) {
	cases := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#767676", "#ffffff", 4.54}, // the lightest grey WCAG's own examples pass on white
		{"#ffffff", "#767676", 4.54},
	}
	for _, tc := range cases {
		if got := contrast(mustHex(tc.a), mustHex(tc.b)); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
	for _, bad := range []string{"", "#fff", "000000", "#gg0000"} {
		if _, err := parseHex(bad); err == nil {
			t.Errorf("parseHex(%q) accepted", bad)
		}
	}
}

// Every fill the tile map's scale can give, on every scale top, carries a
// label of at least 4.5:1; so does the grey of a tile without a value.
func TestTileLabelContrastEveryFill(t *testing.T) {
	const steps = 1000
	for _, hi := range []float64{10, 50, 100} {
		for i := 0; i <= steps; i++ {
			rate := hi * float64(i) / steps
			fill := tileFill(rate, hi)
			if c := contrast(fill, mustHex(labelOn(fill))); c < 4.5 {
				t.Fatalf("rate %.2f of %.0f: fill %s, label %s, contrast %.2f", rate, hi, fill.hex(), labelOn(fill), c)
			}
		}
	}
	if c := contrast(mustHex(noData), mustHex(labelOn(mustHex(noData)))); c < 4.5 {
		t.Errorf("자료 없음 tile contrast %.2f", c)
	}
}

// drawnOn builds figure id from fullSource and draws it with draw.
func drawnOn(t *testing.T, id string, draw func(*Catalogue, *Table, string) ([]byte, error)) []byte {
	t.Helper()
	c := newCatalogue(t)
	tab, err := c.Build(context.Background(), fullSource(), id, model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := draw(c, tab, "w")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The option itself gives each tile the label colour its fill needs.
func TestTilesOptionLabelContrast(t *testing.T) {
	opt := drawnOn(t, "region-tiles", (*Catalogue).Option)
	var o struct {
		Series []struct {
			ItemStyle struct {
				Color   string  `json:"color"`
				Opacity float64 `json:"opacity"`
			} `json:"itemStyle"`
			Label struct {
				Color string `json:"color"`
			} `json:"label"`
			Data []struct {
				Name  string `json:"name"`
				Value []any  `json:"value"`
				Label *struct {
					Color string `json:"color"`
				} `json:"label"`
			} `json:"data"`
		} `json:"series"`
		VisualMap struct {
			Max   float64 `json:"max"`
			Range struct {
				Color []string `json:"color"`
			} `json:"inRange"`
		} `json:"visualMap"`
	}
	if err := json.Unmarshal(opt, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.VisualMap.Range.Color) != 2 {
		t.Fatalf("visualMap colours %v", o.VisualMap.Range.Color)
	}
	for i, s := range o.Series {
		if s.ItemStyle.Opacity != 1 { // a translucent tile is lighter than the fill computed here
			t.Errorf("series %d tiles have opacity %v, want 1", i, s.ItemStyle.Opacity)
		}
	}
	low, high := mustHex(o.VisualMap.Range.Color[0]), mustHex(o.VisualMap.Range.Color[1])
	checked := 0
	for _, d := range o.Series[0].Data {
		rate, _ := d.Value[2].(float64)
		fill := lerp(low, high, rate/o.VisualMap.Max)
		if d.Label == nil {
			t.Fatalf("tile %s has no label colour", d.Name)
		}
		if cr := contrast(fill, mustHex(d.Label.Color)); cr < 4.5 {
			t.Errorf("tile %s (%.1f%%): label %s on %s is %.2f:1", d.Name, rate, d.Label.Color, fill.hex(), cr)
		}
		checked++
	}
	// The 비공개 and 자료 없음 tiles: one fill and label colour each.
	for _, s := range o.Series[1:] {
		if cr := contrast(mustHex(s.ItemStyle.Color), mustHex(s.Label.Color)); cr < 4.5 {
			t.Errorf("label %s on %s is %.2f:1", s.Label.Color, s.ItemStyle.Color, cr)
		}
		checked += len(s.Data)
	}
	if len(o.Series) != 3 || checked != 17 {
		t.Errorf("%d tiles in %d series, want 17 in 3", checked, len(o.Series))
	}
}

// The boundary map's areas get the same label colours as the tiles.
func TestMapOptionLabelContrast(t *testing.T) {
	b := drawnOn(t, "adoption-by-region", (*Catalogue).MapOption)
	var o struct {
		Series []struct {
			Data []struct {
				Name  string `json:"name"`
				Value any    `json:"value"`
				Label struct {
					Color string `json:"color"`
				} `json:"label"`
			} `json:"data"`
		} `json:"series"`
		VisualMap struct {
			Max float64 `json:"max"`
		} `json:"visualMap"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	rated := 0
	for _, d := range o.Series[0].Data {
		fill := mustHex("#eeeeee") // ECharts' area colour for a region without a value
		if rate, ok := d.Value.(float64); ok {
			fill, rated = tileFill(rate, o.VisualMap.Max), rated+1
		}
		col, err := parseHex(d.Label.Color)
		if err != nil {
			t.Fatalf("area %s: %v", d.Name, err)
		}
		if cr := contrast(fill, col); cr < 4.5 {
			t.Errorf("area %s (%v): label %s on %s is %.2f:1", d.Name, d.Value, d.Label.Color, fill.hex(), cr)
		}
	}
	if rated == 0 || len(o.Series[0].Data) != 17 {
		t.Errorf("%d areas, %d with a rate", len(o.Series[0].Data), rated)
	}
}
