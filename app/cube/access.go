package cube

import (
	"iter"
	"maps"

	"axdash/app/model"
)

// What the disclosure layer (app/disclosure) reads of a wave once, when it
// makes the wave's public and internal views: every cell with its
// estimates, the multi-select lists and the exemplar firms. All of it is
// shared with the wave and read-only.

// Cells are every cell of every grouping of the wave.
func (w *Wave) Cells() iter.Seq[*Cell] { return maps.Values(w.cells) }

// ModelCell is a cell as the figures read it, without a group code.
func (w *Wave) ModelCell(c *Cell) model.Cell { return w.modelCell(c, "") }

// ChoicesAt are the codes of a multi-select question named in cell k, in
// code order.
func (w *Wave) ChoicesAt(kind string, k Key) []model.Choice { return w.choices[choiceAt{kind, k}] }

// Exemplars are the wave's exemplar firms, best first.
func (w *Wave) Exemplars() []model.ExemplarFirm { return w.exemplars }

// With is k with the dimension named dim (ByRegion, ByIndustry, BySize)
// set to v: the cell of one row of a figure grouped by dim.
func (k Key) With(dim, v string) (Key, error) {
	d, err := dimOf(dim)
	if err != nil {
		return k, err
	}
	return k.set(d, v), nil
}
