package charts

import (
	"context"
	"encoding/json"
	"testing"

	"axdash/app/model"
)

// narrowOption is the part of an option the narrow media rule sets.
type narrowOption struct {
	Media []struct {
		Query  struct{ MaxWidth int }
		Option struct {
			XAxis []struct {
				AxisLabel struct{ Rotate int }
			}
			YAxis []struct {
				AxisLabel   struct{ FontSize int }
				SplitNumber int
			}
			Legend *struct {
				Type   string
				Bottom *int
			}
			VisualMap *struct {
				Orient string
				Bottom int
			}
			Series []struct {
				SymbolSize int
				Label      struct{ Rotate int }
			}
		}
	}
}

// TestNarrowMedia: at a chart width of narrowWidth or less, the 시도 axis's
// labels and any word on a bar stand upright, a value axis has fewer ticks, a legend of a few
// series wraps at the bottom, and the tile map draws smaller tiles with its
// colour scale below them.
func TestNarrowMedia(t *testing.T) {
	c := newCatalogue(t)
	cases := []struct {
		id                    string
		upright, small, ticks bool // upright x labels; small y labels; fewer y ticks
		legend, scaleBelow    bool
		anyLegend             bool // the legend wraps or not, by the number of series
	}{
		{id: "adoption-by-region", upright: true, ticks: true},
		{id: "adoption-by-size", upright: true, ticks: true},
		{id: "adoption-stage-by-region", small: true, legend: true},
		{id: "barriers", small: true},
		{id: "region-tiles", scaleBelow: true, anyLegend: true},
		{id: "adoption-trend", ticks: true}, // two waves on its axis, 17 lines: it scrolls its legend
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			tab, err := c.Build(context.Background(), fullSource(), tc.id, model.Filter{WaveID: 2})
			if err != nil {
				t.Fatal(err)
			}
			b, err := c.Option(tab, "")
			if err != nil {
				t.Fatal(err)
			}
			var o narrowOption
			if err := json.Unmarshal(b, &o); err != nil {
				t.Fatal(err)
			}
			if len(o.Media) != 1 {
				t.Fatalf("%d media rules, want one", len(o.Media))
			}
			m := o.Media[0]
			if m.Query.MaxWidth != narrowWidth {
				t.Errorf("query maxWidth %d, want %d", m.Query.MaxWidth, narrowWidth)
			}
			n := m.Option
			if got := len(n.XAxis) > 0 && n.XAxis[0].AxisLabel.Rotate == 90; got != tc.upright {
				t.Errorf("upright x labels: %v, want %v", got, tc.upright)
			}
			for i, sr := range n.Series {
				if got := sr.Label.Rotate == 90; got != tc.upright {
					t.Errorf("series %d: upright words on bars: %v, want %v", i, got, tc.upright)
				}
			}
			if got := len(n.YAxis) > 0 && n.YAxis[0].AxisLabel.FontSize > 0; got != tc.small {
				t.Errorf("smaller y labels: %v, want %v", got, tc.small)
			}
			if got := len(n.YAxis) > 0 && n.YAxis[0].SplitNumber > 0; got != tc.ticks {
				t.Errorf("fewer y ticks: %v, want %v", got, tc.ticks)
			}
			if got := n.Legend != nil && n.Legend.Type == "plain" && n.Legend.Bottom != nil; got != tc.legend && !tc.anyLegend {
				t.Errorf("wrapped legend at the bottom: %v, want %v", got, tc.legend)
			}
			below := n.VisualMap != nil && n.VisualMap.Orient == "horizontal" && len(n.Series) >= 2 &&
				n.Series[0].SymbolSize == narrowTile && n.Series[1].SymbolSize == narrowTile
			if below != tc.scaleBelow {
				t.Errorf("tile map's scale below smaller tiles: %v, want %v", below, tc.scaleBelow)
			}
		})
	}
}
