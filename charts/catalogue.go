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
// store implements it.
type Source interface {
	AdoptionBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupRate, error)
	CostBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupCost, error)
	TalentBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupTalent, error)
	ExemplarFirms(ctx context.Context, f model.Filter, limit int) ([]model.ExemplarFirm, error)
}

// Figure is one entry of the catalogue. IDs are part of the public API.
type Figure struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// Column describes one table column: its JSON key, Korean label and unit
// ("%", "원", "명" or empty).
type Column struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  string `json:"unit,omitempty"`
}

// Table is a figure's numbers. A suppressed cell is nil.
type Table struct {
	Figure  Figure
	Columns []Column
	Rows    [][]any
	N       int
	Notes   []string
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
	return &Catalogue{survey: survey, regions: regions, suppress: fc.SuppressBelow, source: fc.Source}
}

type builder func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error)

var figures = []struct {
	fig   Figure
	build builder
}{
	{Figure{"adoption-by-region", "시도별 AI 도입률", "AI를 도입(도입·확산 단계)한 기업의 가중 비율, 시도별"}, (*Catalogue).adoptionByRegion},
	{Figure{"cost-by-size", "기업 규모별 AI 도입비용", "AI 도입비용이 있는 기업의 가중 평균·중위 비용, 종업원 규모별"}, (*Catalogue).costBySize},
	{Figure{"talent-gap-by-region", "시도별 AI 인력 부족", "AI 인력 필요 인원 대비 부족 인원(가중), 시도별"}, (*Catalogue).talentGapByRegion},
	{Figure{"exemplar-firms", "AI 도입 우수사례 기업", "우수사례로 응답한 기업과 생산성 향상률"}, (*Catalogue).exemplarFirms},
}

// Figures lists the catalogue in display order.
func (c *Catalogue) Figures() []Figure {
	out := make([]Figure, len(figures))
	for i, f := range figures {
		out[i] = f.fig
	}
	return out
}

// Lookup returns the figure with the id.
func (c *Catalogue) Lookup(id string) (Figure, bool) {
	for _, f := range figures {
		if f.fig.ID == id {
			return f.fig, true
		}
	}
	return Figure{}, false
}

// Build computes one figure's table for the filter.
func (c *Catalogue) Build(ctx context.Context, src Source, id string, f model.Filter) (*Table, error) {
	for _, fg := range figures {
		if fg.fig.ID == id {
			t, err := fg.build(c, ctx, src, f)
			if err != nil {
				return nil, fmt.Errorf("charts: %s: %w", id, err)
			}
			t.Figure = fg.fig
			t.Notes = append(t.Notes, "출처: "+c.source)
			return t, nil
		}
	}
	return nil, fmt.Errorf("charts: %q: %w", id, ErrUnknownFigure)
}

// suppressed reports whether a cell of n responses must be hidden.
func (c *Catalogue) suppressed(n int) bool { return n < c.suppress }

func (c *Catalogue) suppressionNote() string {
	return fmt.Sprintf("응답 %d개 미만인 칸은 공개하지 않습니다(빈 칸).", c.suppress)
}
