package cube

import (
	"slices"

	"axdash/app/model"
)

// Moments are the sums one measure needs in one base cell for the
// variance of a weighted ratio R = Σw·y / Σw·x (statistics.md): with them
// and each stratum's n (the base cells of a 시도 × size band summed over
// industries), the Taylor-linearised variance of the ratio over any domain
// (a union of base cells) expands into sums of these. N counts the cell's
// responses with x ≠ 0, those in the ratio's denominator (Estimate.N); the
// rest are over its responses.
type Moments struct {
	N                        int64
	WX, WY, W2Y2, W2XY, W2X2 float64
}

// add counts one response of weight w with values y and x.
func (m *Moments) add(w, y, x float64) {
	if x != 0 {
		m.N++
	}
	m.WX += w * x
	m.WY += w * y
	m.W2Y2 += w * w * y * y
	m.W2XY += w * w * x * y
	m.W2X2 += w * w * x * x
}

// Moment is one measure's sums in one base cell.
type Moment struct {
	Key     Key
	Measure string
	Moments
}

// measure is one estimate, defined once as a ratio y/x over a response.
type measure struct {
	name string
	yx   func(r *model.Response) (y, x float64)
}

// Measure names; a multi-select code's share is its kind, ':' and code
// (ChoiceMeasure).
const (
	MeasureAdoption     = "adoption"      // y = 1[도입 or 확산], x = 1
	MeasureCost         = "cost"          // mean cost: y = cost, x = 1[cost > 0]
	MeasureSupportShare = "support_share" // y = gov support, x = cost, over cost > 0
	MeasureTalentGap    = "talent_gap"    // y = max(needed − current, 0), x = needed
	MeasureExemplar     = "exemplar"      // y = 1[exemplar], x = 1
	MeasureStaffCurrent = "staff_current" // mean AI staff now: y = current, x = 1
	MeasureStaffNeeded  = "staff_needed"  // mean AI staff needed: y = needed, x = 1
	// MeasureMedianCost is the weighted median cost over responses with a
	// cost: not a ratio, so not in the moments; its estimate is the cell's
	// median (issue 17 gives it an interval or says it has none).
	MeasureMedianCost = "median_cost"
	totalPrefix       = "total:" // the weighted total Σw·y of a measure (TotalOf)
	stagePrefix       = "stage:" // y = 1[stage = s], x = 1, per model.Stages
)

// TotalOf is the estimate of the weighted total Σw·y of a measure's y
// (the talent figures' staff counts): svytotal's, where a ratio is
// svymean's or svyratio's.
func TotalOf(measure string) string { return totalPrefix + measure }

// StageMeasure is the measure of the share of stage s.
func StageMeasure(s string) string { return stagePrefix + s }

// ChoiceMeasure is the measure of the share naming code in a multi-select
// question of kind: y = 1[named], x = 1.
func ChoiceMeasure(kind, code string) string { return kind + ":" + code }

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// measures lists the fixed measures (the multi-select codes' come from the
// data) in the order a Builder keeps them.
func measures() []measure {
	out := []measure{
		{MeasureAdoption, func(r *model.Response) (float64, float64) { return indicator(model.Adopted(r.Stage)), 1 }},
		{MeasureCost, func(r *model.Response) (float64, float64) {
			cost, _, ok := costOf(r)
			return float64(cost), indicator(ok)
		}},
		{MeasureSupportShare, func(r *model.Response) (float64, float64) {
			cost, support, _ := costOf(r)
			return float64(support), float64(cost)
		}},
		{MeasureTalentGap, func(r *model.Response) (float64, float64) {
			_, need, gap := staffOf(r)
			return float64(gap), float64(need)
		}},
		{MeasureExemplar, func(r *model.Response) (float64, float64) { return indicator(r.Exemplar), 1 }},
		{MeasureStaffCurrent, func(r *model.Response) (float64, float64) {
			cur, _, _ := staffOf(r)
			return float64(cur), 1
		}},
		{MeasureStaffNeeded, func(r *model.Response) (float64, float64) {
			_, need, _ := staffOf(r)
			return float64(need), 1
		}},
	}
	for _, s := range model.Stages {
		out = append(out, measure{StageMeasure(s), func(r *model.Response) (float64, float64) { return indicator(r.Stage == s), 1 }})
	}
	return out
}

// cellMoments are one base cell's sums: the fixed measures in measures()
// order, and Σw² over its responses (the x = 1 measures' Σw²x², which the
// multi-select shares share).
type cellMoments struct {
	fixed []Moments
	w2    float64
}

// addMoments counts response r of base cell into the fixed measures.
func (c *Builder) addMoments(cell uint32, r *model.Response) {
	for int(cell) >= len(c.moments) {
		c.moments = append(c.moments, cellMoments{fixed: make([]Moments, len(c.measures))})
	}
	m := &c.moments[cell]
	w := r.Weight
	m.w2 += w * w
	for i, ms := range c.measures {
		y, x := ms.yx(r)
		m.fixed[i].add(w, y, x)
	}
}

// finishMoments lists every base cell's moments: the fixed measures, then
// the share of every multi-select code named anywhere in the wave (so that
// every cell has every measure: a cell where nobody named a code still
// counts in that share's denominator).
func (c *Builder) finishMoments(out *Rows) {
	var codes []choiceKey // kind and code, cell zero
	for _, k := range c.choices {
		k.cell = 0
		if !slices.Contains(codes, k) {
			codes = append(codes, k)
		}
	}
	named := make(map[choiceKey]int, len(c.choices)) // (cell, kind, code) → choice
	for i, k := range c.choices {
		named[k] = i
	}
	for b, key := range c.keys {
		cm, n := &c.moments[b], c.sums[b].N
		for i, ms := range c.measures {
			out.Moments = append(out.Moments, Moment{Key: key, Measure: ms.name, Moments: cm.fixed[i]})
		}
		cellW := c.sums[b].Weight
		for _, code := range codes {
			m := Moment{Key: key, Measure: ChoiceMeasure(code.kind, code.code), Moments: Moments{N: n, WX: cellW, W2X2: cm.w2}}
			if i, ok := named[choiceKey{uint32(b), code.kind, code.code}]; ok {
				s := c.counts[i]
				m.WY, m.W2Y2, m.W2XY = s.weight, s.w2, s.w2
			}
			out.Moments = append(out.Moments, m)
		}
	}
}
