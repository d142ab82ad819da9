package charts

import (
	"context"

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

// lead is a row's leading cells.
func (c *Catalogue) lead(d dimension, key string) []any {
	if d.name == ByRegion {
		return []any{key, c.regions.Name(key)}
	}
	return []any{key}
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

// measure turns a cell into a row's n and its value columns.
type measure struct {
	cols   []Column
	n      func(model.Cell) int
	values func(model.Cell) []any
	// est is the estimate (a cube measure name) whose withholding blanks
	// the row besides the cell's own; "" for the cell's only.
	est string
}

// hidden says the view withholds the row of cell: the disclosure layer
// hid the cell, or the estimate the row stands for.
func (m measure) hidden(cell model.Cell) bool {
	return cell.Hidden || (m.est != "" && cell.Est[m.est].Hidden)
}

// groupTable builds a grouped figure: one row per group, n on every row,
// a row the source's view withholds blank (n too).
func (c *Catalogue) groupTable(ctx context.Context, src Source, f model.Filter, dimName string, m measure) (*Table, error) {
	cells, err := src.CellsBy(ctx, dimName, f)
	if err != nil {
		return nil, err
	}
	d := c.dim(dimName)
	t := &Table{Columns: append(append(c.leadColumns(d), Column{Key: "n", Label: "응답 기업 수", Unit: "개"}), m.cols...)}
	t.Rows, t.N, t.Suppressed = c.partitionRows(d, cells, m)
	if dimName == ByRegion && f.Region == "" {
		total, err := src.CellTotal(ctx, f)
		if err != nil {
			return nil, err
		}
		t.Total = append([]any{nil, "전국"}, row(total, m)...)
	}
	return t, nil
}

// row is a cell's n and values, all blank when the view withholds it.
func row(cell model.Cell, m measure) []any {
	if m.hidden(cell) {
		return make([]any, 1+len(m.cols))
	}
	return append([]any{m.n(cell)}, m.values(cell)...)
}

// partitionRows lays out cells as rows of d: the table's n is the sum of
// the rows' published n, and the count of withheld rows comes last.
func (c *Catalogue) partitionRows(d dimension, cells []model.Cell, m measure) ([][]any, int, int) {
	byKey := make(map[string]model.Cell, len(cells))
	for _, cell := range cells {
		byKey[cell.Key] = cell
	}
	var rows [][]any
	total, hidden := 0, 0
	for _, k := range c.keys(d) {
		cell, ok := byKey[k]
		if !ok && !d.allRows {
			continue
		}
		switch {
		case !ok: // no responses: n 0 and no values (자료 없음)
			rows = append(rows, append(append(c.lead(d, k), 0), make([]any, len(m.cols))...))
			continue
		case m.hidden(cell):
			hidden++
		default:
			total += m.n(cell)
		}
		rows = append(rows, append(c.lead(d, k), row(cell, m)...))
	}
	return rows, total, hidden
}

// pct returns part/whole in percent, or nil when whole is zero.
func pct(part, whole float64) any {
	if whole <= 0 {
		return nil
	}
	return 100 * part / whole
}
