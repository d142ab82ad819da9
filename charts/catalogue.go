// Package charts is the figure catalogue: each figure is one store aggregate
// turned into a table (columns and rows, suppression applied) and an ECharts
// option built with go-echarts. It knows app/model and configs, never the
// database or HTTP.
//
// Every figure is one entry of the registry (registry.go), defined in the
// file of its family (fig_*.go); the rest of the program iterates over the
// registry or looks a figure up by the id a request names.
package charts

import (
	"context"
	"errors"
	"fmt"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/configs"
)

// ErrUnknownFigure is returned for an id that is not in the catalogue.
var ErrUnknownFigure = errors.New("unknown figure")

// Group dimensions understood by the Source (the cube's); they are also
// the filters a figure accepts besides the wave.
const (
	ByRegion   = cube.ByRegion
	ByIndustry = cube.ByIndustry
	BySize     = cube.BySize
)

// Source answers the aggregate questions the figures are built from;
// cube.Set implements it from the waves' cubes in memory.
type Source interface {
	// CellsBy returns one cell per value of dim under the filter.
	CellsBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error)
	// CellTotal returns the cell of every response under the filter.
	CellTotal(ctx context.Context, f model.Filter) (model.Cell, error)
	// CellRest returns the rest of the country: the cell of every
	// response under the filter's other filters outside its region, with
	// its estimates (Est), N and Weight (cube.Set.CellRest).
	CellRest(ctx context.Context, f model.Filter) (model.Cell, error)
	// TrendBy returns cells per wave and value of dim, in survey order
	// up to and including the filter's wave (cube.Set.TrendBy).
	TrendBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error)
	// Choices counts the codes of a multi-select question.
	Choices(ctx context.Context, kind string, f model.Filter) ([]model.Choice, error)
	ExemplarFirms(ctx context.Context, f model.Filter, limit int) ([]model.ExemplarFirm, error)
}

// Column describes one table column: its JSON key, Korean label and unit
// ("%", "원", "명", "개" or empty). Names, when set, gives the Korean name of
// each code the column holds, for pages and exports.
//
// Of and Stat mark a column of an estimate's precision (issue 17): Of is
// the key of the estimate column it belongs to and Stat which number it
// holds (StatSE, StatLow or StatHigh), so that charts and exports find an
// estimate's interval by its key.
type Column struct {
	Key   string            `json:"key"`
	Label string            `json:"label"`
	Unit  string            `json:"unit,omitempty"`
	Names map[string]string `json:"-"`
	Of    string            `json:"of,omitempty"`
	Stat  string            `json:"stat,omitempty"`
}

// Table is a figure's numbers. A suppressed cell is nil.
type Table struct {
	Figure  Figure
	Columns []Column
	Rows    [][]any
	N       int
	// NWithheld says the view withholds the table's n: its filter's own
	// cell is withheld (fewer responses than the threshold), so no count
	// of it may be published, not even a sum of blank rows' zero.
	NWithheld  bool
	Suppressed int // cells blanked by the disclosure rule
	// Total is the 전국 row of a by-region figure over every region, laid
	// out like Rows, for the exports; nil when the figure has none.
	Total []any
	// Marks are what the precision and disclosure rules decided for the
	// estimates of each row (Marks[i] for Rows[i]) by column key; a row
	// or an estimate without a mark has none. TotalMarks are Total's.
	Marks      []map[string]Mark
	TotalMarks map[string]Mark
	// Reasons are the Korean reasons (Catalogue.RuleReason) of the rules
	// the marks name, for the status column.
	Reasons map[string]string
	Notes   []string
	// Highlight are the region codes (at most MaxHighlight) a trend draws
	// in full, the other 시도 faintly; none draws every 시도 in full.
	Highlight []string
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
	// caution and withhold are the relative standard errors (in percent)
	// the precision rules mark and withhold an estimate at: the notes
	// name them, the cube's estimates carry the decisions.
	caution, withhold float64
	// defs is the registry, made once: a figure is looked up on every
	// request, and making the registry allocates every figure's closures.
	defs []def
	// compare is the comparison's measure, made once like the figures'.
	compare measure
	// versus are the columns CompareOption lays a region's and the
	// nation's intervals out in, made once like the measures'.
	versus []Column
}

// New returns the catalogue.
func New(survey *configs.Survey, regions *configs.Regions, fc configs.FiguresConfig) *Catalogue {
	return &Catalogue{survey: survey, regions: regions, suppress: max(fc.SuppressBelow, 1), source: fc.Source,
		caution: 100 * survey.Design.Precision.CautionRSE, withhold: 100 * survey.Design.Precision.WithholdRSE, defs: registry(), compare: compareMeasure(),
		versus: versusColumns()}
}

// SuppressBelow is the disclosure threshold: cells with fewer responses are
// blanked.
func (c *Catalogue) SuppressBelow() int { return c.suppress }

// Build computes one figure's table for the filter, with the figure's notes
// followed by the suppression count and the source.
func (c *Catalogue) Build(ctx context.Context, src Source, id string, f model.Filter) (*Table, error) {
	d, ok := c.lookup(id)
	if !ok {
		return nil, fmt.Errorf("charts: %q: %w", id, ErrUnknownFigure)
	}
	t, err := d.build(c, ctx, src, f)
	if err != nil {
		return nil, fmt.Errorf("charts: %s: %w", id, err)
	}
	t.Figure = d.Figure
	if err := c.withholdN(ctx, src, f, d.nOf, t); err != nil {
		return nil, fmt.Errorf("charts: %s: %w", id, err)
	}
	t.Notes = d.notes(c, t)
	c.finishNotes(t)
	return t, nil
}

// finishNotes ends a table's notes as every figure's end: the rules'
// explanations, the count of withheld cells and the source.
func (c *Catalogue) finishNotes(t *Table) {
	c.explain(t)
	if t.Suppressed > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf("이 표에서 %d개 칸을 공개하지 않았습니다.", t.Suppressed))
	}
	t.Notes = append(t.Notes, "출처: "+c.source)
}

// suppressionNote says how the public figures are protected and what n
// shows (docs/disclosure.md).
func (c *Catalogue) suppressionNote() string {
	return fmt.Sprintf("응답 %d개 미만인 칸과 한두 기업이 대부분인 금액은 공개하지 않으며(빈 칸), "+
		"n·비율·금액에는 칸마다 고정된 작은 잡음을 더합니다.", c.suppress)
}

// withholdN blanks the table's n when the view withholds the count it is
// of: the filter's own cell, or the responses of its estimate nOf (the
// firms with a cost) for being too few. The table-level n follows the
// rule of every other count.
func (c *Catalogue) withholdN(ctx context.Context, src Source, f model.Filter, nOf string, t *Table) error {
	cell, err := src.CellTotal(ctx, f)
	if err != nil {
		return err
	}
	e := cell.Est.Of(nOf)
	if cell.Hidden || nOf != "" && e.Hidden && countRule(e.Rule) {
		t.N, t.NWithheld = 0, true
	}
	return nil
}

// NText is the table's n as captions and notes write it: the number, or
// Withheld.
func (t *Table) NText() string {
	if t.NWithheld {
		return Withheld
	}
	return grouped(float64(t.N), 0)
}
