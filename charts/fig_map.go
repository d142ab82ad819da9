package charts

import (
	"math"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/xuri/excelize/v2"
)

// mapFigures is the tile map of the adoption rate; the choropleth on an
// operator's boundary map (MapOption) redraws a figure marked Choropleth.
func mapFigures() []def {
	return []def{
		// Not in the briefing workbook: Excel cannot draw tiles, and the
		// sheet would repeat the bar chart by region.
		{Figure: Figure{ID: "region-tiles", Title: "시도별 AI 도입률 지도", Description: "시도마다 같은 크기의 칸을 대략의 위치에 놓고 AI 도입률로 색칠한 타일 지도",
			Filters: allFilters()},
			build: adoptionBy(ByRegion), notes: rateNotes(adoptedNote), chart: (*Catalogue).tiles,
			excel: &excelChart{typ: excelize.Col, vals: []string{"adoption_rate"}}},
	}
}

// BoundaryMap is the name the optional 시도 boundary GeoJSON is registered
// under (echarts.registerMap) before any chart is drawn.
const BoundaryMap = "kr-sido"

// tileSize is a tile's side in pixels; the grid below is sized so that six
// columns and six rows of tiles leave a small gap between squares.
const tileSize = 42

// The colour ramp of the rate maps, light to dark, and the fill of a tile
// with no value.
const (
	rateLight = "#deebf7"
	rateDark  = "#08519c"
	noData    = "#c9ced6"
)

// patched lets us set the few option fields go-echarts has no field for
// (visualMap.seriesIndex), on the map it returns, before json.Marshal.
type patched struct {
	chart
	patch func(map[string]interface{})
}

func (p patched) JSON() map[string]interface{} {
	m := p.chart.JSON()
	p.patch(m)
	return m
}

// mapMax is the top of the rate maps' scale: the highest rate rounded up
// to ten, at least 10.
func mapMax(t *Table) float64 {
	hi := 10.0
	if col := colIndex(t, "adoption_rate"); col >= 0 {
		for _, row := range t.Rows {
			if f, ok := number(row[col]); ok {
				hi = math.Max(hi, math.Ceil(f/10)*10)
			}
		}
	}
	return hi
}

// tileFill is the colour the visualMap gives a rate on a scale 0–hi.
func tileFill(rate, hi float64) rgb {
	return lerp(mustHex(rateLight), mustHex(rateDark), rate/hi)
}

// visualMap colours series 0 (its value dimension dim, or its only value
// when dim < 0) from 0 to a round maximum. It is not calculable: a dragged
// range would recolour tiles whose label colours were chosen for the fill
// the full range gives them.
func visualMap(t *Table, dim int) map[string]interface{} {
	vm := map[string]interface{}{
		"type": "continuous", "min": 0, "max": mapMax(t), "seriesIndex": 0,
		"text": []string{"높음", "낮음"}, "right": "10", "bottom": "10",
		"inRange": map[string]interface{}{"color": []string{rateLight, rateDark}},
	}
	if dim >= 0 {
		vm["dimension"] = dim
	}
	return vm
}

// tiles draws region-tiles: every 시도 one equal square at its tile place
// (configs/regions.yaml), coloured by adoption rate; a withheld square is
// white, outlined and labelled 비공개, one without responses grey with its name.
func (c *Catalogue) tiles(t *Table, caption string) chart {
	sc := ec.NewScatter()
	sc.SetGlobalOptions(initOpts(t, caption)...)
	sc.SetGlobalOptions(
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		ec.WithGridOpts(opts.Grid{Left: "center", Top: "80", Width: "300", Height: "270"}),
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Min: -0.5, Max: 5.5, Show: opts.Bool(false)}),
		ec.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0.5, Max: 6.5, Inverse: opts.Bool(true), Show: opts.Bool(false)}),
	)
	place := map[string][2]int{}
	for _, r := range c.regions.Regions {
		place[r.Code] = r.Tile
	}
	known, withheld, none := tileData(t, place)
	tile := ec.WithScatterChartOpts(opts.ScatterChart{Symbol: "rect", SymbolSize: tileSize})
	// Tooltip templates know no {@[2]} (labels do), so the tooltip shows the
	// rate through encode instead.
	// Opaque tiles: ECharts draws scatter symbols at 0.8 opacity, which
	// would lighten every fill below the one the label colour was chosen for.
	opaque := opts.Float(1)
	sc.AddSeries("AI 도입률(%)", nil, tile, ec.WithItemStyleOpts(opts.ItemStyle{Opacity: opaque}),
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}\n{@[2]}%", FontWeight: "bold"}),
		ec.WithEncodeOpts(opts.Encode{X: 0, Y: 1, Tooltip: 2}))
	// A withheld tile is white, outlined and named 비공개, apart from the
	// grey tiles without responses and from any rate's fill.
	sc.AddSeries(Withheld, nil, tile,
		ec.WithItemStyleOpts(opts.ItemStyle{Color: "#ffffff", BorderColor: labelDark, BorderWidth: 2, Opacity: opaque}),
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}\n" + Withheld, Color: labelDark}),
		ec.WithSeriesTooltipOpts(opts.SeriesTooltip{Formatter: "{b}: " + Withheld + "(응답이 적음)"}))
	sc.AddSeries(NoData, nil, tile,
		ec.WithItemStyleOpts(opts.ItemStyle{Color: noData, Opacity: opaque}),
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}", Color: labelOn(mustHex(noData))}),
		ec.WithSeriesTooltipOpts(opts.SeriesTooltip{Formatter: "{b}: " + NoData}))
	// go-echarts' ScatterData has no per-item label: the data go in as
	// tiles, each with the label colour its fill needs (WCAG 1.4.3).
	sc.MultiSeries[0].Data, sc.MultiSeries[1].Data, sc.MultiSeries[2].Data = known, withheld, none
	return patched{chart: sc, patch: func(m map[string]interface{}) { m["visualMap"] = visualMap(t, 2) }}
}

