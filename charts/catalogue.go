// Package charts is the figure catalogue: each figure is one store aggregate
// turned into a table (columns and rows, suppression applied) and an ECharts
// option built with go-echarts. It knows app/model and configs, never the
// database or HTTP.
package charts

import (
	"context"
	"errors"
	"fmt"

	"axdash/app/model"
	"axdash/configs"
)

// ErrUnknownFigure is returned for an id that is not in the catalogue.
var ErrUnknownFigure = errors.New("unknown figure")

// Group dimensions understood by the Source (the store's allowlist).
const (
	ByRegion   = "region"
	ByIndustry = "industry"
	BySize     = "size"
)

// Source answers the aggregate questions the figures are built from; the
// store implements it over its rollups.
type Source interface {
	// CellsBy returns one cell per value of dim under the filter.
	CellsBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error)
	// CellTotal returns the cell of every response under the filter.
	CellTotal(ctx context.Context, f model.Filter) (model.Cell, error)
	// TrendBy returns cells per wave (oldest first) and value of dim.
	TrendBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error)
	// Choices counts the codes of a multi-select question.
	Choices(ctx context.Context, kind string, f model.Filter) ([]model.Choice, error)
	ExemplarFirms(ctx context.Context, f model.Filter, limit int) ([]model.ExemplarFirm, error)
}

// Figure is one entry of the catalogue. IDs are part of the public API.
type Figure struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// Column describes one table column: its JSON key, Korean label and unit
// ("%", "원", "명", "개" or empty). Names, when set, gives the Korean name of
// each code the column holds, for pages and exports.
type Column struct {
	Key   string            `json:"key"`
	Label string            `json:"label"`
	Unit  string            `json:"unit,omitempty"`
	Names map[string]string `json:"-"`
}

// Table is a figure's numbers. A suppressed cell is nil.
type Table struct {
	Figure     Figure
	Columns    []Column
	Rows       [][]any
	N          int
	Suppressed int // cells blanked by the disclosure rule
	Notes      []string
	// ImageName is the file name stem the chart toolbox saves images
	// under (see ExportName); empty means the figure id.
	ImageName string
}

// Catalogue builds figures against one survey schema and disclosure rules.
type Catalogue struct {
	survey   *configs.Survey
	regions  *configs.Regions
	suppress int
	source   string
}

// New returns the catalogue.
func New(survey *configs.Survey, regions *configs.Regions, fc configs.FiguresConfig) *Catalogue {
	return &Catalogue{survey: survey, regions: regions, suppress: max(fc.SuppressBelow, 1), source: fc.Source}
}

type builder func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error)

type entry struct {
	fig   Figure
	build builder
}

// catalogue lists the figures of design §5 in display order. A function,
// not a package variable, so that nothing global can be changed.
func catalogue() []entry {
	return []entry{
		{Figure{"adoption-by-region", "시도별 AI 도입률", "AI를 도입(도입·확산 단계)한 기업의 가중 비율, 시도별"}, adoptionBy(ByRegion)},
		{Figure{"region-tiles", "시도별 AI 도입률 지도", "시도마다 같은 크기의 칸을 대략의 위치에 놓고 AI 도입률로 색칠한 타일 지도"}, adoptionBy(ByRegion)},
		{Figure{"adoption-stage-by-region", "시도별 AI 도입 단계 구성", "미도입·검토·시범도입·도입·확산 단계별 기업 비중(가중), 시도별"}, (*Catalogue).stageByRegion},
		{Figure{"adoption-by-industry", "업종별 AI 도입률", "AI를 도입한 기업의 가중 비율, KSIC 대분류별"}, adoptionBy(ByIndustry)},
		{Figure{"adoption-by-size", "기업 규모별 AI 도입률", "AI를 도입한 기업의 가중 비율, 종업원 규모별"}, adoptionBy(BySize)},
		{Figure{"adoption-trend", "조사 차수별 AI 도입률 추이", "조사 차수(wave)마다 시도별 AI 도입률"}, (*Catalogue).adoptionTrend},
		{Figure{"cost-by-size", "기업 규모별 AI 도입비용", "AI 도입비용이 있는 기업의 가중 평균·중위 비용, 종업원 규모별"}, costBy(BySize)},
		{Figure{"cost-by-industry", "업종별 AI 도입비용", "AI 도입비용이 있는 기업의 가중 평균·중위 비용, KSIC 대분류별"}, costBy(ByIndustry)},
		{Figure{"cost-by-region", "시도별 AI 도입비용", "AI 도입비용이 있는 기업의 가중 평균·중위 비용, 시도별"}, costBy(ByRegion)},
		{Figure{"support-share-by-region", "시도별 정부지원 비중", "AI 도입비용 가운데 정부지원금이 차지하는 비중(가중), 시도별"}, (*Catalogue).supportShare},
		{Figure{"talent-gap-by-region", "시도별 AI 인력 부족", "AI 인력 필요 인원 대비 부족 인원(가중), 시도별"}, talentBy(ByRegion)},
		{Figure{"talent-gap-by-industry", "업종별 AI 인력 부족", "AI 인력 필요 인원 대비 부족 인원(가중), KSIC 대분류별"}, talentBy(ByIndustry)},
		{Figure{"barriers", "AI 도입 애로사항", "애로사항을 꼽은 기업의 가중 비율(복수 응답)"}, choicesOf(model.ChoiceBarrier)},
		{Figure{"use-areas", "AI 활용분야", "분야별로 AI를 활용하는 기업의 가중 비율(복수 응답)"}, choicesOf(model.ChoiceUseArea)},
		{Figure{"exemplar-firms", "AI 도입 우수사례 기업", "우수사례로 응답한 기업과 생산성 향상률"}, (*Catalogue).exemplarFirms},
	}
}

// Figures lists the catalogue in display order.
func (c *Catalogue) Figures() []Figure {
	entries := catalogue()
	out := make([]Figure, len(entries))
	for i, e := range entries {
		out[i] = e.fig
	}
	return out
}

// Lookup returns the figure with the id.
func (c *Catalogue) Lookup(id string) (Figure, bool) {
	for _, e := range catalogue() {
		if e.fig.ID == id {
			return e.fig, true
		}
	}
	return Figure{}, false
}

// SuppressBelow is the disclosure threshold: cells with fewer responses are
// blanked.
func (c *Catalogue) SuppressBelow() int { return c.suppress }

// Build computes one figure's table for the filter.
func (c *Catalogue) Build(ctx context.Context, src Source, id string, f model.Filter) (*Table, error) {
	for _, e := range catalogue() {
		if e.fig.ID != id {
			continue
		}
		t, err := e.build(c, ctx, src, f)
		if err != nil {
			return nil, fmt.Errorf("charts: %s: %w", id, err)
		}
		t.Figure = e.fig
		if t.Suppressed > 0 {
			t.Notes = append(t.Notes, fmt.Sprintf("이 표에서 %d개 칸을 공개하지 않았습니다.", t.Suppressed))
		}
		t.Notes = append(t.Notes, "출처: "+c.source)
		return t, nil
	}
	return nil, fmt.Errorf("charts: %q: %w", id, ErrUnknownFigure)
}

func (c *Catalogue) suppressionNote() string {
	return fmt.Sprintf("응답 %d개 미만인 칸은 공개하지 않으며(빈 칸), 그런 칸이 하나뿐이면 합계로 역산되지 않도록 "+
		"가장 작은 다른 칸도 함께 가립니다.", c.suppress)
}
