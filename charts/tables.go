package charts

import (
	"context"

	"axdash/app/model"
)

const (
	weightNote  = "비율·평균·중위값은 표본 가중치를 적용한 추정값이며 n은 응답 기업 수(가중치 미적용)입니다."
	adoptedNote = "AI 도입: 도입단계가 ‘도입’ 또는 ‘확산’인 기업."
	costNote    = "AI 도입비용이 0보다 큰 기업만 집계하며(n), 금액은 원 단위 자료를 백만원으로 표시합니다."
)

// StageKeys are the JSON keys of adoption-stage-by-region's share columns,
// one per stage in model.Stages order (미도입, 검토, 시범도입, 도입, 확산):
// romanised so that API clients need no Korean identifiers.
func StageKeys() []string {
	return []string{"stage_none", "stage_review", "stage_pilot", "stage_adopted", "stage_scaled"}
}

func count(cell model.Cell) int     { return cell.N }
func costCount(cell model.Cell) int { return cell.NCost }

func adoptionMeasure() measure {
	return measure{
		cols: []Column{{Key: "adoption_rate", Label: "AI 도입률", Unit: "%"}},
		n:    count,
		values: func(cell model.Cell) []any {
			return []any{pct(cell.AdoptedWeight(), cell.Weight)}
		},
	}
}

func adoptionBy(dim string) builder {
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		t, err := c.groupTable(ctx, src, f, dim, adoptionMeasure())
		if err != nil {
			return nil, err
		}
		t.Notes = []string{adoptedNote, weightNote, c.suppressionNote()}
		return t, nil
	}
}

func (c *Catalogue) stageByRegion(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	var cols []Column
	keys := StageKeys()
	for i, st := range model.Stages {
		cols = append(cols, Column{Key: keys[i], Label: st, Unit: "%"})
	}
	m := measure{cols: cols, n: count, values: func(cell model.Cell) []any {
		out := make([]any, len(model.Stages))
		for i, w := range cell.StageWeights() {
			out[i] = pct(w, cell.Weight)
		}
		return out
	}}
	t, err := c.groupTable(ctx, src, f, ByRegion, m)
	if err != nil {
		return nil, err
	}
	t.Notes = []string{"단계별 비중은 시도 안에서 합이 100%입니다.", weightNote, c.suppressionNote()}
	return t, nil
}

func costBy(dim string) builder {
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		m := measure{
			cols: []Column{{Key: "mean_cost", Label: "평균 도입비용", Unit: "원"}, {Key: "median_cost", Label: "중위 도입비용", Unit: "원"}},
			n:    costCount,
			values: func(cell model.Cell) []any {
				if cell.NCost == 0 || cell.WCost <= 0 || cell.MedianCost == nil {
					return []any{nil, nil}
				}
				return []any{float64(int64(cell.WXCost/cell.WCost + 0.5)), *cell.MedianCost}
			},
		}
		t, err := c.groupTable(ctx, src, f, dim, m)
		if err != nil {
			return nil, err
		}
		t.Columns[len(t.Columns)-3].Label = "도입비용 응답 기업 수"
		t.Notes = []string{costNote, "중위 비용: 비용 순으로 누적한 가중치가 절반에 이르는 첫 비용.", weightNote, c.suppressionNote()}
		return t, nil
	}
}

func (c *Catalogue) supportShare(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	m := measure{
		cols: []Column{{Key: "support_share", Label: "정부지원 비중", Unit: "%"}},
		n:    costCount,
		values: func(cell model.Cell) []any {
			return []any{pct(cell.WXSupport, cell.WXCost)}
		},
	}
	t, err := c.groupTable(ctx, src, f, ByRegion, m)
	if err != nil {
		return nil, err
	}
	t.Columns[2].Label = "도입비용 응답 기업 수"
	t.Notes = []string{"정부지원 비중 = Σ가중치·정부지원금 ÷ Σ가중치·AI 도입비용(도입비용이 있는 기업, 지원금이 없으면 0).",
		weightNote, c.suppressionNote()}
	return t, nil
}

func talentBy(dim string) builder {
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		m := measure{
			cols: []Column{{Key: "staff_current", Label: "AI 인력 현원", Unit: "명"}, {Key: "staff_needed", Label: "AI 인력 필요", Unit: "명"},
				{Key: "gap", Label: "AI 인력 부족", Unit: "명"}, {Key: "gap_rate", Label: "인력 부족률", Unit: "%"}},
			n: count,
			values: func(cell model.Cell) []any {
				return []any{cell.Current, cell.Needed, cell.Gap, pct(cell.Gap, cell.Needed)}
			},
		}
		t, err := c.groupTable(ctx, src, f, dim, m)
		if err != nil {
			return nil, err
		}
		t.Notes = []string{"부족 인원 = 기업별 max(필요 − 현원, 0)의 가중 합계, 부족률 = 부족 인원 ÷ 필요 인원.", weightNote, c.suppressionNote()}
		return t, nil
	}
}
