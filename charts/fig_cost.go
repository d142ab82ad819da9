package charts

import (
	"context"

	"github.com/xuri/excelize/v2"

	"axdash/app/cube"
	"axdash/app/model"
)

// costNote says which firms the cost figures count and in what unit.
const costNote = "AI 도입비용이 0보다 큰 기업만 집계하며(n), 금액은 원 단위 자료를 백만원으로 표시합니다."

// supportNote defines the support share.
const supportNote = "정부지원 비중 = Σ가중치·정부지원금 ÷ Σ가중치·AI 도입비용(도입비용이 있는 기업, 지원금이 없으면 0)."

// costCountLabel is the n of the cost figures: the firms with a cost.
const costCountLabel = "도입비용 응답 기업 수"

// costFigures are the mean and median cost of adoption by size, industry
// and region, and the government's share of it by region.
func costFigures() []def {
	excel := &excelChart{typ: excelize.Col, vals: []string{"mean_cost", "median_cost"}}
	notes := withMedianNote(rateNotes(costNote, "중위 비용: 비용 순으로 누적한 가중치가 절반에 이르는 첫 비용."))
	return []def{
		{Figure: Figure{ID: "cost-by-size", Title: "기업 규모별 AI 도입비용", Description: "AI 도입비용이 있는 기업의 가중 평균·중위 비용, 종업원 규모별",
			Filters: allFilters(), RegionPage: true, Briefing: BriefingPart{Sheet: true, Slot: 4, Nation: true, Region: true}},
			build: costBy(BySize), notes: notes, chart: barChart("백만원", 0, costSeries()...), excel: excel, nOf: cube.MeasureCost},
		{Figure: Figure{ID: "cost-by-industry", Title: "업종별 AI 도입비용", Description: "AI 도입비용이 있는 기업의 가중 평균·중위 비용, KSIC 대분류별",
			Filters: allFilters(), Briefing: BriefingPart{Sheet: true}},
			build: costBy(ByIndustry), notes: notes, chart: barChart("백만원", 0, costSeries()...), excel: excel, nOf: cube.MeasureCost},
		{Figure: Figure{ID: "cost-by-region", Title: "시도별 AI 도입비용", Description: "AI 도입비용이 있는 기업의 가중 평균·중위 비용, 시도별",
			Filters: allFilters(), Briefing: BriefingPart{Sheet: true}},
			build: costBy(ByRegion), notes: notes, chart: barChart("백만원", 1, costSeries()...), excel: excel, nOf: cube.MeasureCost},
		{Figure: Figure{ID: "support-share-by-region", Title: "시도별 정부지원 비중", Description: "AI 도입비용 가운데 정부지원금이 차지하는 비중(가중), 시도별",
			Filters: allFilters(), Briefing: BriefingPart{Sheet: true}},
			build: supportShareByRegion(),
			notes: rateNotes(supportNote),
			chart: barChart("%", 1, series{"정부지원 비중(%)", "support_share", 1}),
			excel: &excelChart{typ: excelize.Col, vals: []string{"support_share"}}, nOf: cube.MeasureCost},
	}
}

// withMedianNote adds to a cost figure's notes that its medians have no
// interval, when a median is shown without one.
func withMedianNote(notes func(*Catalogue, *Table) []string) func(*Catalogue, *Table) []string {
	return func(c *Catalogue, t *Table) []string {
		out := notes(c, t)
		mc, lc := colIndex(t, "median_cost"), colIndex(t, "median_cost_"+StatLow)
		for _, row := range t.Rows {
			if _, ok := number(row[mc]); ok && row[lc] == nil {
				return append(out, "중위 비용에는 신뢰구간을 제공하지 않습니다(표준오차·신뢰구간 칸이 비어 있음).")
			}
		}
		return out
	}
}

// costCount is a cell's number of firms with a cost of adoption.
func costCount(cell model.Cell) int { return cell.NCost }

func costSeries() []series {
	return []series{{"평균 도입비용(백만원)", "mean_cost", 1e6}, {"중위 도입비용(백만원)", "median_cost", 1e6}}
}

// medianOf is a cell's median cost: its estimate once the cube gives one
// (cube.MeasureMedianCost), until then the cell's weighted median without
// an interval; nil when the cell has no firm with a cost.
func medianOf(cell model.Cell) *model.Estimate {
	if _, ok := cell.Est.Get(cube.MeasureMedianCost); ok {
		return estimateOf(cell, cube.MeasureMedianCost)
	}
	if cell.MedianCost == nil || cell.NCost == 0 {
		return nil
	}
	e := withheldIn(cell, model.Estimate{Value: float64(*cell.MedianCost), N: cell.NCost})
	return &e
}

func costBy(dim string) builder {
	m := measure{
		cols: []Column{{Key: "mean_cost", Label: "평균 도입비용", Unit: "원"}, {Key: "median_cost", Label: "중위 도입비용", Unit: "원"}},
		n:    costCount,
		est:  cube.MeasureCost,
		ests: func(cell model.Cell) []*model.Estimate {
			return []*model.Estimate{estimateOf(cell, cube.MeasureCost), medianOf(cell)}
		},
	}.laidOut()
	return costTable(dim, m)
}

// costTable groups a measure of the firms with a cost, its n so labelled.
func costTable(dim string, m measure) builder {
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		t, err := c.groupTable(ctx, src, f, dim, m)
		if err != nil {
			return nil, err
		}
		t.Columns[colIndex(t, "n")].Label = costCountLabel
		return t, nil
	}
}

// supportMeasure is the government's share of the cost of adoption.
func supportMeasure() measure {
	return measure{
		cols: []Column{{Key: "support_share", Label: "정부지원 비중", Unit: "%"}},
		n:    costCount,
		ests: estimatesOf(cube.MeasureSupportShare),
		est:  cube.MeasureSupportShare,
	}.laidOut()
}

// meanCostMeasure is the weighted mean cost of the firms with one.
func meanCostMeasure() measure {
	return measure{
		cols: []Column{{Key: "mean_cost", Label: "평균 도입비용", Unit: "원"}},
		n:    costCount,
		ests: estimatesOf(cube.MeasureCost),
		est:  cube.MeasureCost,
	}.laidOut()
}

// supportShareByRegion is the government's share of the cost by region.
func supportShareByRegion() builder { return costTable(ByRegion, supportMeasure()) }
