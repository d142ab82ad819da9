package charts

import (
	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Cues besides colour (WCAG 1.4.1): a line has a marker and a dash style,
// a bar series a decal pattern, so that no two series differ by colour only.

// linePalette is ECharts' default palette, set explicitly so that each
// line's colour is known when its marker and dash are chosen.
func linePalette() []string {
	return []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}
}

// lineSymbols are seven ECharts markers: seven is prime to the palette's
// nine, so two lines of one colour (i and i+9) never share a marker.
func lineSymbols() []string {
	return []string{"circle", "rect", "triangle", "diamond", "emptyCircle", "pin", "arrow"}
}

// lineDashes change with each round of the palette: lines of one colour
// differ in dash as well as marker.
func lineDashes() []string { return []string{"solid", "dashed", "dotted"} }

// lineCue is the i-th line's colour, marker and dash style.
type lineCue struct{ color, symbol, dash string }

func lineCueOf(i int) lineCue {
	p, s, d := linePalette(), lineSymbols(), lineDashes()
	return lineCue{color: p[i%len(p)], symbol: s[i%len(s)], dash: d[(i/len(p))%len(d)]}
}

// seriesOpts applies the cue to a line series.
func (c lineCue) seriesOpts() []ec.SeriesOpts {
	return []ec.SeriesOpts{
		ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: c.symbol, SymbolSize: 8}),
		ec.WithLineStyleOpts(opts.LineStyle{Color: c.color, Type: c.dash, Width: 2}),
		ec.WithItemStyleOpts(opts.ItemStyle{Color: c.color}),
	}
}

// endLabelled is a line series with its name drawn at its last point, so
// that a line is named where it ends, not only by colour in the legend.
// seriesIntervals and Tooltip are markedSeries', for the trend's bands.
type endLabelled struct {
	ec.SingleSeries
	seriesIntervals
	EndLabel map[string]any `json:"endLabel"`
	Tooltip  map[string]any `json:"tooltip,omitempty"`
}

// withEndLabels names every line series at its end; overlapping names are
// moved apart.
func withEndLabels(m map[string]interface{}) {
	ss, ok := m["series"].(ec.MultiSeries)
	if !ok {
		return
	}
	out := make([]endLabelled, len(ss))
	for i, s := range ss {
		s.LabelLayout = &opts.LabelLayout{MoveOverlap: "shiftY"}
		out[i] = endLabelled{SingleSeries: s, EndLabel: map[string]any{"show": true, "formatter": "{a}", "fontSize": 11}}
	}
	m["series"] = out
}

// ariaDecals turns on ECharts' decal patterns, one per series, without its
// generated chart description: the page's role=img label says more, and
// ECharts would overwrite it.
func ariaDecals() ec.GlobalOpts {
	return ec.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true),
		Label: &opts.AriaLabel{Enabled: opts.Bool(false)}, Decal: &opts.AriaDecal{Show: opts.Bool(true)}})
}

// stageColors are the five stages' fills, 미도입 to 확산, each at least 3:1
// against the white page (WCAG 1.4.11); the decals tell neighbours apart.
func stageColors() []string {
	return []string{"#6b6b6b", "#a15c00", "#2e7d32", "#1f5fa8", "#12355b"}
}

// pairColors are the two series of a cost or comparison chart, both at
// least 3:1 against white.
func pairColors() []string { return []string{"#1f5fa8", "#b34700"} }
