package disclosure

import (
	"axdash/app/cube"
	"axdash/app/model"
)

// values are a cell's published values by measure (its internal estimates
// est perturbed with its key), for every measure the layer knows:
//   - a rate or share of responses: its weighted numerator moved by noise
//     of rate_noise firms (one firm: the cell's mean weight Σw/n), so the
//     rate by that noise over n, kept within 0–1; zeros move like any
//     value, so that a 0 does not tell an empty sub-cell; the stage shares
//     then scaled to add up to the published adoption rate (도입, 확산) and
//     its complement (the others), so that the tables agree and add up
//     to 100%;
//   - a magnitude: each weighted total (cost, support, AI staff now,
//     needed, gap) moved by noise of magnitude_noise times the cell's
//     largest contribution, kept at or above zero (the gap at or below
//     the need); the means and ratios follow from the moved totals, so
//     that a row's numbers agree;
//   - the median cost: rounded to median_digits significant digits.
//
// The weighted totals of rates (weighted counts of adopters, of firms
// naming a code) are not published: no figure shows them, and leaving
// them out keeps a wave's public view a third smaller.
//
// A rate is read from the cell's sums (shares) where they hold it, which
// every database gives bit for bit alike, else from its estimate.
func (p *Protector) values(st *cellState, est model.Estimates, shares map[string]float64) map[string]float64 {
	s := &st.c.Sums
	out := make(map[string]float64, len(est.Measures().Names()))
	for m, e := range est.All() {
		if cube.Share(m) {
			v, ok := shares[m]
			if !ok {
				v = e.Value
			}
			out[m] = min(max(v+p.cfg.RateNoise*p.table.Noise(st.key, m)/float64(s.N), 0), 1)
		}
	}
	if _, ok := est.Get(cube.MeasureAdoption); ok {
		stageShares(out)
	}
	var t [cube.TopCount]float64
	names := magnitudeTotals()
	for m, total := range totals(s) {
		t[m] = max(total+p.cfg.MagnitudeNoise*st.c.Tops[m][0]*p.table.Noise(st.key, names[m]), 0)
	}
	t[cube.TopGap] = min(t[cube.TopGap], t[cube.TopNeeded])
	for m, name := range names {
		out[name] = t[m]
	}
	out[cube.MeasureCost] = ratio(t[cube.TopCost], s.WCost)
	out[cube.MeasureSupportShare] = ratio(t[cube.TopSupport], t[cube.TopCost])
	out[cube.MeasureTalentGap] = ratio(t[cube.TopGap], t[cube.TopNeeded])
	out[cube.MeasureStaffCurrent] = ratio(t[cube.TopCurrent], s.Weight)
	out[cube.MeasureStaffNeeded] = ratio(t[cube.TopNeeded], s.Weight)
	if e, ok := est.Get(cube.MeasureMedianCost); ok {
		out[cube.MeasureMedianCost] = roundSignificant(e.Value, p.cfg.MedianDigits)
	}
	return out
}

func ratio(y, x float64) float64 {
	if x == 0 {
		return 0
	}
	return y / x
}

// stageShares scales the perturbed stage shares in out so that the stages
// that count as adoption add up to the perturbed adoption rate (itself
// unbiased) and the others to the rest: a stage table then adds up to 100%
// and agrees with the adoption rate. A side whose perturbed shares are all
// zero is split evenly.
func stageShares(out map[string]float64) {
	adoption := out[cube.MeasureAdoption]
	for _, adopted := range []bool{true, false} {
		target := adoption
		if !adopted {
			target = 1 - adoption
		}
		var sum float64
		var side []string
		for _, s := range model.Stages {
			if model.Adopted(s) == adopted {
				side = append(side, cube.StageMeasure(s))
				sum += out[cube.StageMeasure(s)]
			}
		}
		for _, m := range side {
			if sum > 0 {
				out[m] *= target / sum
			} else {
				out[m] = target / float64(len(side))
			}
		}
	}
}

// sumShares are the rates a cell's sums hold exactly: adoption, each stage
// and each multi-select code named in it (a code nobody named there is 0).
func sumShares(w *cube.Wave, c *cube.Cell) map[string]float64 {
	s := &c.Sums
	out := map[string]float64{}
	if s.Weight <= 0 {
		return out
	}
	for i, stage := range model.Stages {
		out[cube.StageMeasure(stage)] = s.Stage[i] / s.Weight
		if model.Adopted(stage) {
			out[cube.MeasureAdoption] += s.Stage[i] / s.Weight
		}
	}
	for _, kind := range []string{model.ChoiceBarrier, model.ChoiceUseArea} {
		for _, ch := range w.ChoicesAt(kind, c.Key) {
			out[cube.ChoiceMeasure(kind, ch.Code)] = ch.Weight / s.Weight
		}
	}
	return out
}
