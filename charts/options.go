package charts

import (
	"encoding/json"
	"fmt"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chart is what every go-echarts chart type offers us.
type chart interface {
	Validate()
	JSON() map[string]interface{}
}

// Option returns the ECharts option for a table as JSON. It goes through
// json.Marshal, which escapes <, > and &, so the bytes are safe inside an
// HTML script data block; every label is Clean-ed first.
func (c *Catalogue) Option(t *Table, caption string) ([]byte, error) {
	var ch chart
	switch t.Figure.ID {
	case "adoption-by-region":
		ch = c.bar(t, caption, "%", 1, series{"AI 도입률(%)", "adoption_rate", 1})
	case "support-share-by-region":
		ch = c.bar(t, caption, "%", 1, series{"정부지원 비중(%)", "support_share", 1})
	case "talent-gap-by-region":
		ch = c.bar(t, caption, "%", 1, series{"AI 인력 부족률(%)", "gap_rate", 1})
	case "talent-gap-by-industry":
		ch = c.bar(t, caption, "%", 0, series{"AI 인력 부족률(%)", "gap_rate", 1})
	case "adoption-by-industry", "adoption-by-size":
		ch = c.bar(t, caption, "%", 0, series{"AI 도입률(%)", "adoption_rate", 1})
	case "cost-by-size", "cost-by-industry":
		ch = c.bar(t, caption, "백만원", 0, costSeries()...)
	case "cost-by-region":
		ch = c.bar(t, caption, "백만원", 1, costSeries()...)
	case "adoption-stage-by-region":
		ch = c.stageBar(t, caption)
	case "barriers", "use-areas":
		ch = c.choiceBar(t, caption)
	case "adoption-trend":
		ch = c.trendLine(t, caption)
	case "region-tiles":
		ch = c.tiles(t, caption)
	case "exemplar-firms":
		ch = c.exemplarBar(t, caption)
	default:
		return nil, fmt.Errorf("charts: no chart for %q: %w", t.Figure.ID, ErrUnknownFigure)
	}
	return marshal(t.Figure.ID, ch)
}

func marshal(id string, ch chart) ([]byte, error) {
	ch.Validate()
	b, err := json.Marshal(ch.JSON())
	if err != nil {
		return nil, fmt.Errorf("charts: marshal %s option: %w", id, err)
	}
	return b, nil
}

// series names a table column (by key) drawn as one series, scaled by div.
type series struct {
	name string
	key  string
	div  float64
}

func costSeries() []series {
	return []series{{"평균 도입비용(백만원)", "mean_cost", 1e6}, {"중위 도입비용(백만원)", "median_cost", 1e6}}
}

// colIndex finds a column by key; -1 when absent.
func colIndex(t *Table, key string) int {
	for i, col := range t.Columns {
		if col.Key == key {
			return i
		}
	}
	return -1
}

func initOpts(t *Table, caption string) []ec.GlobalOpts {
	name := t.ImageName
	if name == "" {
		name = t.Figure.ID
	}
	return []ec.GlobalOpts{
		ec.WithInitializationOpts(opts.Initialization{ChartID: "chart-" + t.Figure.ID}),
		ec.WithTitleOpts(opts.Title{Title: t.Figure.Title, Subtitle: Clean(caption)}),
		ec.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Type: "scroll"}),
		ec.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "10", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: name, Title: "이미지 저장"},
		}}),
	}
}

func newBar(t *Table, caption, unit string) *ec.Bar {
	bar := ec.NewBar()
	bar.SetGlobalOptions(initOpts(t, caption)...)
	bar.SetGlobalOptions(
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		ec.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "90", Bottom: "40", ContainLabel: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{Name: unit, Type: "value"}),
	)
	return bar
}

// values turns one column into bar data; a suppressed cell becomes "-",
// which ECharts draws as a gap.
func values(t *Table, s series) []opts.BarData {
	col := colIndex(t, s.key)
	out := make([]opts.BarData, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = opts.BarData{Value: "-"}
		if col < 0 {
			continue
		}
		if f, ok := number(row[col]); ok {
			out[i] = opts.BarData{Value: round(f/s.div, 1)}
		}
	}
	return out
}

// labels returns one column's values as category labels, by their Korean
// names when the column has them.
func labels(t *Table, col int) []string {
	out := make([]string, len(t.Rows))
	for i, row := range t.Rows {
		s := fmt.Sprint(row[col])
		if name, ok := t.Columns[col].Names[s]; ok {
			s = name
		}
		out[i] = Clean(s)
	}
	return out
}

// bar draws one bar per row, labelled by column cat, one series per ss.
func (c *Catalogue) bar(t *Table, caption, unit string, cat int, ss ...series) *ec.Bar {
	bar := newBar(t, caption, unit)
	bar.SetGlobalOptions(ec.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 45}}))
	bar.SetXAxis(labels(t, cat))
	for _, s := range ss {
		bar.AddSeries(s.name, values(t, s))
	}
	return bar
}

// exemplarChartLimit keeps the bar chart legible; the table lists them all.
const exemplarChartLimit = 15

func (c *Catalogue) exemplarBar(t *Table, caption string) *ec.Bar {
	bar := newBar(t, caption, "%")
	top := &Table{Figure: t.Figure, Columns: t.Columns, Rows: reversed(t.Rows[:min(len(t.Rows), exemplarChartLimit)])}
	bar.SetXAxis(labels(top, 0))
	bar.AddSeries("생산성 향상률(%)", values(top, series{key: "productivity_gain", div: 1}))
	bar.XYReversal()
	bar.SetGlobalOptions(
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: "%"}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	return bar
}

// reversed returns rows in reverse order: horizontal bars are drawn from
// the bottom, so the first row ends up on top.
func reversed(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, row := range rows {
		out[len(rows)-1-i] = row
	}
	return out
}
