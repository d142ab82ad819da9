package cube

import (
	"context"
	"math"

	"axdash/app/model"
)

// CellRest returns the rest of the country under the filter: every
// response of its wave, industry and size band outside its region, as a
// domain of the whole design with its estimates (Est), N and Weight. A
// region and the rest lie in disjoint strata (시도 × size band, or strata
// from the file nested in 시도), so their estimates are independent and
// the variance of their difference is the sum of theirs (Differ). Strata
// from the file that cut across 시도 make that an approximation that
// leaves out their covariance (statistics.md). Without a region the rest
// is empty.
func (s *Set) CellRest(_ context.Context, f model.Filter) (model.Cell, error) {
	w := s.wave(f.WaveID)
	if w == nil || f.Region == "" {
		return model.Cell{WaveID: f.WaveID}, nil
	}
	in := func(k Key) bool {
		return k.Region != f.Region && (f.Industry == "" || k.Industry == f.Industry) && (f.Size == "" || k.Size == f.Size)
	}
	out := model.Cell{WaveID: w.ID, Est: model.NewEstimates(w.measures)}
	for _, k := range w.bases {
		if c, ok := w.cells[k]; ok && in(k) {
			out.N += int(c.Sums.N)
			out.Weight += c.Sums.Weight
		}
	}
	st := w.strata()
	per := make([]stratumSums, len(st.n))
	for measure, list := range w.moments {
		clear(per)
		for _, m := range list {
			if in(w.bases[w.units[m.unit].base]) {
				per[st.of[m.unit]].add(&m.Moments)
			}
		}
		w.domainEstimates(out.Est, measure, per, st, out.N)
	}
	return out, nil
}

// Differ says whether two independent estimates differ: whether the 95%
// interval of a − b, with Var(a − b) = Var(a) + Var(b), excludes zero.
// tested is false when either has no interval (a median) or is withheld.
func Differ(a, b model.Estimate) (differs, tested bool) {
	if !a.Interval || !b.Interval || a.Hidden || b.Hidden {
		return false, false
	}
	return math.Abs(a.Value-b.Value) > z95*math.Hypot(a.SE, b.SE), true
}