// tile is one square of the tile map, or one area of the boundary map,
// with its own label colour.
// An imprecise 시도's tile (Caution) has a dashed outline and "*" after
// its rate.
type tile struct {
	Name      string         `json:"name"`
	Value     any            `json:"value"`
	Label     map[string]any `json:"label,omitempty"`
	ItemStyle map[string]any `json:"itemStyle,omitempty"`
}

// tileData places each row's 시도 on its tile: those with a rate, those
// withheld and those without responses (see RowStatus).
func tileData(t *Table, place map[string][2]int) (known, withheld, none []tile) {
	rate, hi := colIndex(t, "adoption_rate"), mapMax(t)
	for i, row := range t.Rows {
		code, _ := row[0].(string)
		name, _ := row[1].(string)
		xy := place[code]
		f, ok := number(row[rate])
		switch {
		case ok:
			f = round(f, 1)
			tl := tile{Name: Clean(name), Value: []any{xy[0], xy[1], f}, Label: map[string]any{"color": labelOn(tileFill(f, hi))}}
			if t.MarksOf(i)["adoption_rate"].imprecise() {
				tl.Label["formatter"] = "{b}\n{@[2]}%" + CautionMark
				tl.ItemStyle = map[string]any{"borderColor": labelOn(tileFill(f, hi)), "borderType": "dashed", "borderWidth": 2}
			}
			known = append(known, tl)
		case RowStatus(t, i) == Withheld:
			withheld = append(withheld, tile{Name: Clean(name), Value: []any{xy[0], xy[1]}})
		default:
			none = append(none, tile{Name: Clean(name), Value: []any{xy[0], xy[1]}})
		}
	}
	return known, withheld, none
}

// MapOption draws a Choropleth figure (its adoption rate by region) on the boundary map
// registered as BoundaryMap. The server uses it only when an operator has
// configured a GeoJSON; feature names are the short 시도 names.
func (c *Catalogue) MapOption(t *Table, caption string) ([]byte, error) {
	m := ec.NewMap()
	m.RegisterMapType(BoundaryMap)
	m.SetGlobalOptions(initOpts(t, caption)...)
	m.SetGlobalOptions(ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))
	rate, hi := colIndex(t, "adoption_rate"), mapMax(t)
	data := make([]tile, 0, len(t.Rows))
	for _, row := range t.Rows {
		name, _ := row[1].(string)
		// ECharts greys an area with no value lighter than noData; black suits both.
		d := tile{Name: Clean(name), Value: "-", Label: map[string]any{"color": labelDark}}
		if f, ok := number(row[rate]); ok {
			f = round(f, 1)
			d.Value, d.Label["color"] = f, labelOn(tileFill(f, hi))
		}
		data = append(data, d)
	}
	m.AddSeries("AI 도입률(%)", nil, ec.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	m.MultiSeries[0].Data = data // with each area's label colour, as the tiles
	return marshal(t.Figure.ID, patched{chart: m, patch: func(o map[string]interface{}) {
		o["visualMap"] = visualMap(t, -1)
		delete(o, "legend") // with a legend, ECharts dots every region with its symbol
	}})
}
