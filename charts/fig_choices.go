package charts

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/configs"
)

// choiceFigures are the multi-select questions: the barriers to adoption
// and the areas AI is used in.
func choiceFigures() []def {
	excel := &excelChart{typ: excelize.Bar, vals: []string{"share"}}
	return []def{
		{Figure: Figure{ID: "barriers", Title: "AI 도입 애로사항", Description: "애로사항을 꼽은 기업의 가중 비율(복수 응답)",
			Filters: allFilters(), RegionPage: true, Briefing: BriefingPart{Sheet: true, Slot: 3, Nation: true, Region: true}},
			build: choicesOf(model.ChoiceBarrier), notes: choiceNotes, chart: choiceBar, excel: excel, choice: model.ChoiceBarrier},
		{Figure: Figure{ID: "use-areas", Title: "AI 활용분야", Description: "분야별로 AI를 활용하는 기업의 가중 비율(복수 응답)",
			Filters: allFilters(), RegionPage: true, Briefing: BriefingPart{Sheet: true}},
			build: choicesOf(model.ChoiceUseArea), notes: choiceNotes, chart: choiceBar, excel: excel, choice: model.ChoiceUseArea},
	}
}

// choiceNotes name the population the shares are of (t.N firms) and the
// count below which a share is not shown.
func choiceNotes(c *Catalogue, t *Table) []string {
	return []string{fmt.Sprintf("비율 = 그 항목을 꼽은 기업의 가중치 ÷ 전체 응답 기업(n=%s)의 가중치, 복수 응답이라 합이 100%%를 넘을 수 있습니다.",
		t.NText()), weightNote, intervalNote,
		fmt.Sprintf("응답 기업이 %d개 미만이면 항목별 수와 비율을 공개하지 않습니다(빈 칸).", c.suppress)}
}

// choicesOf builds barriers or use-areas: one row per code in survey order,
// the share of weight naming it; every row blank when the view withholds
// the filter's cell (a code's count of a small cell is a firm's answer),
// and a row blank when it withholds the code's share.
func choicesOf(kind string) builder {
	// The columns are made once with the registry, shared read-only by
	// every table (clipped, so that an append copies), as a measure's are.
	share := []Column{{Key: "share", Label: "비율", Unit: "%"}}
	cols := slices.Clip(append([]Column{{Key: "code", Label: "코드"}, {Key: "label", Label: "항목"},
		{Key: "n", Label: "꼽은 기업 수", Unit: "개"}}, append(share, precisionColumns(share)...)...))
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
		t := &Table{Columns: cols, N: total.N}
		if total.Hidden {
			t.N = 0
		}
		for _, code := range c.choiceCodes(kind) {
			ch, named := byCode[code.Code]
			var est *model.Estimate
			if named && !empty(ch.Est) {
				est = &ch.Est
			}
			vals, marks := estimateCells(share, []*model.Estimate{est})
			var n any = ch.N
			switch {
			case total.Hidden || ch.Est.Hidden:
				t.Suppressed++
				vals, marks = blanked(vals, marks)
				n = nil
			case !named: // nobody named it: no share (자료 없음), as for a column no file had
				n = 0
			}
			t.Rows = append(t.Rows, append([]any{code.Code, code.Code, n}, vals...))
			t.Marks = append(t.Marks, marks)
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

// choiceBar draws barriers or use areas as horizontal bars, the most named
// on top; suppressed shares sort last.
func choiceBar(_ *Catalogue, t *Table, caption string) chart {
	bar := newBar(t, caption, "%")
	share := colIndex(t, "share")
	order := make([]int, len(t.Rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, okA := number(t.Rows[order[i]][share])
		b, okB := number(t.Rows[order[j]][share])
		return okA && (!okB || a > b)
	})
	sorted := reversed(t.permuted(order))
	bar.SetXAxis(labels(sorted, 1))
	s := series{name: "응답 비율(%)", key: "share", div: 1}
	bar.AddSeries(s.name, values(sorted, s))
	return patched{chart: horizontal(bar, opts.XAxis{Type: "value", Name: "%"}),
		patch: both(withheldMarks(sorted, true), withIntervals(sorted, []series{s}, true, "%"))}
}
