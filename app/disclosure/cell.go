package disclosure

import (
	"math"

	"axdash/app/cube"
	"axdash/app/model"
)

// cellState is what the rules decided for one cell, read by every measure
// of it.
type cellState struct {
	c         *cube.Cell
	key       int    // the cell key
	cellRule  string // the whole cell's: empty or small
	costRule  string // the firms with a cost: empty or small
	dominated [cube.TopCount]bool
	medianMin bool // enough firms with a cost for a median
}

func (p *Protector) state(c *cube.Cell) *cellState {
	s := &c.Sums
	st := &cellState{c: c, key: CellKey(s.Keys), cellRule: p.countRule(int(s.N)), costRule: p.countRule(int(s.NCost)),
		medianMin: int(s.NCost) >= p.cfg.MedianMin}
	for m, total := range totals(s) {
		st.dominated[m] = p.dominated(total, c.Tops[m])
	}
	return st
}

// rule is the strongest rule that keeps measure (estimate e, which may
// carry the precision rule) from the public.
func (st *cellState) rule(measure string, e model.Estimate) string {
	r := model.StrongerRule(st.cellRule, e.Rule)
	dominance := func(ms ...int) {
		for _, m := range ms {
			if st.dominated[m] {
				r = model.StrongerRule(r, model.RuleDominance)
			}
		}
	}
	switch measure {
	case cube.MeasureCost, cube.TotalOf(cube.MeasureCost):
		r = model.StrongerRule(r, st.costRule)
		dominance(cube.TopCost)
	case cube.MeasureSupportShare, cube.TotalOf(cube.MeasureSupportShare):
		r = model.StrongerRule(r, st.costRule)
		dominance(cube.TopSupport, cube.TopCost)
	case cube.MeasureMedianCost:
		r = model.StrongerRule(r, st.costRule)
		if !st.medianMin {
			r = model.StrongerRule(r, model.RuleSmall)
		}
	case cube.MeasureStaffCurrent, cube.TotalOf(cube.MeasureStaffCurrent):
		dominance(cube.TopCurrent)
	case cube.MeasureStaffNeeded, cube.TotalOf(cube.MeasureStaffNeeded):
		dominance(cube.TopNeeded)
	case cube.MeasureTalentGap, cube.TotalOf(cube.MeasureTalentGap):
		dominance(cube.TopGap, cube.TopNeeded)
	}
	return r
}

// costMeasure says whether a measure's n is the firms with a cost.
func costMeasure(measure string) bool {
	switch measure {
	case cube.MeasureCost, cube.TotalOf(cube.MeasureCost), cube.MeasureSupportShare,
		cube.TotalOf(cube.MeasureSupportShare), cube.MeasureMedianCost:
		return true
	}
	return false
}

// Internal is the analysts' cell: the cube's values, with the rules set
// on the cell and its estimates and nothing Hidden.
func (p *Protector) Internal(w *cube.Wave, c *cube.Cell) model.Cell {
	return p.internal(w, p.state(c))
}

func (p *Protector) internal(w *cube.Wave, st *cellState) model.Cell {
	mc := w.ModelCell(st.c)
	mc.Rule = st.cellRule
	mc.Est = ruled(mc.Est, st)
	return mc
}

// ruled is est with each estimate's rule set: est itself (the cube's,
// shared and read-only) when no rule applies, which is most of a large
// wave's cells and saves a copy of each.
func ruled(est model.Estimates, st *cellState) model.Estimates {
	same := true
	for m, e := range est.All() {
		if st.rule(m, e) != e.Rule {
			same = false
			break
		}
	}
	if same {
		return est
	}
	out := est.Clone()
	for m, e := range est.All() {
		e.Rule = st.rule(m, e)
		out.Set(m, e)
	}
	return out
}

// withheld is a withheld estimate: its rule, nothing else.
func withheld(rule string) model.Estimate { return model.Estimate{Rule: rule, Hidden: true} }

// withheldSets are the estimates of withheld cells by rule, shared by the
// cells of one wave (all of which have the same measures): most cells of a
// thin wave are withheld, and a set each would be most of its views.
type withheldSets map[string]model.Estimates

