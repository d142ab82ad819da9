package cube

import (
	"math"

	"axdash/app/model"
	"axdash/configs"
)

// z95 is the normal quantile of a two-sided 95% interval: the intervals
// use the normal distribution, as R's confint and svyciprop do with
// df = Inf (docs/statistics.md says why not R's t with degf).
const z95 = 1.959963984540054

// variance is the Taylor-linearised variance, times X², of a domain's
// ratio r under the stratified one-stage design (R's onestage/onestrat):
// with u_i = w_i(y_i − r x_i) inside the domain and 0 outside,
//
//	Σ_h f_h n_h/(n_h−1) Σ_{i∈h} (u_i − ū_h)²,
//
// expanded into the domain's sums per stratum. For a total, r = 0. A
// stratum of one response is centred at the grand mean of u (grand; 0 for
// a ratio, whose u sum to 0) under the "adjust" rule, and adds nothing
// under "remove". As in R, which drops the rows outside a domain, a
// stratum where the domain has no response adds nothing.
func (st strata) variance(per []stratumSums, r, grand float64) float64 {
	var v float64
	for h, s := range per {
		if !s.present || st.f[h] < 1e-7 { // f = 0: sampled whole, R's self-representing stratum
			continue
		}
		sq := s.w2y2 - 2*r*s.w2xy + r*r*s.w2x2 // Σ u² over the domain in h
		b := s.wy - r*s.wx                     // Σ u
		switch {
		case st.n[h] > 1:
			v += st.f[h] * st.n[h] / (st.n[h] - 1) * (sq - b*b/st.n[h])
		case st.lonely == configs.LonelyAdjust:
			v += st.f[h] * (sq - 2*grand*b + st.n[h]*grand*grand)
		}
	}
	return max(v, 0)
}

// ratioEstimate is the domain's ratio R = Σwy/Σwx with its standard
// error: svymean's for a mean or share, svyratio's for a ratio. A rate or
// share (bounded) gets svyciprop's logit interval, the rest a Wald one.
// N counts the responses with x ≠ 0.
func (st strata) ratioEstimate(per []stratumSums, bounded bool) model.Estimate {
	var y, x float64
	var n int64
	for _, s := range per {
		y += s.wy
		x += s.wx
		n += s.nx
	}
	if x == 0 {
		return model.Estimate{N: int(n)}
	}
	r := y / x
	se := math.Sqrt(st.variance(per, r, 0)) / x
	e := model.Estimate{Value: r, SE: se, N: int(n), Interval: true}
	e.Low, e.High = wald(r, se)
	if bounded && r >= 0 && r <= 1 {
		e.Low, e.High = logit(r, se)
	}
	return e
}

// totalEstimate is the weighted total Y = Σwy over a domain with its
// standard error (svytotal's): u_i = w_i y_i inside the domain. A lonely
// stratum is centred at u's grand mean over every response of the strata
// where the domain has responses (R ≥ 4.4's onestage: the domain's rows
// are the design's, n_h the full strata's).
func (st strata) totalEstimate(per []stratumSums) model.Estimate {
	var y, n float64
	for h, s := range per {
		y += s.wy
		if s.present {
			n += st.n[h]
		}
	}
	grand := 0.0
	if n > 0 {
		grand = y / n
	}
	se := math.Sqrt(st.variance(per, 0, grand))
	e := model.Estimate{Value: y, SE: se, Interval: true}
	e.Low, e.High = wald(y, se)
	return e
}

func wald(v, se float64) (low, high float64) { return v - z95*se, v + z95*se }

// logit is svyciprop(method = "logit")'s interval of a proportion p with
// standard error se: Wald on the logit scale, whose standard error is
// se/(p(1−p)) (the delta method, exact for svyglm's intercept), mapped
// back so that it stays inside 0–1. At 0 or 1 (then se is 0) it is the
// point.
func logit(p, se float64) (low, high float64) {
	if p <= 0 || p >= 1 {
		return p, p
	}
	l, s := math.Log(p/(1-p)), se/(p*(1-p))
	expit := func(t float64) float64 { return 1 / (1 + math.Exp(-t)) }
	return expit(l - z95*s), expit(l + z95*s)
}

// bounded says whether a measure is a rate or share (0–1), whose interval
// is the logit one: adoption, exemplars, stages, multi-select codes, the
// support share and the talent-gap rate. Means of money or staff and
// totals are not.
func bounded(measure string) bool {
	return Share(measure) || measure == MeasureSupportShare || measure == MeasureTalentGap
}

// medianEstimate is a cell's weighted median cost over its n responses
// with a cost. It has no interval (Woodruff's would need the responses at
// every cell's median, which the cube does not keep), so no standard
// error, and the precision rules do not apply.
func medianEstimate(median int64, n int) model.Estimate {
	return model.Estimate{Value: float64(median), N: n}
}

// flag applies the precision rules: a relative standard error at the
// caution threshold marks the estimate, at the withhold threshold it is
// kept from the public (RulePrecision; the disclosure layer hides it).
func flag(p configs.Precision, e *model.Estimate) {
	rse := e.RSE()
	e.Caution = rse >= p.CautionRSE
	if rse >= p.WithholdRSE {
		e.Rule = model.RulePrecision
	}
}
