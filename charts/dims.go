package charts

import (
	"context"
	"slices"

	"axdash/app/model"
)

// dimension describes how a grouped figure lays out its rows: the leading
// columns (code, and the name for regions) and the row keys in order.
type dimension struct {
	name string
	// allRows keeps rows without responses (regions and size bands are a
	// fixed, short list); industries list only the sections present.
	allRows bool
}

func (c *Catalogue) dim(name string) dimension {
	return dimension{name: name, allRows: name != ByIndustry}
}

// leadColumns are the columns naming a row's group.
func (c *Catalogue) leadColumns(d dimension) []Column {
	switch d.name {
	case ByRegion:
		return []Column{{Key: "region", Label: "시도 코드"}, {Key: "region_name", Label: "시도"}}
	case ByIndustry:
		return []Column{{Key: "industry", Label: "업종", Names: c.industryNames()}}
	default:
		return []Column{{Key: "size", Label: "종업원 규모", Names: c.bandNames()}}
	}
}

// keys lists the group codes in display order: code order for regions,
// KSIC order for industries, band order for sizes.
func (c *Catalogue) keys(d dimension) []string {
	var out []string
	switch d.name {
	case ByRegion:
		for _, r := range c.regions.Regions {
			out = append(out, r.Code)
		}
	case ByIndustry:
		for _, in := range c.survey.Industries {
			out = append(out, in.Code)
		}
	default:
		out = append(out, model.SizeBands...)
	}
	return out
}

// leadRow is a row's leading cells (the code, and the name of a region),
// with room for more cells after them.
func (c *Catalogue) leadRow(d dimension, key string, more int) []any {
	if d.name == ByRegion {
		return append(make([]any, 0, 2+more), key, c.regions.Name(key))
	}
	return append(make([]any, 0, 1+more), key)
}

func (c *Catalogue) industryNames() map[string]string {
	out := make(map[string]string, len(c.survey.Industries))
	for _, in := range c.survey.Industries {
		out[in.Code] = in.Short
	}
	return out
}

func (c *Catalogue) bandNames() map[string]string {
	out := make(map[string]string, len(c.survey.SizeBands))
	for _, b := range c.survey.SizeBands {
		out[b.Code] = b.Label
	}
	return out
}

func (c *Catalogue) regionNames() map[string]string {
	out := make(map[string]string, len(c.regions.Regions))
	for _, r := range c.regions.Regions {
		out[r.Code] = r.Short
	}
	return out
}

// count is a cell's number of responses.
func count(cell model.Cell) int { return cell.N }

// measure turns a cell into a row's n and its estimates: cols are the
// estimate columns, ests the cell's estimate of each (nil for none).
type measure struct {
	cols []Column
	n    func(model.Cell) int
	ests func(model.Cell) []*model.Estimate
	// est is the estimate (a cube measure name) whose withholding blanks
	// the row besides the cell's own; "" for the cell's only.
	est string
	// all are columns' answer made once (laidOut), shared read-only by the
	// tables built with the measure: a figure's builder makes its measure
	// once, not per request.
	all []Column
}

// laidOut is m with its columns made once.
func (m measure) laidOut() measure {
	// Clipped: an append to the shared slice must copy, never write into it.
	m.all = slices.Clip(append(slices.Clip(m.cols), precisionColumns(m.cols)...))
	return m
}

// hidden says the view withholds the row's values: the disclosure layer
// hid the cell, or the estimate the row stands for (its n stays, unless
// the cell itself is hidden: see row).
func (m measure) hidden(cell model.Cell) bool {
	return cell.Hidden || (m.est != "" && cell.Est.Of(m.est).Hidden)
}

// columns are the measure's value columns and then their precision's.
func (m measure) columns() []Column {
	if m.all != nil {
		return m.all
	}
	return m.laidOut().all
}

// width is how many columns columns gives: each value and its three
// precision columns.
func (m measure) width() int { return 4 * len(m.cols) }

// values lays out a cell's estimates (estimateCells).
func (m measure) values(cell model.Cell) ([]any, map[string]Mark) {
	return estimateCells(m.cols, m.ests(cell))
}