// of is the withheld estimates of every measure of est's.
func (ws withheldSets) of(rule string, est model.Estimates) model.Estimates {
	if m, ok := ws[rule]; ok && m.Measures() == est.Measures() {
		return m
	}
	out := model.NewEstimates(est.Measures())
	for _, m := range est.Measures().Names() {
		out.Set(m, withheld(rule))
	}
	if ws != nil {
		ws[rule] = out
	}
	return out
}

// Public is the public's cell: a cell under the threshold withheld whole
// (n too); otherwise its counts and values perturbed with the cell's key,
// each estimate with a rule withheld, and the sums recomputed from the
// published values so that nothing unprotected is left to compute from.
func (p *Protector) Public(w *cube.Wave, c *cube.Cell) model.Cell {
	pub, _ := p.views(w, c, nil)
	return pub
}

// views are the public and internal cells of c, the public's withheld
// estimates shared through shared (nil: not shared).
func (p *Protector) views(w *cube.Wave, c *cube.Cell, shared withheldSets) (pub, in model.Cell) {
	st := p.state(c)
	in = p.internal(w, st)
	if in.Rule != "" {
		return model.Cell{WaveID: in.WaveID, Rule: in.Rule, Hidden: true, Est: shared.of(in.Rule, in.Est)}, in
	}
	v := p.values(st, in.Est, sumShares(w, c))
	s := &c.Sums
	n := p.count(int(s.N), st.key, noiseN, p.suppress)
	nCost := 0
	if st.costRule == "" {
		nCost = p.count(int(s.NCost), st.key, noiseNCost, p.suppress)
	}
	out := model.Cell{WaveID: in.WaveID, N: n, Weight: s.Weight, NCost: nCost,
		NExemplar: min(p.count(int(s.NExemplar), st.key, noiseExemplar, 0), n), Est: model.NewEstimates(in.Est.Measures())}
	for m, e := range in.Est.All() {
		pv, ok := v[m]
		switch {
		case e.Rule != "":
			out.Est.Set(m, withheld(e.Rule))
		case ok:
			e.N = n
			if costMeasure(m) {
				e.N = nCost
			}
			out.Est.Set(m, moved(e, pv, cube.Share(m)))
		}
		// A measure the layer does not know is not published.
	}
	p.sums(&out, st)
	return out, in
}

// moved is e recentred on the published value v: the same standard error,
// the interval shifted with it (and kept within 0–100% for a rate).
func moved(e model.Estimate, v float64, rate bool) model.Estimate {
	d := v - e.Value
	e.Value, e.Low, e.High = v, e.Low+d, e.High+d
	if rate && e.Interval {
		e.Low, e.High = max(e.Low, 0), min(e.High, 1)
	}
	return e
}

// sums sets a public cell's sums from its published estimates: what the
// figures compute a value from can only give the published value, and a
// withheld one gives nothing (zero, or no median).
func (p *Protector) sums(out *model.Cell, st *cellState) {
	val := func(m string) float64 {
		if e := out.Est.Of(m); !e.Hidden {
			return e.Value
		}
		return 0
	}
	stages := []*float64{&out.WNone, &out.WReview, &out.WPilot, &out.WAdopted, &out.WScaled}
	for i, s := range model.Stages {
		*stages[i] = val(cube.StageMeasure(s)) * out.Weight
	}
	if e := out.Est.Of(cube.MeasureCost); !e.Hidden && out.NCost > 0 {
		out.WCost = st.c.Sums.WCost
		out.WXCost = e.Value * out.WCost
		out.WXSupport = val(cube.MeasureSupportShare) * out.WXCost
	} else {
		out.NCost = 0
	}
	if e, ok := out.Est.Get(cube.MeasureMedianCost); ok && !e.Hidden {
		m := int64(math.Round(e.Value))
		out.MedianCost = &m
	}
	out.Current = val(cube.TotalOf(cube.MeasureStaffCurrent))
	out.Needed = val(cube.TotalOf(cube.MeasureStaffNeeded))
	out.Gap = val(cube.TotalOf(cube.MeasureTalentGap))
}
