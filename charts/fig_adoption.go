package charts

import (
	"context"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/xuri/excelize/v2"

	"axdash/app/cube"
	"axdash/app/model"
)

// adoptionFigures are the adoption rate by region, industry and size and
// the stage shares by region.
func adoptionFigures() []def {
	rate := series{"AI 도입률(%)", "adoption_rate", 1}
	excel := &excelChart{typ: excelize.Col, vals: []string{"adoption_rate"}}
	notes := rateNotes(adoptedNote)
	return []def{
		{Figure: Figure{ID: "adoption-by-region", Title: "시도별 AI 도입률", Description: "AI를 도입(도입·확산 단계)한 기업의 가중 비율, 시도별",
			Filters: allFilters(), Choropleth: true, Briefing: BriefingPart{Sheet: true, Slot: 1, Nation: true}},
			build: adoptionBy(ByRegion), notes: notes, chart: barChart("%", 1, rate), excel: excel},
		{Figure: Figure{ID: "adoption-stage-by-region", Title: "시도별 AI 도입 단계 구성", Description: "미도입·검토·시범도입·도입·확산 단계별 기업 비중(가중), 시도별",
			Filters: allFilters(), Briefing: BriefingPart{Sheet: true}},
			build: stagesByRegion(), notes: rateNotes("단계별 비중은 시도 안에서 합이 100%입니다."), chart: stageBar,
			excel: &excelChart{typ: excelize.BarStacked, vals: StageKeys()}},
		{Figure: Figure{ID: "adoption-by-industry", Title: "업종별 AI 도입률", Description: "AI를 도입한 기업의 가중 비율, KSIC 대분류별",
			Filters: allFilters(), RegionPage: true, Briefing: BriefingPart{Sheet: true, Slot: 1, Region: true}},
			build: adoptionBy(ByIndustry), notes: notes, chart: barChart("%", 0, rate), excel: excel},
		{Figure: Figure{ID: "adoption-by-size", Title: "기업 규모별 AI 도입률", Description: "AI를 도입한 기업의 가중 비율, 종업원 규모별",
			Filters: allFilters(), RegionPage: true, Briefing: BriefingPart{Sheet: true, Slot: 2, Nation: true, Region: true}},
			build: adoptionBy(BySize), notes: notes, chart: barChart("%", 0, rate), excel: excel},
	}
}

// StageKeys are the JSON keys of the stage shares' columns, one per stage
// in model.Stages order (미도입, 검토, 시범도입, 도입, 확산): romanised so
// that API clients need no Korean identifiers.
func StageKeys() []string {
	return []string{"stage_none", "stage_review", "stage_pilot", "stage_adopted", "stage_scaled"}
}

// adoptionMeasure is the adoption rate of a cell: the weight of firms at
// 도입 or 확산 over all weight.
func adoptionMeasure() measure {
	return measure{
		cols: []Column{{Key: "adoption_rate", Label: "AI 도입률", Unit: "%"}},
		n:    count,
		ests: estimatesOf(cube.MeasureAdoption),
		est:  cube.MeasureAdoption,
	}.laidOut()
}

func adoptionBy(dim string) builder {
	m := adoptionMeasure()
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		return c.groupTable(ctx, src, f, dim, m)
	}
}

// stagesByRegion is the share of each stage by region.
func stagesByRegion() builder {
	var cols []Column
	var names []string
	keys := StageKeys()
	for i, st := range model.Stages {
		cols = append(cols, Column{Key: keys[i], Label: st, Unit: "%"})
		names = append(names, cube.StageMeasure(st))
	}
	m := measure{cols: cols, n: count, ests: estimatesOf(names...)}.laidOut()
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		return c.groupTable(ctx, src, f, ByRegion, m)
	}
}

// stageBar stacks the five stage shares of each region to 100%, each stage
// its own colour and decal pattern; the tooltip gives each share's
// interval (a segment has no whisker).
func stageBar(_ *Catalogue, t *Table, caption string) chart {
	bar := newBar(t, caption, "%")
	bar.SetGlobalOptions(ariaDecals())
	rows := reversed(t)
	bar.SetXAxis(labels(rows, 1))
	colors := stageColors()
	var ss []series
	for i, key := range StageKeys() {
		s := series{name: t.Columns[colIndex(t, key)].Label, key: key, div: 1}
		ss = append(ss, s)
		bar.AddSeries(s.name, values(rows, s), ec.WithBarChartOpts(opts.BarChart{Stack: "stage"}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: colors[i]}))
	}
	tooltips := func(m map[string]interface{}) { withTooltipIntervals(m, rows, ss, true, "%") }
	return patched{chart: horizontal(bar, opts.XAxis{Type: "value", Name: "%", Max: 100}), patch: both(withheldMarks(rows, true), tooltips)}
}
