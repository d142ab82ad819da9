package charts

import (
	"encoding/json"
	"slices"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// IntervalSeries names the series that draw the 95% intervals. They have
// no legend entry (the legend keeps its room on a phone and on paper, the
// notes say what the intervals are); the toolbar's switch and the page's
// button (axdash.js) show or hide them all.
const IntervalSeries = "95% 신뢰구간"

// The named functions of static/js/axdash.js that draw the intervals: an
// option is JSON and the page runs no inline script, so a custom series
// names its renderItem and the page script supplies it.
const (
	renderWhisker  = "axdashWhisker"  // vertical bars: data [category, low, high, series, of]
	renderWhiskerH = "axdashWhiskerH" // horizontal bars: the same data, categories on y
	renderBand     = "axdashBand"     // a line's band: data [wave, low, high, next low, next high]
)

// intervalTool is the toolbox's switch of the intervals; axdash.js gives
// it its click (options carry no functions).
func intervalTool() map[string]any {
	return map[string]any{"show": true, "title": "신뢰구간 켜기/끄기",
		"icon": "path://M6,4V20M3,4H9M3,20H9M18,8V16M15,8H21M15,16H21"}
}

// pointInterval is one drawn value's 95% interval in the chart's unit and
// its n (-1 for a table without one), as the tooltip reads it; ok is false
// when the value has none.
type pointInterval struct {
	low, high float64
	n         int
	ok        bool
}

// intervalsOf are the intervals of column key in t's rows, scaled by div.
func intervalsOf(t *Table, key string, div float64) []pointInterval {
	lc, hc, nc := colIndex(t, key+"_"+StatLow), colIndex(t, key+"_"+StatHigh), colIndex(t, "n")
	out := make([]pointInterval, len(t.Rows))
	if lc < 0 || hc < 0 {
		return out
	}
	for i, row := range t.Rows {
		lo, okLo := number(row[lc])
		hi, okHi := number(row[hc])
		if !okLo || !okHi {
			continue
		}
		out[i] = pointInterval{low: round(lo/div, 1), high: round(hi/div, 1), n: -1, ok: true}
		if nc >= 0 {
			n, _ := number(row[nc])
			out[i].n = int(n)
		}
	}
	return out
}

// tooltipData is a series' intervals as the page's tooltip reads them
// (seriesIntervals.Intervals): [low, high, n or null] or null per point.
func tooltipData(ps []pointInterval) [][]any {
	out := make([][]any, len(ps))
	some := false
	for i, p := range ps {
		if p.ok {
			out[i], some = []any{p.low, p.high, nil}, true
			if p.n >= 0 {
				out[i][2] = p.n
			}
		}
	}
	if !some {
		return nil
	}
	return out
}

// cautions are the caution marks of column key in t's rows; nil when none.
func cautions(t *Table, key string) []bool {
	out := make([]bool, len(t.Rows))
	some := false
	for i := range t.Rows {
		out[i] = t.MarksOf(i)[key].imprecise()
		some = some || out[i]
	}
	if !some {
		return nil
	}
	return out
}

// internalRules are, for an analyst's view, the reasons the public would
// not see column key's values (a rule without Hidden); nil when none.
func internalRules(t *Table, key string) []string {
	var out []string
	for i := range t.Rows {
		if m := t.MarksOf(i)[key]; m.Rule != "" && !m.Hidden {
			if out == nil {
				out = make([]string, len(t.Rows))
			}
			out[i] = "공개 시 비공개: " + t.reason(m.Rule)
		}
	}
	return out
}

// withIntervals draws, over the bar series ss of t (drawn in t's row
// order), each value's 95% interval as a whisker, and gives the bars their
// tooltips' intervals and "*" (withTooltipIntervals). unit is the
// tooltip's unit.
func withIntervals(t *Table, ss []series, horizontal bool, unit string) func(map[string]interface{}) {
	return func(m map[string]interface{}) {
		out, data := withTooltipIntervals(m, t, ss, horizontal, unit)
		if len(data) > 0 {
			legendOf(m, names(out))
			m["series"] = append(out, whiskers(data, horizontal))
			addTool(m, "myIntervals", intervalTool())
		}
	}
}

// withTooltipIntervals gives each bar series ss of t its intervals,
// cautions and analysts' labels for the tooltip, marks the category of an
// imprecise value "*" (cautionCategories), and returns the series and the
// whiskers' data (withIntervals; a stacked chart draws none: a share's
// interval is not its segment's).
func withTooltipIntervals(m map[string]interface{}, t *Table, ss []series, horizontal bool, unit string) ([]markedSeries, [][]any) {
	out := asMarked(m["series"])
	if len(out) < len(ss) {
		return out, nil
	}
	var data [][]any
	var marked [][]bool
	for j, s := range ss {
		ps := intervalsOf(t, s.key, s.div)
		out[j].Intervals, out[j].Caution, out[j].Unit = tooltipData(ps), cautions(t, s.key), unit
		out[j].Internal = internalRules(t, s.key)
		marked = append(marked, out[j].Caution)
		for i, p := range ps {
			if p.ok {
				data = append(data, []any{i, p.low, p.high, j, len(ss)})
			}
		}
	}
	cautionCategories(m, marked, horizontal)
	m["series"] = out
	return out, data
}

// names are the series' names.
func names[S any](series []S) []string {
	out := make([]string, len(series))
	for i, s := range series {
		out[i] = nameOf(s)
	}
	return out
}

func nameOf(s any) string {
	switch x := s.(type) {
	case markedSeries:
		return x.Name
	case endLabelled:
		return x.Name
	}
	return ""
}

// legendOf lists in the option's legend the series named, before the
// intervals' series are added: the legend would list every series.
func legendOf(m map[string]interface{}, names []string) {
	if l, ok := m["legend"].(opts.Legend); ok {
		l.Data = names
		m["legend"] = l
	}
}

// asMarked is an option's bar series as markedSeries, however it holds them.
func asMarked(series interface{}) []markedSeries {
	switch ss := series.(type) {
	case []markedSeries:
		return ss
	case ec.MultiSeries:
		out := make([]markedSeries, len(ss))
		for i, s := range ss {
			out[i] = markedSeries{SingleSeries: s}
		}
		return out
	}
	return nil
}

// whiskers is the custom series drawing the intervals of data, above the
// bars and out of the tooltip (each bar's tooltip gives its interval).
func whiskers(data [][]any, horizontal bool) markedSeries {
	render, enc := renderWhisker, &opts.Encode{X: 0, Y: []int{1, 2}}
	if horizontal {
		render, enc = renderWhiskerH, &opts.Encode{X: []int{1, 2}, Y: 0}
	}
	s := ec.SingleSeries{Name: IntervalSeries, Type: "custom", RenderItem: types.FuncStr(render), Data: data, Encode: enc,
		ItemStyle: &opts.ItemStyle{Color: labelDark}}
	return markedSeries{SingleSeries: s, seriesIntervals: seriesIntervals{Z: 3}, Tooltip: map[string]any{"show": false}}
}

// cautionCategories marks "*" after the name of each category with an
// imprecise value (cautions of any series): on the axis it never runs into
// a bar's or a withheld mark's label, at any width; the tooltip says which
// value it is. The axes are copied: go-echarts' chart keeps its own.
func cautionCategories(m map[string]interface{}, cautions [][]bool, horizontal bool) {
	mark := func(data interface{}) interface{} {
		names, ok := data.([]string)
		if !ok {
			return data
		}
		out := slices.Clone(names)
		for i := range out {
			if slices.ContainsFunc(cautions, func(c []bool) bool { return i < len(c) && c[i] }) {
				out[i] += CautionMark
			}
		}
		return out
	}
	if ys, ok := m["yAxis"].([]opts.YAxis); ok && horizontal && len(ys) > 0 {
		ys = slices.Clone(ys)
		ys[0].Data = mark(ys[0].Data)
		m["yAxis"] = ys
	}
	if xs, ok := m["xAxis"].([]opts.XAxis); ok && !horizontal && len(xs) > 0 {
		xs = slices.Clone(xs)
		xs[0].Data = mark(xs[0].Data)
		m["xAxis"] = xs
	}
}

// addTool adds a feature to the option's toolbox, which go-echarts holds
// with a fixed set of features: the toolbox goes through JSON into a map.
func addTool(m map[string]interface{}, name string, feature map[string]any) {
	b, err := json.Marshal(m["toolbox"])
	var tb map[string]any
	if err != nil || json.Unmarshal(b, &tb) != nil || tb == nil {
		return
	}
	features, _ := tb["feature"].(map[string]any)
	if features == nil {
		features = map[string]any{}
	}
	features[name] = feature
	tb["feature"] = features
	m["toolbox"] = tb
}
