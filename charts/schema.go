package charts

import (
	"context"
	"fmt"

	"axdash/app/model"
)

// Shape is what every table of a figure has, whatever the view: its
// columns and whether its rows carry a status (StatusColumnOf). The API's
// document (app/web's openapi) is written from it.
type Shape struct {
	Columns []Column
	// Status says the API answers a status per row (a table of
	// estimates); a list such as the exemplar firms has none.
	Status bool
}

// Shape returns the figure's shape. It builds the figure from no data with
// the same code that builds every answer, so the document cannot describe
// columns the answers do not have.
func (c *Catalogue) Shape(ctx context.Context, id string) (Shape, error) {
	d, ok := c.lookup(id)
	if !ok {
		return Shape{}, fmt.Errorf("charts: %q: %w", id, ErrUnknownFigure)
	}
	t, err := d.build(c, ctx, emptySource{}, model.Filter{})
	if err != nil {
		return Shape{}, fmt.Errorf("charts: shape of %s: %w", id, err)
	}
	return Shape{Columns: t.Columns, Status: colIndex(t, "n") >= 0 && hasValueColumn(t)}, nil
}

// SuppressionNote is the notes' sentence on how the public view protects
// the respondents, for the API's document.
func (c *Catalogue) SuppressionNote() string { return c.suppressionNote() }

// emptySource is a Source with no responses at all.
type emptySource struct{}

func (emptySource) CellsBy(context.Context, string, model.Filter) ([]model.Cell, error) {
	return nil, nil
}
func (emptySource) CellTotal(context.Context, model.Filter) (model.Cell, error) {
	return model.Cell{}, nil
}
func (emptySource) CellRest(context.Context, model.Filter) (model.Cell, error) {
	return model.Cell{}, nil
}
func (emptySource) TrendBy(context.Context, string, model.Filter) ([]model.Cell, error) {
	return nil, nil
}
func (emptySource) Choices(context.Context, string, model.Filter) ([]model.Choice, error) {
	return nil, nil
}
func (emptySource) ExemplarFirms(context.Context, model.Filter, int) ([]model.ExemplarFirm, error) {
	return nil, nil
}
