package cube

import (
	"slices"
	"strings"

	"axdash/app/model"
)

// Moments are the sums one measure needs in one unit (a base cell and a
// stratum from the file, see Moment) for the variance of a weighted ratio
// R = Σw·y / Σw·x (statistics.md): with them and each stratum's n (its
// units' responses), the Taylor-linearised variance of the ratio over any
// domain (a union of base cells) expands into sums of these. N counts the
// unit's responses with x ≠ 0, those in the ratio's denominator
// (Estimate.N); the rest are over its responses.
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

// Moment is one measure's sums in one base cell and stratum from the file
// (Stratum, empty when the responses have none): the unit the variance
// adds up from. The design decides what a stratum is (estimate.go): under
// region_size a base cell's 시도 and size band, and Stratum only splits
// the sums; under column the file's Stratum.
type Moment struct {
	Key     Key
	Stratum string
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

// Share says whether a measure is a share of a cell's responses (y an
// indicator, x = 1): adoption, exemplars, a stage or a multi-select code;
// not a total, whose name also holds a ':'.
func Share(measure string) bool {
	switch measure {
	case MeasureAdoption, MeasureExemplar:
		return true
	}
	return !strings.HasPrefix(measure, totalPrefix) && strings.Contains(measure, ":")
}

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

// unitKey is a unit of the moments: a base cell and the response's
// stratum from the file.
type unitKey struct {
	cell    uint32
	stratum string
}

// unitMoments are one unit's sums: the fixed measures in measures()
// order, its responses and Σw, and Σw² over them (the x = 1 measures'
// Σw²x², which the multi-select shares share).
type unitMoments struct {
	unitKey
	fixed []Moments
	n     int64
	w, w2 float64
}

// addMoments counts response r of base cell into the fixed measures of
// its unit, and returns the unit.
func (c *Builder) addMoments(cell uint32, r *model.Response) uint32 {
	u := c.unitOf(cell, r.Stratum)
	m := &c.moments[u]
	w := r.Weight
	m.n++
	m.w += w
	m.w2 += w * w
	for i, ms := range c.measures {
		y, x := ms.yx(r)
		m.fixed[i].add(w, y, x)
	}
	return u
}

// unitOf is the unit of base cell and stratum, made when new. A cell's
// responses mostly share its stratum (always, without a stratum column):
// its latest unit answers without a map lookup.
func (c *Builder) unitOf(cell uint32, stratum string) uint32 {
	if int(cell) < len(c.lastUnit) && c.moments[c.lastUnit[cell]].stratum == stratum {
		return c.lastUnit[cell]
	}
	k := unitKey{cell, stratum}
	u, ok := c.unitAt[k]
	if !ok {
		k.stratum = strings.Clone(k.stratum) // a slice of a large parsed buffer, maybe
		u = uint32(len(c.moments))
		c.unitAt[k] = u
		c.moments = append(c.moments, unitMoments{unitKey: k, fixed: make([]Moments, len(c.measures))})
	}
	for int(cell) >= len(c.lastUnit) {
		c.lastUnit = append(c.lastUnit, 0)
	}
	c.lastUnit[cell] = u
	return u
}

// finishMoments lists every unit's moments: the fixed measures, then the
// share of every multi-select code named anywhere in the wave (so that
// every unit has every measure: a unit where nobody named a code still
// counts in that share's denominator).
func (c *Builder) finishMoments(out *Rows) {
	var codes []choiceKey // kind and code, cell zero
	for _, k := range c.choices.keys {
		k.cell = 0
		if !slices.Contains(codes, k) {
			codes = append(codes, k)
		}
	}
	for u := range c.moments {
		um := &c.moments[u]
		key := c.keys[um.cell]
		for i, ms := range c.measures {
			out.Moments = append(out.Moments, Moment{Key: key, Stratum: um.stratum, Measure: ms.name, Moments: um.fixed[i]})
		}
		for _, code := range codes {
			m := Moment{Key: key, Stratum: um.stratum, Measure: ChoiceMeasure(code.kind, code.code),
				Moments: Moments{N: um.n, WX: um.w, W2X2: um.w2}}
			if i, ok := c.unitChoices.at[choiceKey{uint32(u), code.kind, code.code}]; ok {
				s := c.unitChoices.sums[i]
				m.WY, m.W2Y2, m.W2XY = s.weight, s.w2, s.w2
			}
			out.Moments = append(out.Moments, m)
		}
	}
}
