package store

import (
	"cmp"
	"slices"
	"strings"

	"axdash/app/model"
)

// cube accumulates a wave's rollup in Go while a load streams its rows, so
// that Commit writes the finished rows instead of running rebuildRollups'
// scans (its window-function medians alone cost seconds per 100,000 rows).
// It mirrors rebuildRollups' definitions exactly: the sums of cellSums, the
// roll-up of '*' cells from base cells, and the weighted median with ties
// broken by response id. The equivalence tests hold the two together.
//
// Memory: the base cells' sums (about 150 bytes each; a wave has at most a
// few thousand cells), one entry per base cell and multi-select code, and
// 24 bytes per row with a cost, kept for the medians: 24 MB per million
// costed rows, the only part that grows with the file.
type cube struct {
	index map[cellKey]uint32 // base cell → position in keys and sums
	keys  []cellKey
	sums  []cellSum
	// Per base cell and code, in first-seen order so that sums roll up
	// in the same order on every run.
	choiceAt map[choiceKey]int
	choices  []choiceKey
	counts   []choiceSum
	costs    []costRow
	// sqlOnly says a row broke an assumption the cube relies on (a '*'
	// value, ids out of arrival order): Commit then runs rebuildRollups.
	sqlOnly bool
}

type cellKey struct{ region, industry, size string }

// cellSum holds rollup_cells' additive columns, computed as cellSums says.
type cellSum struct {
	n, nCost, nExemplar                 int64
	weight, wCost, wxCost, wxSupport    float64
	stage                               [5]float64 // model.Stages order: w_none … w_scaled
	staffCurrent, staffNeeded, staffGap float64
}

// costRow is one response with adoption_cost > 0. seq is its arrival
// order, which is also its response id order (checked in flush): the
// median's tie-break.
type costRow struct {
	cost int64
	w    float64
	cell uint32 // base cell
	seq  uint32
}

type choiceKey struct {
	cell uint32 // base cell, or output cell once rolled up
	kind string
	code string
}

type choiceSum struct {
	n      int64
	weight float64
}

func newCube() *cube {
	return &cube{index: map[cellKey]uint32{}, choiceAt: map[choiceKey]int{}}
}

// add counts one response and its multi-select codes.
func (c *cube) add(r *model.Response) {
	k := cellKey{r.Region, r.Industry, r.SizeBand}
	if k.region == "*" || k.industry == "*" || k.size == "*" {
		c.sqlOnly = true // '*' means "all" in the cube; let the SQL meet it as it always did
	}
	cell, ok := c.index[k]
	if !ok {
		// Cloned: a key may be a slice of a large parsed buffer.
		k = cellKey{strings.Clone(k.region), strings.Clone(k.industry), strings.Clone(k.size)}
		cell = uint32(len(c.keys))
		c.index[k] = cell
		c.keys, c.sums = append(c.keys, k), append(c.sums, cellSum{})
	}
	s, w := &c.sums[cell], r.Weight
	s.n++
	s.weight += w
	if i := slices.Index(model.Stages, r.Stage); i >= 0 {
		s.stage[i] += w
	}
	if r.AdoptionCost != nil && *r.AdoptionCost > 0 {
		cost := *r.AdoptionCost
		s.nCost++
		s.wCost += w
		s.wxCost += w * float64(cost)
		s.wxSupport += w * float64(deref0(r.GovSupport))
		c.costs = append(c.costs, costRow{cost: cost, w: w, cell: cell, seq: uint32(len(c.costs))})
	}
	cur, need := deref0(r.AIStaffCurrent), deref0(r.AIStaffNeeded)
	s.staffCurrent += w * float64(cur)
	s.staffNeeded += w * float64(need)
	s.staffGap += w * float64(max(need-cur, 0))
	if r.Exemplar {
		s.nExemplar++
	}
	for _, a := range r.UseAreas {
		c.addChoice(choiceKey{cell, model.ChoiceUseArea, a.Code}, w)
	}
	for _, b := range r.Barriers {
		c.addChoice(choiceKey{cell, model.ChoiceBarrier, b.Code}, w)
	}
}

func (c *cube) addChoice(k choiceKey, w float64) {
	i, ok := c.choiceAt[k]
	if !ok {
		k.code = strings.Clone(k.code)
		i = len(c.choices)
		c.choiceAt[k] = i
		c.choices, c.counts = append(c.choices, k), append(c.counts, choiceSum{})
	}
	c.counts[i].n++
	c.counts[i].weight += w
}

func deref0[T int | int64](p *T) T {
	if p == nil {
		return 0
	}
	return *p
}

