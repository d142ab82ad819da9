package charts

import (
	"encoding/json"
	"fmt"
	"slices"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// chart is what every go-echarts chart type offers us.
type chart interface {
	Validate()
	JSON() map[string]interface{}
}

func marshal(id string, ch chart) ([]byte, error) {
	ch.Validate()
	m := ch.JSON()
	addNarrow(m)
	b, err := json.Marshal(m)
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
// which ECharts draws as a gap that withheldMarks then marks.
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

// barChart draws one bar per row, labelled by column cat, one series per
// ss; several series get decal patterns and pairColors, not colour alone.
func barChart(unit string, cat int, ss ...series) func(*Catalogue, *Table, string) chart {
	return func(_ *Catalogue, t *Table, caption string) chart {
		bar := newBar(t, caption, unit)
		bar.SetGlobalOptions(ec.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 45}}))
		bar.SetXAxis(labels(t, cat))
		if len(ss) > 1 {
			bar.SetGlobalOptions(ariaDecals())
		}
		for i, s := range ss {
			bar.AddSeries(s.name, values(t, s), pairStyle(len(ss), i)...)
		}
		return patched{chart: bar, patch: both(withheldMarks(t, false), withIntervals(t, ss, false, unit))}
	}
}

// both applies two patches in turn.
func both(a, b func(map[string]interface{})) func(map[string]interface{}) {
	return func(m map[string]interface{}) {
		a(m)
		b(m)
	}
}

// pairStyle colours the i-th of n bar series from pairColors when n is 2.
func pairStyle(n, i int) []ec.SeriesOpts {
	if n != len(pairColors()) {
		return nil
	}
	return []ec.SeriesOpts{ec.WithItemStyleOpts(opts.ItemStyle{Color: pairColors()[i]})}
}

// horizontal turns bar's categories to the vertical axis, x being the
// value axis.
func horizontal(bar *ec.Bar, x opts.XAxis) *ec.Bar {
	bar.XYReversal()
	for i := range bar.GridList {
		bar.GridList[i].Right = "36" // the value axis's unit sits after its end
	}
	bar.SetGlobalOptions(
		ec.WithXAxisOpts(x),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	return bar
}

// reversed is t with its rows (and their marks) in reverse order:
// horizontal bars are drawn from the bottom, so the first row ends up on
// top.
func reversed(t *Table) *Table {
	order := make([]int, len(t.Rows))
	for i := range order {
		order[i] = len(order) - 1 - i
	}
	return t.permuted(order)
}

// permuted is t with rows order[0], order[1], … and their marks, for a
// chart that draws them in another order.
func (t *Table) permuted(order []int) *Table {
	out := &Table{Figure: t.Figure, Columns: t.Columns, Reasons: t.Reasons,
		Rows: make([][]any, len(order)), Marks: make([]map[string]Mark, len(order))}
	for i, j := range order {
		out.Rows[i], out.Marks[i] = t.Rows[j], t.MarksOf(j)
	}
	return out
}

func cleanAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = Clean(s)
	}
	return out
}

// CompareOption draws a region against the nation on the rate measures.
func (c *Catalogue) CompareOption(ms []Measure, regionName, caption string) ([]byte, error) {
	t := &Table{Figure: Figure{ID: "region-compare", Title: Clean(regionName) + " 대 전국"}}
	bar := newBar(t, caption, "%")
	bar.SetGlobalOptions(ariaDecals())
	var cats []string
	var region, nation []opts.BarData
	status := [2][]string{}
	// The intervals, laid out as a table for withIntervals.
	t.Columns = c.versus
	for _, m := range ms {
		if m.Unit != "%" {
			continue
		}
		cats = append(cats, m.Label)
		region = append(region, barValue(m.Value))
		nation = append(nation, barValue(m.Other))
		status[0], status[1] = append(status[0], measureStatus(m.Value)), append(status[1], measureStatus(m.Other))
		t.Rows = append(t.Rows, []any{m.Value, m.Other, nil, m.Low, m.High, nil, m.OtherLow, m.OtherHigh})
	}
	bar.SetXAxis(cats)
	ss := []series{{name: Clean(regionName), key: "region", div: 1}, {name: "전국", key: "nation", div: 1}}
	bar.AddSeries(ss[0].name, region, pairStyle(2, 0)...)
	bar.AddSeries(ss[1].name, nation, pairStyle(2, 1)...)
	return marshal(t.Figure.ID, patched{chart: bar, patch: both(markStatuses(func(i int) []string { return status[i] }, false),
		withIntervals(t, ss, false, "%"))})
}

// versusColumns are the region's and the nation's rates and their
// precision, clipped so that an append to them copies.
func versusColumns() []Column {
	cols := []Column{{Key: "region", Unit: "%"}, {Key: "nation", Unit: "%"}}
	return slices.Clip(append(cols, precisionColumns(cols)...))
}

// measureStatus is a summary value's status: Withheld when it is not
// published (summaries hide small cells and have no rows without responses).
func measureStatus(v any) string {
	if _, ok := number(v); ok {
		return ""
	}
	return Withheld
}

func barValue(v any) opts.BarData {
	if f, ok := number(v); ok {
		return opts.BarData{Value: round(f, 1)}
	}
	return opts.BarData{Value: "-"}
}
