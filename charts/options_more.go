package charts

import (
	"fmt"
	"sort"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// stageBar stacks the five stage shares of each region to 100%.
func (c *Catalogue) stageBar(t *Table, caption string) *ec.Bar {
	bar := newBar(t, caption, "%")
	rows := &Table{Figure: t.Figure, Columns: t.Columns, Rows: reversed(t.Rows)}
	bar.SetXAxis(labels(rows, 1))
	for _, key := range StageKeys() {
		col := t.Columns[colIndex(t, key)]
		bar.AddSeries(col.Label, values(rows, series{key: key, div: 1}), ec.WithBarChartOpts(opts.BarChart{Stack: "stage"}))
	}
	bar.XYReversal()
	bar.SetGlobalOptions(
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: "%", Max: 100}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	return bar
}

// choiceBar draws barriers or use areas as horizontal bars, the most named
// on top; suppressed shares sort last.
func (c *Catalogue) choiceBar(t *Table, caption string) *ec.Bar {
	bar := newBar(t, caption, "%")
	share := colIndex(t, "share")
	rows := append([][]any(nil), t.Rows...)
	sort.SliceStable(rows, func(i, j int) bool {
		a, okA := number(rows[i][share])
		b, okB := number(rows[j][share])
		return okA && (!okB || a > b)
	})
	sorted := &Table{Figure: t.Figure, Columns: t.Columns, Rows: reversed(rows)}
	bar.SetXAxis(labels(sorted, 1))
	bar.AddSeries("응답 비율(%)", values(sorted, series{key: "share", div: 1}))
	bar.XYReversal()
	bar.SetGlobalOptions(
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: "%"}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
	)
	return bar
}

// trendLine draws one line per region across the waves.
func (c *Catalogue) trendLine(t *Table, caption string) *ec.Line {
	line := ec.NewLine()
	line.SetGlobalOptions(initOpts(t, caption)...)
	line.SetGlobalOptions(
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		ec.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "90", Bottom: "50", ContainLabel: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{Name: "%", Type: "value"}),
		ec.WithXAxisOpts(opts.XAxis{Type: "category", BoundaryGap: opts.Bool(false)}),
	)
	var waves []string
	waveIdx := map[string]int{}
	var regions []string
	byRegion := map[string]map[string]any{}
	for _, row := range t.Rows {
		wave, region := fmt.Sprint(row[0]), fmt.Sprint(row[1])
		if _, ok := waveIdx[wave]; !ok {
			waveIdx[wave] = len(waves)
			waves = append(waves, wave)
		}
		if byRegion[region] == nil {
			byRegion[region] = map[string]any{}
			regions = append(regions, region)
		}
		byRegion[region][wave] = row[3]
	}
	line.SetXAxis(cleanAll(waves))
	if len(regions) == 0 { // nothing matched: an empty series keeps the option well formed
		line.AddSeries("AI 도입률(%)", nil)
	}
	names := t.Columns[1].Names
	for _, region := range regions {
		data := make([]opts.LineData, len(waves))
		for i, w := range waves {
			data[i] = opts.LineData{Value: "-"}
			if f, ok := number(byRegion[region][w]); ok {
				data[i] = opts.LineData{Value: round(f, 1)}
			}
		}
		name := region
		if n, ok := names[region]; ok {
			name = n
		}
		line.AddSeries(Clean(name), data, ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true)}))
	}
	return line
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
	var cats []string
	var region, nation []opts.BarData
	for _, m := range ms {
		if m.Unit != "%" {
			continue
		}
		cats = append(cats, m.Label)
		region = append(region, barValue(m.Value))
		nation = append(nation, barValue(m.Other))
	}
	bar.SetXAxis(cats)
	bar.AddSeries(Clean(regionName), region)
	bar.AddSeries("전국", nation)
	return marshal(t.Figure.ID, bar)
}

func barValue(v any) opts.BarData {
	if f, ok := number(v); ok {
		return opts.BarData{Value: round(f, 1)}
	}
	return opts.BarData{Value: "-"}
}