// estimatesOf is a measure's ests reading the named measures of a cell,
// all held in one allocation: a row's estimates live only as long as it
// takes to lay it out.
func estimatesOf(names ...string) func(model.Cell) []*model.Estimate {
	return func(cell model.Cell) []*model.Estimate {
		out := make([]*model.Estimate, len(names))
		held := make([]model.Estimate, len(names))
		for i, name := range names {
			if e, ok := estimateIn(cell, name); ok {
				held[i] = e
				out[i] = &held[i]
			}
		}
		return out
	}
}

// groupTable builds a grouped figure: one row per group, n on every row,
// a row the source's view withholds blank (n too).
func (c *Catalogue) groupTable(ctx context.Context, src Source, f model.Filter, dimName string, m measure) (*Table, error) {
	cells, err := src.CellsBy(ctx, dimName, f)
	if err != nil {
		return nil, err
	}
	d := c.dim(dimName)
	t := &Table{Columns: append(append(c.leadColumns(d), Column{Key: "n", Label: "응답 기업 수", Unit: "개"}), m.columns()...)}
	t.Rows, t.Marks, t.N, t.Suppressed = c.partitionRows(d, cells, m)
	if dimName == ByRegion && f.Region == "" {
		total, err := src.CellTotal(ctx, f)
		if err != nil {
			return nil, err
		}
		t.Total, t.TotalMarks = c.totalRow(total, m)
	}
	return t, nil
}

// totalRow is the 전국 row of a by-region table: no code, the name, and
// the measure over every region, all blank (n too) when the view
// withholds it.
func (c *Catalogue) totalRow(cell model.Cell, m measure) ([]any, map[string]Mark) {
	n, vals, marks, _ := c.row(cell, m)
	return append([]any{nil, "전국", n}, vals...), marks
}

// row is a cell's n, values and marks, and whether the view withholds
// its values: then they are blank, and n too when it is the count that
// withholds them (the cell, or the row's own count such as the firms with
// a cost, under the threshold); an estimate withheld for what it is
// (dominance, precision) keeps the published n.
func (c *Catalogue) row(cell model.Cell, m measure) (any, []any, map[string]Mark, bool) {
	vals, marks := m.values(cell)
	if !m.hidden(cell) {
		return m.n(cell), vals, marks, false
	}
	vals, marks = blanked(vals, marks)
	if cell.Hidden { // the cell's rule is every value's reason
		marks = make(map[string]Mark, len(m.cols))
		for _, col := range m.cols {
			marks[col.Key] = Mark{Rule: cell.Rule, Hidden: true}
		}
		return nil, vals, marks, true
	}
	if countRule(cell.Est.Of(m.est).Rule) {
		return nil, vals, marks, true
	}
	return m.n(cell), vals, marks, true
}

// partitionRows lays out cells as rows of d, with their marks: the
// table's n is the sum of the rows' published n, and the count of
// withheld rows comes last.
func (c *Catalogue) partitionRows(d dimension, cells []model.Cell, m measure) ([][]any, []map[string]Mark, int, int) {
	at := make(map[string]int, len(cells))
	for i, cell := range cells {
		at[cell.Key] = i
	}
	var rows [][]any
	var marks []map[string]Mark
	total, hidden := 0, 0
	for _, k := range c.keys(d) {
		i, ok := at[k]
		if !ok && !d.allRows {
			continue
		}
		if !ok { // no responses: n 0 and no values (자료 없음)
			row := append(c.leadRow(d, k, 1+m.width()), 0)
			rows = append(rows, row[:len(row)+m.width()]) // the values blank: the room made holds nils
			marks = append(marks, nil)
			continue
		}
		n, vals, mk, withheld := c.row(cells[i], m)
		if withheld {
			hidden++
		}
		if n != nil {
			total += n.(int)
		}
		rows, marks = append(rows, append(append(c.leadRow(d, k, 1+len(vals)), n), vals...)), append(marks, mk)
	}
	return rows, marks, total, hidden
}
