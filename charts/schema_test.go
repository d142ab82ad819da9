package charts

import (
	"context"
	"errors"
	"slices"
	"testing"

	"axdash/app/model"
)

// TestShapeMatchesBuiltTables checks that every figure's Shape, made from
// no data, has the columns and status of the figure built from data, so
// the API's document describes what the answers hold.
func TestShapeMatchesBuiltTables(t *testing.T) {
	c, src := newCatalogue(t), fullSource()
	for _, f := range c.Figures() {
		shape, err := c.Shape(context.Background(), f.ID)
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		built, err := c.Build(context.Background(), src, f.ID, model.Filter{WaveID: 2})
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		if len(built.Rows) == 0 {
			t.Fatalf("%s: the full source builds no rows", f.ID)
		}
		same := slices.EqualFunc(shape.Columns, built.Columns, func(a, b Column) bool {
			return a.Key == b.Key && a.Label == b.Label && a.Unit == b.Unit && a.Of == b.Of && a.Stat == b.Stat
		})
		if !same {
			t.Errorf("%s: shape columns %v, built %v", f.ID, shape.Columns, built.Columns)
		}
		if status := StatusColumnOf(built) != nil; shape.Status != status {
			t.Errorf("%s: shape says status %t, the built table %t", f.ID, shape.Status, status)
		}
	}
	if _, err := c.Shape(context.Background(), "nope"); !errors.Is(err, ErrUnknownFigure) {
		t.Errorf("Shape(nope) = %v, want ErrUnknownFigure", err)
	}
}
