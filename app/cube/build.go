package cube

import (
	"cmp"
	"slices"
	"strings"

	"axdash/app/model"
)

// Builder accumulates a wave's cube one response at a time, as a load
// streams its rows or a rebuild reads the stored ones. Responses must
// arrive in response id order: the weighted median breaks ties by it.
//
// Memory: the base cells' sums (about 150 bytes each; a wave has at most a
// few thousand cells), one entry per base cell and multi-select code, and
// 24 bytes per row with a cost, kept for the medians: 24 MB per million
// costed rows, the only part that grows with the wave.
type Builder struct {
	index map[Key]uint32 // base cell → position in keys and sums
	keys  []Key
	sums  []Sums
	tops  []Tops // per base cell
	// Per base cell and code, in first-seen order so that sums roll up
	// in the same order on every run.
	choices choiceSums
	costs   []costRow
	// The variance sums per unit: a base cell and a stratum from the file
	// (see Moments, unitMoments).
	measures    []measure
	unitAt      map[unitKey]uint32
	lastUnit    []uint32 // per base cell, the unit of its latest response
	moments     []unitMoments
	unitChoices choiceSums // per unit (choiceKey.cell is the unit) and code
}

// costRow is one response with adoption_cost > 0. seq is its arrival
// order, which is its response id order: the median's tie-break.
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
	n          int64
	weight, w2 float64 // Σw, Σw²
}

// choiceSums are the counts of multi-select codes per cell (or unit) and
// code, in first-seen order so that sums roll up in the same order on
// every run.
type choiceSums struct {
	at   map[choiceKey]int
	keys []choiceKey
	sums []choiceSum
}

func (s *choiceSums) add(k choiceKey, w float64) {
	i, ok := s.at[k]
	if !ok {
		k.code = strings.Clone(k.code)
		i = len(s.keys)
		if s.at == nil {
			s.at = map[choiceKey]int{}
		}
		s.at[k] = i
		s.keys, s.sums = append(s.keys, k), append(s.sums, choiceSum{})
	}
	s.sums[i].n++
	s.sums[i].weight += w
	s.sums[i].w2 += w * w
}

// NewBuilder starts an empty cube.
func NewBuilder() *Builder {
	return &Builder{index: map[Key]uint32{}, unitAt: map[unitKey]uint32{}, measures: measures()}
}

// Add counts one response and its multi-select codes; a key holding All
// is refused (ErrReservedCode) and counts nothing.
func (c *Builder) Add(r *model.Response) error {
	k := Key{r.Region, r.Industry, r.SizeBand}
	if err := checkKey(k); err != nil {
		return err
	}
	cell, ok := c.index[k]
	if !ok {
		// Cloned: a key may be a slice of a large parsed buffer.
		k = Key{strings.Clone(k.Region), strings.Clone(k.Industry), strings.Clone(k.Size)}
		cell = uint32(len(c.keys))
		c.index[k] = cell
		c.keys, c.sums, c.tops = append(c.keys, k), append(c.sums, Sums{}), append(c.tops, Tops{})
	}
	unit := c.addMoments(cell, r)
	s, w := &c.sums[cell], r.Weight
	s.N++
	s.Weight += w
	s.Keys += int64(r.RecordKey)
	c.tops[cell].addResponse(r)
	if i := slices.Index(model.Stages, r.Stage); i >= 0 {
		s.Stage[i] += w
	}
	if cost, support, ok := costOf(r); ok {
		s.NCost++
		s.WCost += w
		s.WXCost += w * float64(cost)
		s.WXSupport += w * float64(support)
		c.costs = append(c.costs, costRow{cost: cost, w: w, cell: cell, seq: uint32(len(c.costs))})
	}
	cur, need, gap := staffOf(r)
	s.StaffCurrent += w * float64(cur)
	s.StaffNeeded += w * float64(need)
	s.StaffGap += w * float64(gap)
	if r.Exemplar {
		s.NExemplar++
	}
	for _, a := range r.UseAreas {
		c.choices.add(choiceKey{cell, model.ChoiceUseArea, a.Code}, w)
		c.unitChoices.add(choiceKey{unit, model.ChoiceUseArea, a.Code}, w)
	}
	for _, b := range r.Barriers {
		c.choices.add(choiceKey{cell, model.ChoiceBarrier, b.Code}, w)
		c.unitChoices.add(choiceKey{unit, model.ChoiceBarrier, b.Code}, w)
	}
	return nil
}

