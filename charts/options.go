package charts

import (
	"encoding/json"
	"fmt"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Option returns the ECharts option for a table as JSON. It goes through
// json.Marshal, which escapes <, > and &, so the bytes are safe inside an
// HTML script data block; every label is Clean-ed first.
func (c *Catalogue) Option(t *Table, caption string) ([]byte, error) {
	var bar *ec.Bar
	switch t.Figure.ID {
	case "adoption-by-region":
		bar = c.regionBar(t, caption, "%", series{"AI 도입률(%)", 3, 1})
	case "cost-by-size":
		bar = c.sizeCostBar(t, caption)
	case "talent-gap-by-region":
		bar = c.regionBar(t, caption, "%", series{"AI 인력 부족률(%)", 6, 1})
	case "exemplar-firms":
		bar = c.exemplarBar(t, caption)
	default:
		return nil, fmt.Errorf("charts: no chart for %q: %w", t.Figure.ID, ErrUnknownFigure)
	}
	bar.Validate()
	b, err := json.Marshal(bar.JSON())
	if err != nil {
		return nil, fmt.Errorf("charts: marshal %s option: %w", t.Figure.ID, err)
	}
	return b, nil
}

// series names a table column drawn as one bar series, scaled by div.
type series struct {
	name string
	col  int
	div  float64
}

func base(t *Table, caption, unit string) *ec.Bar {
	bar := ec.NewBar()
	bar.SetGlobalOptions(
		ec.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + t.Figure.ID}),
		ec.WithTitleOpts(opts.Title{Title: t.Figure.Title, Subtitle: Clean(caption)}),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		ec.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		ec.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "100", Bottom: "40", ContainLabel: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{Name: unit, Type: "value"}),
		ec.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "10", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: t.Figure.ID, Title: "이미지 저장"},
		}}),
	)
	return bar
}

// values turns one column into bar data; a suppressed cell becomes "-",
// which ECharts draws as a gap.
func values(t *Table, s series) []opts.BarData {
	out := make([]opts.BarData, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = opts.BarData{Value: "-"}
		if f, ok := number(row[s.col]); ok {
			out[i] = opts.BarData{Value: round(f/s.div, 1)}
		}
	}
	return out
}

func labels(t *Table, col int) []string {
	out := make([]string, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = Clean(fmt.Sprint(row[col]))
	}
	return out
}

func (c *Catalogue) regionBar(t *Table, caption, unit string, ss ...series) *ec.Bar {
	bar := base(t, caption, unit)
	bar.SetGlobalOptions(ec.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 45}}))
	bar.SetXAxis(labels(t, 1))
	for _, s := range ss {
		bar.AddSeries(s.name, values(t, s))
	}
	return bar
}

func (c *Catalogue) sizeCostBar(t *Table, caption string) *ec.Bar {
	bar := base(t, caption, "백만원")
	names := make([]string, len(t.Rows))
	for i, row := range t.Rows {
		names[i] = c.survey.BandLabel(fmt.Sprint(row[0]))
	}
	bar.SetXAxis(names)
	bar.AddSeries("평균 도입비용(백만원)", values(t, series{col: 2, div: 1e6}))
	bar.AddSeries("중위 도입비용(백만원)", values(t, series{col: 3, div: 1e6}))
	return bar
}

// exemplarChartLimit keeps the bar chart legible; the table lists them all.
const exemplarChartLimit = 15

func (c *Catalogue) exemplarBar(t *Table, caption string) *ec.Bar {
	bar := base(t, caption, "%")
	top := &Table{Figure: t.Figure, Rows: t.Rows[:min(len(t.Rows), exemplarChartLimit)]}
	// Reversed so the highest gain is drawn at the top of the horizontal bars.
	rev := make([][]any, len(top.Rows))
	for i, row := range top.Rows {
		rev[len(top.Rows)-1-i] = row
	}
	top.Rows = rev
	bar.SetXAxis(labels(top, 0))
	bar.AddSeries("생산성 향상률(%)", values(top, series{col: 6, div: 1}))
	bar.XYReversal()
	bar.SetGlobalOptions(
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: "%"}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	return bar
}