// cubeCell is one finished rollup_cells row; median is nil without costs.
type cubeCell struct {
	key    cellKey
	sums   cellSum
	median *int64
}

// cubeRows is the finished cube: every grouping set's cells and choices.
type cubeRows struct {
	cells   []cubeCell
	choices []choiceKey // cell indexes cells
	counts  []choiceSum // parallel to choices
}

// build finishes the cube for dialect. It consumes c: the cost rows are
// sorted in place.
func (c *cube) build(dialect string) *cubeRows {
	out := &cubeRows{}
	groupOf := c.groupCells(out)
	c.medians(out, groupOf, dialect != DialectPostgres)
	c.rollChoices(out, groupOf)
	return out
}

// groupCells makes the cells of every grouping set and returns, per mask,
// each base cell's output cell. The '*' cells add up base cells, as
// rollUpCells does.
func (c *cube) groupCells(out *cubeRows) [fullMask + 1][]uint32 {
	var groupOf [fullMask + 1][]uint32
	for mask := 0; mask <= fullMask; mask++ {
		seen := map[cellKey]uint32{}
		groupOf[mask] = make([]uint32, len(c.keys))
		for b, k := range c.keys {
			g := projectKey(k, mask)
			i, ok := seen[g]
			if !ok {
				i = uint32(len(out.cells))
				seen[g] = i
				out.cells = append(out.cells, cubeCell{key: g})
			}
			groupOf[mask][b] = i
			out.cells[i].sums.addCell(&c.sums[b])
		}
	}
	return groupOf
}

// projectKey replaces the dimensions a mask does not group with '*'.
func projectKey(k cellKey, mask int) cellKey {
	if mask&1 == 0 {
		k.region = "*"
	}
	if mask&2 == 0 {
		k.industry = "*"
	}
	if mask&4 == 0 {
		k.size = "*"
	}
	return k
}

func (s *cellSum) addCell(b *cellSum) {
	s.n += b.n
	s.nCost += b.nCost
	s.nExemplar += b.nExemplar
	s.weight += b.weight
	s.wCost += b.wCost
	s.wxCost += b.wxCost
	s.wxSupport += b.wxSupport
	for i := range s.stage {
		s.stage[i] += b.stage[i]
	}
	s.staffCurrent += b.staffCurrent
	s.staffNeeded += b.staffNeeded
	s.staffGap += b.staffGap
}

// medians sets each cell's weighted median cost as updateMedians defines
// it: in (cost, id) order, the first cost at which the running weight
// reaches half the cell's costed weight. Costs are ascending, so the first
// such row is also the smallest cost of all such rows, which is what the
// SQL's MIN takes.
//
// A running sum can land on exactly half, where rounding decides, so the
// sums add in the order each database's window does: the running sum in
// (cost, id) order on both; the cell's total in (cost, id) order on
// PostgreSQL (it reuses the window's sort) but in id order on SQLite (found
// by experiment; the tests' decimal weights catch a difference).
func (c *cube) medians(out *cubeRows, groupOf [fullMask + 1][]uint32, totalsByID bool) {
	total := make([]float64, len(out.cells))
	addTotals := func() {
		for _, r := range c.costs {
			for mask := range groupOf {
				total[groupOf[mask][r.cell]] += r.w
			}
		}
	}
	if totalsByID {
		addTotals() // arrival order is id order (see Load.flush)
	}
	slices.SortFunc(c.costs, func(a, b costRow) int {
		return cmp.Or(cmp.Compare(a.cost, b.cost), cmp.Compare(a.seq, b.seq))
	})
	if !totalsByID {
		addTotals()
	}
	run := make([]float64, len(out.cells))
	for _, r := range c.costs {
		for mask := range groupOf {
			g := groupOf[mask][r.cell]
			run[g] += r.w
			if cell := &out.cells[g]; cell.median == nil && run[g] >= total[g]/2 {
				cost := r.cost
				cell.median = &cost
			}
		}
	}
}

// rollChoices lists the base cells' choice counts and adds them up into
// every '*' grouping, as insertChoices does.
func (c *cube) rollChoices(out *cubeRows, groupOf [fullMask + 1][]uint32) {
	index := make(map[choiceKey]int, len(c.choices)*2)
	for mask := fullMask; mask >= 0; mask-- {
		for j, k := range c.choices {
			v := c.counts[j]
			g := choiceKey{groupOf[mask][k.cell], k.kind, k.code}
			i, ok := index[g]
			if !ok {
				i = len(out.choices)
				index[g] = i
				out.choices, out.counts = append(out.choices, g), append(out.counts, choiceSum{})
			}
			out.counts[i].n += v.n
			out.counts[i].weight += v.weight
		}
	}
}
