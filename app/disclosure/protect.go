package disclosure

import (
	"math"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/configs"
)

// Protector applies the rules and the perturbation with one set of
// parameters.
type Protector struct {
	suppress int
	cfg      configs.DisclosureConfig
	table    *PTable
}

// New is the protector of the figures' configuration: suppress_below and
// figures.disclosure.
func New(fc configs.FiguresConfig) *Protector {
	return &Protector{suppress: max(fc.SuppressBelow, 1), cfg: fc.Disclosure, table: NewPTable()}
}

// The names the counts' noise is drawn under (the measures' are theirs).
const (
	noiseN        = "n"
	noiseNCost    = "n_cost"
	noiseExemplar = "n_exemplar"
)

// countRule is the rule of a count: none published below suppress_below.
func (p *Protector) countRule(n int) string {
	switch {
	case n <= 0:
		return model.RuleEmpty
	case n < p.suppress:
		return model.RuleSmall
	}
	return ""
}

// dominated is the p% rule: the rest of a total (all but its two largest
// contributions) is less than p% of the largest, so that the second
// largest contributor could estimate the largest to within p%.
func (p *Protector) dominated(total float64, top [2]float64) bool {
	return top[0] > 0 && total-top[0]-top[1] < p.cfg.DominanceP/100*top[0]
}

// count perturbs a published count: integer noise, never below floor (a
// cell's count: the threshold, since a count under it is withheld, not
// published; a part of a cell's, such as a code's: zero).
func (p *Protector) count(n, key int, name string, floor int) int {
	return max(n+int(math.Round(p.cfg.CountNoise*p.table.Noise(key, name))), floor)
}

// roundSignificant rounds v to digits significant digits; digits 0 leaves
// it as it is.
func roundSignificant(v float64, digits int) float64 {
	if v == 0 || digits <= 0 {
		return v
	}
	shift := float64(digits) - math.Ceil(math.Log10(math.Abs(v)))
	if shift < 0 { // dividing by a power of ten keeps 5.7e6 exact
		unit := math.Pow(10, -shift)
		return math.Round(v/unit) * unit
	}
	scale := math.Pow(10, shift)
	return math.Round(v*scale) / scale
}

// magnitudeTotals are the measures of the magnitudes' weighted totals, in
// cube.Top* order: a magnitude's noise is drawn under its total's name.
func magnitudeTotals() [cube.TopCount]string {
	return [...]string{cube.TotalOf(cube.MeasureCost), cube.TotalOf(cube.MeasureSupportShare),
		cube.TotalOf(cube.MeasureStaffCurrent), cube.TotalOf(cube.MeasureStaffNeeded), cube.TotalOf(cube.MeasureTalentGap)}
}

// totals are a cell's weighted totals of the magnitudes, in cube.Top*
// order.
func totals(s *cube.Sums) [cube.TopCount]float64 {
	return [...]float64{s.WXCost, s.WXSupport, s.StaffCurrent, s.StaffNeeded, s.StaffGap}
}
