package charts

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"axdash/app/model"
)

// Figure is what the rest of the program knows of a registered figure. ID,
// Title and Description are the API's list of figures, part of the public
// API; the other fields say where the figure appears, so that pages and
// exports iterate over the registry instead of naming figures.
type Figure struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Filters are the dimensions (ByRegion, ByIndustry, BySize) a view may
	// narrow the figure by, besides the wave.
	Filters []string `json:"-"`
	// RegionPage shows the figure on every region page, in registry order.
	RegionPage bool `json:"-"`
	// Briefing is the figure's part in the briefing.
	Briefing BriefingPart `json:"-"`
	// Choropleth draws the figure on the 시도 boundary map (MapOption)
	// when an operator has configured one.
	Choropleth bool `json:"-"`
	// Trend draws a line per 시도 across the waves, of which the view may
	// highlight a few (highlight=).
	Trend bool `json:"-"`
}

// BriefingPart is where a figure stands in the briefing.
type BriefingPart struct {
	// Sheet gives the figure a sheet of the briefing workbook.
	Sheet bool
	// Slot is the figure's place among the printed page's few charts
	// (1 first); 0 keeps it off the page.
	Slot int
	// Nation and Region say whether the page shows it for the whole
	// country and for a chosen 시도: with a region chosen, a chart by
	// region would show one bar, so another figure takes its slot.
	Nation, Region bool
}

// builder computes a figure's table; Build adds the notes.
type builder func(c *Catalogue, ctx context.Context, src Source, f model.Filter) (*Table, error)

// def is one figure's whole definition: the table, its notes, the ECharts
// option and the native Excel chart.
type def struct {
	Figure
	build builder
	notes func(c *Catalogue, t *Table) []string
	chart func(c *Catalogue, t *Table, caption string) chart
	excel *excelChart
	// nOf is the estimate whose responses the table's n counts (the
	// firms with a cost for the cost figures); "" for the cell's.
	nOf string
	// choice is the multi-select question the figure counts
	// (model.ChoiceBarrier, model.ChoiceUseArea); "" for the others.
	choice string
}

// registry lists every figure in display order, gathered from the family
// files. A function, not a package variable, so that nothing global can be
// changed.
func registry() []def {
	adoption := adoptionFigures()
	// The tile map follows the bar chart by region it redraws.
	return slices.Concat(adoption[:1], mapFigures(), adoption[1:], trendFigures(), costFigures(),
		talentFigures(), choiceFigures(), exemplarFigures())
}

// allFilters is the Filters of a figure every filter applies to.
func allFilters() []string { return []string{ByRegion, ByIndustry, BySize} }

func lookup(id string) (def, bool) { return lookupIn(registry(), id) }

// lookup finds a figure in the catalogue's registry.
func (c *Catalogue) lookup(id string) (def, bool) { return lookupIn(c.defs, id) }

func lookupIn(defs []def, id string) (def, bool) {
	for _, d := range defs {
		if d.ID == id {
			return d, true
		}
	}
	return def{}, false
}

// figuresWhere lists the registered figures keep accepts, in display order.
func (c *Catalogue) figuresWhere(keep func(Figure) bool) []Figure {
	var out []Figure
	for _, d := range c.defs {
		if keep(d.Figure) {
			out = append(out, d.Figure)
		}
	}
	return out
}

// Figures lists the catalogue in display order.
func (c *Catalogue) Figures() []Figure {
	return c.figuresWhere(func(Figure) bool { return true })
}

// Lookup returns the figure with the id.
func (c *Catalogue) Lookup(id string) (Figure, bool) {
	d, ok := c.lookup(id)
	return d.Figure, ok
}

// RegionFigures are the figures a region page shows for its region.
func (c *Catalogue) RegionFigures() []Figure {
	return c.figuresWhere(func(f Figure) bool { return f.RegionPage })
}

// BriefingFigures are the figures of the briefing workbook, in order.
func (c *Catalogue) BriefingFigures() []Figure {
	return c.figuresWhere(func(f Figure) bool { return f.Briefing.Sheet })
}

// BriefingCharts are the key charts of the printed briefing, in slot order,
// for a view with or without a chosen region.
func (c *Catalogue) BriefingCharts(region bool) []Figure {
	out := c.figuresWhere(func(f Figure) bool {
		b := f.Briefing
		return b.Slot > 0 && (region && b.Region || !region && b.Nation)
	})
	slices.SortStableFunc(out, func(a, b Figure) int { return cmp.Compare(a.Briefing.Slot, b.Briefing.Slot) })
	return out
}

// Option returns the ECharts option for a table as JSON. It goes through
// json.Marshal, which escapes <, > and &, so the bytes are safe inside an
// HTML script data block; every label is Clean-ed first.
func (c *Catalogue) Option(t *Table, caption string) ([]byte, error) {
	d, ok := c.lookup(t.Figure.ID)
	if !ok {
		return nil, fmt.Errorf("charts: no chart for %q: %w", t.Figure.ID, ErrUnknownFigure)
	}
	ch := d.chart(c, t, caption)
	if why := c.emptyReason(t); why != "" {
		ch = patched{chart: ch, patch: withEmptyNote(why)}
	}
	return marshal(t.Figure.ID, ch)
}
