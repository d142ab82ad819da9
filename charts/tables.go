package charts

import (
	"context"
	"strings"

	"axdash/app/model"
)

const weightNote = "비율·평균·중위값은 표본 가중치를 적용한 추정값이며 n은 응답 기업 수(가중치 미적용)입니다."

// pct returns part/whole in percent, or nil when whole is zero.
func pct(part, whole float64) any {
	if whole <= 0 {
		return nil
	}
	return 100 * part / whole
}

func (c *Catalogue) adoptionByRegion(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	groups, err := src.AdoptionBy(ctx, ByRegion, f)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]model.GroupRate, len(groups))
	for _, g := range groups {
		byCode[g.Key] = g
	}
	t := &Table{
		Columns: []Column{{"region", "시도 코드", ""}, {"region_name", "시도", ""}, {"n", "응답 기업 수", "개"}, {"adoption_rate", "AI 도입률", "%"}},
		Notes:   []string{"AI 도입: 도입단계가 ‘도입’ 또는 ‘확산’인 기업.", weightNote, c.suppressionNote()},
	}
	for _, rg := range c.regions.Regions {
		g := byCode[rg.Code]
		var rate any
		if !c.suppressed(g.N) {
			rate = pct(g.WeightAdopt, g.WeightTotal)
		}
		t.Rows = append(t.Rows, []any{rg.Code, rg.Short, g.N, rate})
		t.N += g.N
	}
	return t, nil
}

func (c *Catalogue) costBySize(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	groups, err := src.CostBy(ctx, BySize, f)
	if err != nil {
		return nil, err
	}
	byBand := make(map[string]model.GroupCost, len(groups))
	for _, g := range groups {
		byBand[g.Key] = g
	}
	t := &Table{
		Columns: []Column{{"size", "종업원 규모", ""}, {"n", "도입비용 응답 기업 수", "개"}, {"mean_cost", "평균 도입비용", "원"}, {"median_cost", "중위 도입비용", "원"}},
		Notes:   []string{"AI 도입비용이 0보다 큰 기업만 집계합니다.", weightNote, c.suppressionNote()},
	}
	for _, band := range model.SizeBands {
		g := byBand[band]
		var mean, median any
		if !c.suppressed(g.N) {
			mean, median = float64(int64(g.Mean+0.5)), g.Median
		}
		t.Rows = append(t.Rows, []any{band, g.N, mean, median})
		t.N += g.N
	}
	return t, nil
}

func (c *Catalogue) talentGapByRegion(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	groups, err := src.TalentBy(ctx, ByRegion, f)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]model.GroupTalent, len(groups))
	for _, g := range groups {
		byCode[g.Key] = g
	}
	t := &Table{
		Columns: []Column{{"region", "시도 코드", ""}, {"region_name", "시도", ""}, {"n", "응답 기업 수", "개"},
			{"staff_current", "AI 인력 현원", "명"}, {"staff_needed", "AI 인력 필요", "명"},
			{"gap", "AI 인력 부족", "명"}, {"gap_rate", "인력 부족률", "%"}},
		Notes: []string{"부족 인원 = 기업별 max(필요 − 현원, 0)의 가중 합계, 부족률 = 부족 인원 ÷ 필요 인원.", weightNote, c.suppressionNote()},
	}
	for _, rg := range c.regions.Regions {
		g := byCode[rg.Code]
		row := []any{rg.Code, rg.Short, g.N, nil, nil, nil, nil}
		if !c.suppressed(g.N) {
			row[3], row[4], row[5], row[6] = g.Current, g.Needed, g.Gap, pct(g.Gap, g.Needed)
		}
		t.Rows = append(t.Rows, row)
		t.N += g.N
	}
	return t, nil
}

// exemplarLimit caps the list so a page stays readable.
const exemplarLimit = 200

func (c *Catalogue) exemplarFirms(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	firms, err := src.ExemplarFirms(ctx, f, exemplarLimit)
	if err != nil {
		return nil, err
	}
	t := &Table{
		Columns: []Column{{"firm_name", "기업명", ""}, {"region_name", "시도", ""}, {"industry", "업종", ""},
			{"size", "종업원 규모", ""}, {"stage", "AI 도입단계", ""}, {"use_areas", "AI 활용분야", ""},
			{"productivity_gain", "생산성 향상률", "%"}, {"note", "우수사례 내용", ""}},
		Notes: []string{"응답 기업이 우수사례로 표시한 사례이며 생산성 향상률이 높은 순입니다(최대 200개)."},
	}
	for _, fm := range firms {
		var gain any
		if fm.ProductivityGain != nil {
			gain = *fm.ProductivityGain
		}
		t.Rows = append(t.Rows, []any{Clean(fm.FirmName), c.regions.Name(fm.Region), c.survey.IndustryName(fm.Industry),
			c.survey.BandLabel(fm.SizeBand), fm.Stage, strings.Join(fm.UseAreas, ", "), gain, Clean(fm.Note)})
	}
	t.N = len(firms)
	return t, nil
}
