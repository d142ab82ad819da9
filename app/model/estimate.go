package model

import "slices"

// Estimate is one published number with its precision: the estimate, its
// design-based standard error and 95% interval (issue 17), the responses
// behind it, and what the publication rules decided for it (issue 16's
// disclosure control, issue 17's precision rules). The cube computes it
// for every cell and measure; the disclosure layer makes the public view
// of it; the charts only render what they are given.
//
// Value, SE, Low and High are in the measure's own unit: a rate or share
// as a fraction (0–1), money in 원, a ratio as a fraction. The charts scale
// them (percent) when they lay out a table.
type Estimate struct {
	Value float64
	SE    float64
	// Low and High are the 95% interval; Interval is false when the
	// estimate has none (then they are zero), such as a median given
	// without one.
	Low, High float64
	Interval  bool
	// N is the responses in the estimate's denominator (the domain's
	// responses for a rate; those with a cost for a mean cost).
	N int
	// Caution marks an estimate whose relative standard error reaches the
	// caution threshold (25% by default): shown with "*" and a note.
	Caution bool
	// Rule names the rule that keeps the estimate from the public (one of
	// the Rule constants), "" when it may be published.
	Rule string
	// Hidden says the value is withheld in this view: Value, SE, Low and
	// High are zero and must not be shown. Public views hide every
	// estimate with a Rule; an analyst's internal view hides none.
	Hidden bool
}

// The rules that keep an estimate or a cell from the public.
const (
	RuleSmall     = "small"     // fewer responses than suppress_below
	RuleDominance = "dominance" // one or two firms make up most of a magnitude (p% rule)
	RulePrecision = "precision" // relative standard error at or above the withhold threshold
	RuleEmpty     = "empty"     // no responses at all
)

// rules are every rule an Estimate may name, "" (none) first, then the
// weakest to the strongest: a new rule is added here and above, nowhere
// else (Estimates store its place in this list, StrongerRule reads the
// order). An array, so that reading it allocates nothing.
func rules() [5]string { return [...]string{"", RulePrecision, RuleDominance, RuleSmall, RuleEmpty} }

// StrongerRule is the stronger of two rules: a cell's or estimate's rule
// is the strongest of those that apply to it.
func StrongerRule(a, b string) string {
	all := rules()
	if slices.Index(all[:], b) > slices.Index(all[:], a) {
		return b
	}
	return a
}

// RSE is the relative standard error SE / |Value|; 0 when the value is 0.
func (e Estimate) RSE() float64 {
	if e.Value == 0 {
		return 0
	}
	v := e.Value
	if v < 0 {
		v = -v
	}
	return e.SE / v
}
