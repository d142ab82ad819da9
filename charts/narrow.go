package charts

import (
	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// narrowWidth is the chart width in pixels at or under which a chart takes
// its narrow layout: a phone (390 px), two columns at 200 % zoom and the
// A4 briefing's half-width charts (90 mm, about 340 px).
const narrowWidth = 520

// Narrow tile maps draw smaller tiles, so that six columns and the colour
// scale below them fit a phone.
const narrowTile = 36

// maxWrappedLegend is the most series whose legend wraps on a narrow chart
// (two lines on a phone); the trend's 17 keep their scrolling legend.
const maxWrappedLegend = 6

type obj = map[string]interface{}

// addNarrow adds to option m an ECharts media rule for narrow charts.
// ECharts takes the option's root as its base and re-applies the rule on
// every resize, so one option serves the desktop, the phone and the print.
func addNarrow(m obj) {
	narrow := obj{}
	upright := false
	if xs, ok := m["xAxis"].([]opts.XAxis); ok && len(xs) > 0 && xs[0].Type == "category" && categoryCount(xs[0].Data) > 4 {
		// Upright labels take a line's height each; at 45° the 시도 names run
		// into each other and the first ones leave the chart.
		// A long name (an 업종) is cut short rather than squeezing the plot:
		// the tooltip and the table beside the chart carry it whole.
		narrow["xAxis"] = []obj{{"axisLabel": obj{"rotate": 90, "fontSize": 11, "interval": 0,
			"width": 64, "overflow": "truncate"}}}
		upright = true
	}
	grid := obj{}
	ys, _ := m["yAxis"].([]opts.YAxis)
	switch {
	case len(ys) > 0 && ys[0].Type == "category":
		narrow["yAxis"] = []obj{{"axisLabel": obj{"fontSize": 10, "interval": 0}}}
	case len(ys) > 0 && ys[0].Type == "value" && (ys[0].Show == nil || *ys[0].Show):
		// A short plot (the briefing's) keeps its ticks a line apart.
		narrow["yAxis"] = []obj{{"splitNumber": 3}}
	}
	ss := seriesTypes(m["series"])
	if drawn := len(ss) - countOf(ss, "custom"); drawn > 2 && drawn <= maxWrappedLegend {
		// A plain legend wraps to a second line where a scrolling one hides
		// entries behind its pager. A legend of another type is a new
		// component to ECharts: it keeps none of the base's placement.
		narrow["legend"] = obj{"type": "plain", "bottom": 0, "itemGap": 8, "itemWidth": 18}
		grid["bottom"] = 64
	}
	if len(grid) > 0 {
		narrow["grid"] = []obj{grid}
	}
	if upright {
		// A word on a bar (a withheld value's "비공개") stands upright too:
		// across a narrow bar it would run into its neighbours'. Items that
		// show a label set their own text and place, and inherit the turn.
		up := obj{"rotate": 90}
		turn := obj{"label": up, "markPoint": obj{"label": up}}
		series := make([]obj, len(ss))
		for i := range series {
			series[i] = turn
		}
		narrow["series"] = series
	}
	if _, ok := m["visualMap"]; ok && len(ss) > 0 && ss[0] == "scatter" {
		narrowTiles(narrow, ss)
	}
	if len(narrow) == 0 {
		return
	}
	m["media"] = []obj{{"query": obj{"maxWidth": narrowWidth}, "option": narrow}}
}

// narrowTiles lays the tile map out for a phone: smaller tiles, and the
// colour scale below them, not over 울산.
func narrowTiles(narrow obj, types []string) {
	narrow["visualMap"] = obj{"orient": "horizontal", "left": "center", "right": nil, "bottom": 28,
		"itemWidth": 12, "itemHeight": 140}
	narrow["grid"] = []obj{{"top": 56, "width": 6 * (narrowTile + 4), "height": 6 * (narrowTile + 4)}}
	series := make([]obj, len(types))
	for i, typ := range types {
		series[i] = obj{}
		if typ == "scatter" {
			series[i] = obj{"symbolSize": narrowTile, "label": obj{"fontSize": 10}}
		}
	}
	narrow["series"] = series
}

// seriesTypes are the types of an option's series, however the option's
// builder holds them (go-echarts' series, or maps a figure patched in).
func seriesTypes(series interface{}) []string {
	switch ss := series.(type) {
	case ec.MultiSeries:
		return typesOf(ss, func(s ec.SingleSeries) string { return s.Type })
	case []markedSeries: // bars with withheld marks (withheld.go)
		return typesOf(ss, func(s markedSeries) string { return s.Type })
	case []endLabelled: // the trend's lines (cues.go)
		return typesOf(ss, func(s endLabelled) string { return s.Type })
	}
	return nil
}

// typesOf lists the series' chart types.
func typesOf[S any](series []S, typ func(S) string) []string {
	out := make([]string, len(series))
	for i, s := range series {
		out[i] = typ(s)
	}
	return out
}

// countOf counts the series of one type: the intervals' custom series
// add a legend entry that does not wrap the legend.
func countOf(types []string, typ string) int {
	n := 0
	for _, t := range types {
		if t == typ {
			n++
		}
	}
	return n
}

// categoryCount is the number of categories in an axis's data.
func categoryCount(data interface{}) int {
	switch d := data.(type) {
	case []string:
		return len(d)
	case []interface{}:
		return len(d)
	}
	return 0
}
