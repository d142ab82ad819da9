package charts

import (
	"slices"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// banded says which of the trend's lines (by pivot region) draw their 95%
// band: 전국 always, and the highlighted 시도; seventeen bands over each
// other would hide the lines.
func banded(regions, highlight []string) []bool {
	out := make([]bool, len(regions))
	for i, r := range regions {
		out[i] = r == NationCode || slices.Contains(highlight, r)
	}
	return out
}

// withBands gives each line of the trend its intervals and cautions for
// the tooltip and draws, behind the lines that band says, the 95% interval
// as a band in the line's colour.
func withBands(t *Table, p trendPivot, band []bool, tm trendMeasure) func(map[string]interface{}) {
	key := trendKey(t)
	return func(m map[string]interface{}) {
		ss, ok := m["series"].([]endLabelled)
		if !ok || colIndex(t, key+"_"+StatLow) < 0 || colIndex(t, key+"_"+StatHigh) < 0 || len(ss) < len(p.regions) {
			return
		}
		legendOf(m, names(ss))
		rows := intervalsOf(t, key, tm.div) // by row of t; the lines read them by pivot place
		for i := range p.regions {
			ps := make([]pointInterval, len(p.waves))
			caution := make([]bool, len(p.waves))
			for w := range p.waves {
				ri, ok := p.at[[2]int{w, i}]
				if !ok {
					continue
				}
				ps[w] = rows[ri]
				caution[w] = t.MarksOf(ri)[key].imprecise()
			}
			ss[i].Intervals, ss[i].Unit = tooltipData(ps), tm.axis
			if slices.Contains(caution, true) {
				ss[i].Caution = caution
			}
			if band[i] {
				if b, ok := bandSeries(ss[i], ps); ok {
					ss = append(ss, b)
				}
			}
		}
		if len(ss) > len(p.regions) {
			addTool(m, "myIntervals", intervalTool())
		}
		m["series"] = ss
	}
}

// bandSeries is the custom series of one line's band: from each wave's
// interval to the next's (the last wave's alone is a whisker), in the
// line's colour, out of the tooltip and without an end label.
func bandSeries(line endLabelled, ps []pointInterval) (endLabelled, bool) {
	var data [][]any
	for w, p := range ps {
		if !p.ok {
			continue
		}
		item := []any{w, p.low, p.high, nil, nil}
		if w+1 < len(ps) && ps[w+1].ok {
			item[3], item[4] = ps[w+1].low, ps[w+1].high
		}
		data = append(data, item)
	}
	if len(data) == 0 {
		return endLabelled{}, false
	}
	colour := labelDark
	if line.LineStyle != nil && line.LineStyle.Color != "" {
		colour = line.LineStyle.Color
	}
	s := ec.SingleSeries{Name: IntervalSeries, Type: "custom", RenderItem: types.FuncStr(renderBand), Data: data,
		Encode: &opts.Encode{X: 0, Y: []int{1, 2}}, ItemStyle: &opts.ItemStyle{Color: colour}}
	return endLabelled{SingleSeries: s, seriesIntervals: seriesIntervals{Z: 1}, EndLabel: map[string]any{"show": false},
		Tooltip: map[string]any{"show": false}}, true
}