// costOf gives a response's adoption cost and government support when it
// has a cost above zero: only those count in the cost figures.
func costOf(r *model.Response) (cost, support int64, ok bool) {
	if r.AdoptionCost == nil || *r.AdoptionCost <= 0 {
		return 0, 0, false
	}
	return *r.AdoptionCost, deref0(r.GovSupport), true
}

// staffOf gives a response's AI staff now and needed (missing counts as
// zero) and the gap, max(needed − now, 0).
func staffOf(r *model.Response) (cur, need, gap int) {
	cur, need = deref0(r.AIStaffCurrent), deref0(r.AIStaffNeeded)
	return cur, need, max(need-cur, 0)
}

func deref0[T int | int64](p *T) T {
	if p == nil {
		return 0
	}
	return *p
}

// Build finishes the cube: the cells of every grouping, each '*' cell the
// sum of its base cells, with medians, the choice counts rolled up
// likewise, and each base cell's variance sums per measure. totalsByID picks the order a cell's costed weight is added in
// (see medians). It consumes c: the cost rows are sorted in place.
func (c *Builder) Build(totalsByID bool) *Rows {
	out := &Rows{}
	groupOf := c.groupCells(out)
	c.medians(out, groupOf, totalsByID)
	c.rollChoices(out, groupOf)
	c.finishMoments(out)
	return out
}

// groupCells makes the cells of every grouping and returns, per mask, each
// base cell's output cell.
func (c *Builder) groupCells(out *Rows) [fullMask + 1][]uint32 {
	var groupOf [fullMask + 1][]uint32
	for mask := 0; mask <= fullMask; mask++ {
		seen := map[Key]uint32{}
		groupOf[mask] = make([]uint32, len(c.keys))
		for b, k := range c.keys {
			g := k.project(mask)
			i, ok := seen[g]
			if !ok {
				i = uint32(len(out.Cells))
				seen[g] = i
				out.Cells = append(out.Cells, Cell{Key: g})
			}
			groupOf[mask][b] = i
			out.Cells[i].Sums.add(&c.sums[b])
			out.Cells[i].Tops.merge(&c.tops[b])
		}
	}
	return groupOf
}

// medians sets each cell's weighted median cost: in (cost, id) order, the
// first cost at which the running weight reaches half the cell's costed
// weight.
//
// A running sum can land on exactly half, where rounding decides, so the
// order of additions is part of the definition: the running sum adds in
// (cost, id) order; the cell's total in (cost, id) order, or in id order
// when totalsByID (the order each database's window function used when the
// SQL computed the cubes: PostgreSQL, SQLite; kept so that stored cubes and
// figures did not change).
func (c *Builder) medians(out *Rows, groupOf [fullMask + 1][]uint32, totalsByID bool) {
	total := make([]float64, len(out.Cells))
	addTotals := func() {
		for _, r := range c.costs {
			for mask := range groupOf {
				total[groupOf[mask][r.cell]] += r.w
			}
		}
	}
	if totalsByID {
		addTotals()
	}
	slices.SortFunc(c.costs, func(a, b costRow) int {
		return cmp.Or(cmp.Compare(a.cost, b.cost), cmp.Compare(a.seq, b.seq))
	})
	if !totalsByID {
		addTotals()
	}
	run := make([]float64, len(out.Cells))
	for _, r := range c.costs {
		for mask := range groupOf {
			g := groupOf[mask][r.cell]
			run[g] += r.w
			if cell := &out.Cells[g]; cell.Median == nil && run[g] >= total[g]/2 {
				cost := r.cost
				cell.Median = &cost
			}
		}
	}
}

// rollChoices lists the base cells' choice counts and adds them up into
// every '*' grouping.
func (c *Builder) rollChoices(out *Rows, groupOf [fullMask + 1][]uint32) {
	index := make(map[choiceKey]int, len(c.choices.keys)*2)
	for mask := fullMask; mask >= 0; mask-- {
		for j, k := range c.choices.keys {
			v := c.choices.sums[j]
			g := choiceKey{groupOf[mask][k.cell], k.kind, k.code}
			i, ok := index[g]
			if !ok {
				i = len(out.Choices)
				index[g] = i
				out.Choices = append(out.Choices, Choice{Key: out.Cells[g.cell].Key, Kind: k.kind, Code: k.code})
			}
			out.Choices[i].N += v.n
			out.Choices[i].Weight += v.weight
		}
	}
}
