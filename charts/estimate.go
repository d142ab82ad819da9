package charts

import "axdash/app/model"

// The numbers a column of an estimate's precision holds (Column.Stat):
// the standard error and the 95% interval's ends, in the estimate's unit.
const (
	StatSE   = "se"
	StatLow  = "ci_low"
	StatHigh = "ci_high"
)

// Caution is the status of a row with an imprecise estimate, and the mark
// beside its value.
const (
	Caution     = "주의"
	CautionMark = "*"
)

// Mark is what the precision and disclosure rules decided for one estimate
// of a table: Caution marks it imprecise, Rule names the rule that keeps it
// from the public, Hidden says this view withholds it. An analyst's
// internal view has marks with a Rule and nothing Hidden.
type Mark struct {
	Caution bool
	Rule    string
	Hidden  bool
}

// imprecise reports a shown estimate marked Caution: a withheld one shows
// no value to mark.
func (m Mark) imprecise() bool { return m.Caution && !m.Hidden }

// precisionStat is one precision column of an estimate column.
type precisionStat struct{ stat, label string }

// precisionStats are the precision columns of every estimate column, in
// the order they follow the value columns, with their labels' endings.
func precisionStats() [3]precisionStat {
	return [3]precisionStat{{StatSE, "표준오차"}, {StatLow, "95% 신뢰구간 하한"}, {StatHigh, "95% 신뢰구간 상한"}}
}

// precisionColumns are the X_se, X_ci_low and X_ci_high columns of each
// estimate column X of cols, in the unit of X, laid out after all of cols:
// the value columns keep their places.
func precisionColumns(cols []Column) []Column {
	out := make([]Column, 0, 3*len(cols))
	for _, c := range cols {
		for _, s := range precisionStats() {
			out = append(out, Column{Key: c.Key + "_" + s.stat, Label: c.Label + " " + s.label, Unit: c.Unit, Of: c.Key, Stat: s.stat})
		}
	}
	return out
}

// estimateOf is a cell's estimate of a measure; nil when the cell has none
// (no responses in its denominator, or a measure not computed).
func estimateOf(cell model.Cell, measure string) *model.Estimate {
	e, ok := estimateIn(cell, measure)
	if !ok {
		return nil
	}
	return &e
}

// estimateIn is estimateOf without the pointer: the estimate, and whether
// the cell has one.
func estimateIn(cell model.Cell, measure string) (model.Estimate, bool) {
	e, ok := cell.Est.Get(measure)
	if !ok || empty(e) {
		return model.Estimate{}, false
	}
	return withheldIn(cell, e), true
}

// withheldIn is e as cell shows it: a withheld cell withholds every
// estimate in it, its rule the reason when e has none. The disclosure
// layer already hides them; the charts check again, so that no fake or
// future source can publish a value of a withheld cell.
func withheldIn(cell model.Cell, e model.Estimate) model.Estimate {
	if cell.Hidden && !e.Hidden {
		return model.Estimate{Rule: cmpRule(e.Rule, cell.Rule), Caution: e.Caution, N: e.N, Hidden: true}
	}
	return e
}

// countRule reports a rule that withholds an estimate for its count (too
// few responses, or none): the count is withheld with it, where a rule on
// the value (dominance, precision) leaves the count published.
func countRule(rule string) bool { return rule == model.RuleSmall || rule == model.RuleEmpty }

func cmpRule(own, cell string) string {
	if own != "" {
		return own
	}
	return cell
}

// empty reports an estimate with nothing behind it: the cube gives a ratio
// over no weight no value, no error and no interval, and no rule.
func empty(e model.Estimate) bool {
	return !e.Interval && e.Value == 0 && e.SE == 0 && e.Rule == "" && !e.Hidden
}

// scaled is an estimate's number in a column's unit: percent for a rate
// or share, whole 원 for money, as it is otherwise. The cube sums its
// moments in the order the store reads the responses, which differs in
// the last bits between databases: a published number keeps ten decimals
// (far below any shown), so that every store publishes the same bytes.
func scaled(col Column, v float64) float64 {
	switch col.Unit {
	case "%":
		return round(100*v, 10)
	case "원":
		return round(v, 0)
	}
	return round(v, 10)
}

// estimateCells lays out one row's estimates of the estimate columns cols
// (ests[i] for cols[i], nil for none): their values, then their precision
// columns in precisionColumns' order; a withheld estimate and all its
// precision are blank. marks are the estimates' with a rule or a caution,
// by column key; nil when none has.
func estimateCells(cols []Column, ests []*model.Estimate) ([]any, map[string]Mark) {
	vals := make([]any, len(cols), 4*len(cols))
	prec := make([]any, 0, 3*len(cols))
	var marks map[string]Mark
	for i, col := range cols {
		var p [3]any
		if e := ests[i]; e != nil {
			if m := (Mark{Caution: e.Caution, Rule: e.Rule, Hidden: e.Hidden}); m != (Mark{}) {
				if marks == nil {
					marks = map[string]Mark{}
				}
				marks[col.Key] = m
			}
			if !e.Hidden {
				vals[i] = scaled(col, e.Value)
				if e.Interval || e.SE > 0 {
					p[0] = scaled(col, e.SE)
				}
				if e.Interval {
					p[1], p[2] = scaled(col, e.Low), scaled(col, e.High)
				}
			}
		}
		prec = append(prec, p[:]...)
	}
	return append(vals, prec...), marks
}

// blanked is a row blanked by the suppression rule (hide, shown): its
// values and their precision, and the marks of values it no longer shows
// (a caution, an analyst's rule); a withheld estimate keeps its mark, so
// that the notes still give its rule.
func blanked(vals []any, marks map[string]Mark) ([]any, map[string]Mark) {
	var kept map[string]Mark
	for k, m := range marks {
		if m.Hidden {
			if kept == nil {
				kept = map[string]Mark{}
			}
			kept[k] = m
		}
	}
	return make([]any, len(vals)), kept
}

// RuleReason says in Korean why a rule keeps an estimate from the public,
// for the notes and the analysts' labels.
func (c *Catalogue) RuleReason(rule string) string {
	switch rule {
	case model.RuleSmall:
		return "응답 수 기준 미만"
	case model.RuleDominance:
		return "특정 기업 비중 과다(p% 규칙)"
	case model.RulePrecision:
		return "상대표준오차 " + grouped(c.withhold, 0) + "% 이상"
	case model.RuleEmpty:
		return NoData
	}
	return rule
}

// CautionNote is the note of a table with an imprecise estimate.
func (c *Catalogue) CautionNote() string {
	return CautionMark + " 상대표준오차 " + grouped(c.caution, 0) + "% 이상: 이용에 주의"
}
