package charts

import (
	"context"
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// exemplarLimit caps the list so a page stays readable.
const exemplarLimit = 200

// exemplarChartLimit keeps the bar chart legible; the table lists them all.
const exemplarChartLimit = 15

// exemplarFigures is the list of firms that reported themselves as
// exemplars, with their productivity gain.
func exemplarFigures() []def {
	return []def{
		{Figure: Figure{ID: "exemplar-firms", Title: "AI 도입 우수사례 기업", Description: "우수사례로 응답한 기업과 생산성 향상률",
			Filters: allFilters(), RegionPage: true, Briefing: BriefingPart{Sheet: true}},
			build: (*Catalogue).exemplarFirms, notes: exemplarNotes, chart: exemplarBar,
			excel: &excelChart{typ: excelize.Bar, vals: []string{"productivity_gain"}}},
	}
}

func exemplarNotes(*Catalogue, *Table) []string {
	return []string{fmt.Sprintf("응답 기업이 우수사례로 표시한 사례이며 생산성 향상률이 높은 순입니다(최대 %d개).", exemplarLimit)}
}

func (c *Catalogue) exemplarFirms(ctx context.Context, src Source, f model.Filter) (*Table, error) {
	firms, err := src.ExemplarFirms(ctx, f, exemplarLimit)
	if err != nil {
		return nil, err
	}
	return c.exemplarTable(firms, false), nil
}

// ExemplarDirectory is the exemplar directory's download: the figure's
// columns, which are what a firm agrees to publish with its case (never
// its business number or contact), and the earlier-wave mark.
func (c *Catalogue) ExemplarDirectory(firms []model.ExemplarFirm) *Table {
	t := c.exemplarTable(firms, true)
	t.Figure = Figure{ID: "exemplars", Title: "AI 도입 우수사례 기업"}
	return t
}

// EarlierExemplar marks a firm that was an exemplar in an earlier wave.
const EarlierExemplar = "이전 차수에도 우수사례"

// exemplarTable lists firms as given, with the earlier-wave mark when asked.
func (c *Catalogue) exemplarTable(firms []model.ExemplarFirm, earlier bool) *Table {
	t := &Table{
		Columns: []Column{{Key: "firm_name", Label: "기업명"}, {Key: "region_name", Label: "시도"}, {Key: "industry", Label: "업종"},
			{Key: "size", Label: "종업원 규모"}, {Key: "stage", Label: "AI 도입단계"}, {Key: "use_areas", Label: "AI 활용분야"},
			{Key: "productivity_gain", Label: "생산성 향상률", Unit: "%"}, {Key: "note", Label: "우수사례 내용"}},
	}
	if earlier {
		t.Columns = append(t.Columns, Column{Key: "earlier", Label: EarlierExemplar})
	}
	for _, fm := range firms {
		var gain any
		if fm.ProductivityGain != nil {
			gain = *fm.ProductivityGain
		}
		row := []any{Clean(fm.FirmName), c.regions.Name(fm.Region), c.survey.IndustryName(fm.Industry),
			c.survey.BandLabel(fm.SizeBand), fm.Stage, strings.Join(fm.UseAreas, ", "), gain, Clean(fm.Note)}
		if earlier {
			mark := ""
			if fm.Earlier {
				mark = "예"
			}
			row = append(row, mark)
		}
		t.Rows = append(t.Rows, row)
	}
	t.N = len(firms)
	return t
}

// exemplarBar draws the firms with the highest gains, the highest on top.
func exemplarBar(_ *Catalogue, t *Table, caption string) chart {
	bar := newBar(t, caption, "%")
	top := reversed(&Table{Figure: t.Figure, Columns: t.Columns, Rows: t.Rows[:min(len(t.Rows), exemplarChartLimit)]})
	bar.SetXAxis(labels(top, 0))
	bar.AddSeries("생산성 향상률(%)", values(top, series{key: "productivity_gain", div: 1}))
	return horizontal(bar, opts.XAxis{Type: "value", Name: "%"})
}
