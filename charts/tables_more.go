package charts

import (
	"context"
	"fmt"
	"strings"

	"axdash/app/model"
	"axdash/configs"
)

// choicesOf builds barriers or use-areas: one row per code in survey order,
// the share of weight naming it. The rows are not a partition (a firm names
// several codes), so each cell is suppressed on its own count only.
func choicesOf(kind string) builder {
	return func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error) {
		counts, err := src.Choices(ctx, kind, f)
		if err != nil {
			return nil, err
		}
		total, err := src.CellTotal(ctx, f)
		if err != nil {
			return nil, err
		}
		byCode := make(map[string]model.Choice, len(counts))
		for _, ch := range counts {
			byCode[ch.Code] = ch
		}
		t := &Table{
			Columns: []Column{{Key: "code", Label: "코드"}, {Key: "label", Label: "항목"},
				{Key: "n", Label: "꼽은 기업 수", Unit: "개"}, {Key: "share", Label: "비율", Unit: "%"}},
			N: total.N,
			Notes: []string{fmt.Sprintf("비율 = 그 항목을 꼽은 기업의 가중치 ÷ 전체 응답 기업(n=%s)의 가중치, 복수 응답이라 합이 100%%를 넘을 수 있습니다.",
				grouped(float64(total.N), 0)), weightNote,
				fmt.Sprintf("꼽은 기업이 %d개 미만인 항목의 비율은 공개하지 않습니다(빈 칸).", c.suppress)},
		}
		for _, code := range c.choiceCodes(kind) {
			ch := byCode[code.Code]
			var share any
			if c.shown(ch.N) && c.shown(total.N) {
				share = pct(ch.Weight, total.Weight)
			} else if ch.N > 0 {
				t.Suppressed++
			}
			t.Rows = append(t.Rows, []any{code.Code, code.Code, ch.N, share})
		}
		return t, nil
	}
}

func (c *Catalogue) choiceCodes(kind string) []configs.Code {
	if kind == model.ChoiceBarrier {
		return c.survey.Barriers
	}
	return c.survey.UseAreas
}

// adoptionTrend lists, for every wave up to the chosen one, the adoption
// rate per region; the rule of hide applies within each wave.
func (c *Catalogue) adoptionTrend(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	cells, err := src.TrendBy(ctx, ByRegion, f)
	if err != nil {
		return nil, err
	}
	t := &Table{
		Columns: []Column{{Key: "wave", Label: "조사 차수"}, {Key: "region", Label: "시도", Names: c.regionNames()},
			{Key: "n", Label: "응답 기업 수", Unit: "개"}, {Key: "adoption_rate", Label: "AI 도입률", Unit: "%"}},
		Notes: []string{adoptedNote, "선택한 조사 차수와 그 이전 차수를 보여 줍니다.", weightNote, c.suppressionNote()},
	}
	d := c.dim(ByRegion)
	if f.Region != "" {
		d.allRows = false // one region asked for: its rows only
	}
	for _, wave := range trendWaves(cells, f.WaveID) {
		rows, n, hidden := c.partitionRows(d, wave.cells, adoptionMeasure())
		for _, r := range rows {
			// partitionRows leads with region code and name; the trend
			// table names the wave and the code only.
			t.Rows = append(t.Rows, []any{Clean(wave.name), r[0], r[2], r[3]})
		}
		t.N += n
		t.Suppressed += hidden
	}
	return t, nil
}

type waveCells struct {
	id    int64
	name  string
	cells []model.Cell
}

// trendWaves groups trend cells by wave, oldest first, up to and including
// the chosen wave. A wave whose filter matched nothing has no cells; when
// that is the chosen wave, earlier ids stand in for earlier waves.
func trendWaves(cells []model.Cell, upTo int64) []waveCells {
	var out []waveCells
	for _, cell := range cells {
		if len(out) == 0 || out[len(out)-1].id != cell.WaveID {
			out = append(out, waveCells{id: cell.WaveID, name: cell.Wave})
		}
		out[len(out)-1].cells = append(out[len(out)-1].cells, cell)
	}
	for i, w := range out {
		if w.id == upTo {
			return out[:i+1]
		}
	}
	var earlier []waveCells
	for _, w := range out {
		if w.id < upTo {
			earlier = append(earlier, w)
		}
	}
	return earlier
}

// exemplarLimit caps the list so a page stays readable.
const exemplarLimit = 200

func (c *Catalogue) exemplarFirms(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	firms, err := src.ExemplarFirms(ctx, f, exemplarLimit)
	if err != nil {
		return nil, err
	}
	t := &Table{
		Columns: []Column{{Key: "firm_name", Label: "기업명"}, {Key: "region_name", Label: "시도"}, {Key: "industry", Label: "업종"},
			{Key: "size", Label: "종업원 규모"}, {Key: "stage", Label: "AI 도입단계"}, {Key: "use_areas", Label: "AI 활용분야"},
			{Key: "productivity_gain", Label: "생산성 향상률", Unit: "%"}, {Key: "note", Label: "우수사례 내용"}},
		Notes: []string{fmt.Sprintf("응답 기업이 우수사례로 표시한 사례이며 생산성 향상률이 높은 순입니다(최대 %d개).", exemplarLimit)},
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
