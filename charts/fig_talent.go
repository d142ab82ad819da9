package charts

import (
	"context"

	"github.com/xuri/excelize/v2"

	"axdash/app/cube"
	"axdash/app/model"
)

// gapNote defines the talent gap and its rate.
const gapNote = "부족 인원 = 기업별 max(필요 − 현원, 0)의 가중 합계, 부족률 = 부족 인원 ÷ 필요 인원."

// gapRateMeasure is the talent gap rate alone, the trend's measure.
func gapRateMeasure() measure {
	return measure{
		cols: []Column{{Key: "gap_rate", Label: "인력 부족률", Unit: "%"}},
		n:    count,
		ests: estimatesOf(cube.MeasureTalentGap),
		est:  cube.MeasureTalentGap,
	}.laidOut()
}

// talentFigures are the AI staff firms have and need, by region and by
// industry.
func talentFigures() []def {
	gap := series{"AI 인력 부족률(%)", "gap_rate", 1}
	excel := &excelChart{typ: excelize.Col, vals: []string{"gap_rate"}}
	notes := rateNotes(gapNote)
	return []def{
		{Figure: Figure{ID: "talent-gap-by-region", Title: "시도별 AI 인력 부족", Description: "AI 인력 필요 인원 대비 부족 인원(가중), 시도별",
			Filters: allFilters(), Briefing: BriefingPart{Sheet: true}},
			build: talentBy(ByRegion), notes: notes, chart: barChart("%", 1, gap), excel: excel},
		{Figure: Figure{ID: "talent-gap-by-industry", Title: "업종별 AI 인력 부족", Description: "AI 인력 필요 인원 대비 부족 인원(가중), KSIC 대분류별",
			Filters: allFilters(), RegionPage: true, Briefing: BriefingPart{Sheet: true}},
			build: talentBy(ByIndustry), notes: notes, chart: barChart("%", 0, gap), excel: excel},
	}
}

func talentBy(dim string) builder {
	m := measure{
		cols: []Column{{Key: "staff_current", Label: "AI 인력 현원", Unit: "명"}, {Key: "staff_needed", Label: "AI 인력 필요", Unit: "명"},
			{Key: "gap", Label: "AI 인력 부족", Unit: "명"}, {Key: "gap_rate", Label: "인력 부족률", Unit: "%"}},
		n: count,
		ests: estimatesOf(cube.TotalOf(cube.MeasureStaffCurrent), cube.TotalOf(cube.MeasureStaffNeeded),
			cube.TotalOf(cube.MeasureTalentGap), cube.MeasureTalentGap),
		est: cube.MeasureTalentGap,
	}.laidOut()
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		return c.groupTable(ctx, src, f, dim, m)
	}
}
