package cube

import (
	"math"

	"axdash/app/model"
)

// z95 is the normal quantile of a two-sided 95% interval.
const z95 = 1.959963984540054

// strata indexes the design's strata (시도 × size band: every base cell of
// one region and size band, whatever its industry) and counts each one's
// responses, n_h over the whole wave: a domain never cuts a stratum down
// (statistics.md, "Domains").
type strata struct {
	of    []int     // base cell (w.bases order) → stratum
	n     []float64 // stratum → responses
	total float64   // responses in the wave
}

func (w *Wave) strata() strata {
	index := map[[2]string]int{}
	st := strata{of: make([]int, len(w.bases))}
	for b, k := range w.bases {
		h, ok := index[[2]string{k.Region, k.Size}]
		if !ok {
			h = len(st.n)
			index[[2]string{k.Region, k.Size}] = h
			st.n = append(st.n, 0)
		}
		st.of[b] = h
		if c, ok := w.cells[k]; ok {
			st.n[h] += float64(c.Sums.N)
			st.total += float64(c.Sums.N)
		}
	}
	return st
}

// cellsOf lists, per base cell, the index (in keys) of every cell whose
// domain holds it: its projections under each grouping mask.
func cellsOf(bases []Key, keys map[Key]int) [][fullMask + 1]int {
	out := make([][fullMask + 1]int, len(bases))
	for b, k := range bases {
		for mask := 0; mask <= fullMask; mask++ {
			i, ok := keys[k.project(mask)]
			if !ok {
				i = -1
			}
			out[b][mask] = i
		}
	}
	return out
}

// estimates computes every cell's estimate of every measure from the base
// cells' moments: the ratio R = Σwy/Σwx over the cell's domain and its
// Taylor-linearised variance under the stratified one-stage design
// (statistics.md): Var = Σ_h n_h/(n_h−1) Σ_{i∈h} (z_i − z̄_h)², with
// z_i = w_i(y_i − R x_i)/X zero outside the domain, expanded into the
// moments per stratum. A stratum of one response is centred at the grand
// mean of z (R's survey.lonely.psu = "adjust"), which is zero for a ratio.
func (w *Wave) estimates() map[Key]map[string]model.Estimate {
	keys := make(map[Key]int, len(w.cells))
	order := make([]Key, 0, len(w.cells))
	for k := range w.cells {
		keys[k] = len(order)
		order = append(order, k)
	}
	st := w.strata()
	of := cellsOf(w.bases, keys)
	out := make(map[Key]map[string]model.Estimate, len(order))
	for _, k := range order {
		out[k] = make(map[string]model.Estimate, len(w.moments))
	}
	acc := make([]stratumSums, len(order)*len(st.n))
	for measure, list := range w.moments {
		clear(acc)
		for _, m := range list {
			h := st.of[m.base]
			for _, cell := range of[m.base] {
				if cell >= 0 {
					acc[cell*len(st.n)+h].add(&m.Moments)
				}
			}
		}
		for i, k := range order {
			per := acc[i*len(st.n) : (i+1)*len(st.n)]
			n := int(w.cells[k].Sums.N)
			e := ratioEstimate(per, st.n)
			e.N = n
			out[k][measure] = e
			t := totalEstimate(per, st.n, st.total)
			t.N = n
			out[k][TotalOf(measure)] = t
		}
	}
	return out
}

// stratumSums are a domain's moments within one stratum.
type stratumSums struct{ wy, wx, w2y2, w2xy, w2x2 float64 }

func (s *stratumSums) add(m *Moments) {
	s.wy += m.WY
	s.wx += m.WX
	s.w2y2 += m.W2Y2
	s.w2xy += m.W2XY
	s.w2x2 += m.W2X2
}

// ratioEstimate is R and its standard error from a domain's sums per
// stratum (n the strata's response counts), with a Wald interval.
func ratioEstimate(per []stratumSums, n []float64) model.Estimate {
	var y, x float64
	for _, s := range per {
		y += s.wy
		x += s.wx
	}
	if x == 0 {
		return model.Estimate{}
	}
	r := y / x
	var v float64
	for h, s := range per {
		if s.wx == 0 && s.wy == 0 && s.w2x2 == 0 {
			continue
		}
		sq := s.w2y2 - 2*r*s.w2xy + r*r*s.w2x2 // Σ (w(y − Rx))² over the domain in h
		if n[h] <= 1 {
			v += sq // lonely: centred at the grand mean, 0 for a ratio
			continue
		}
		b := s.wy - r*s.wx // Σ w(y − Rx)
		v += n[h] / (n[h] - 1) * (sq - b*b/n[h])
	}
	se := math.Sqrt(max(v, 0)) / x
	return model.Estimate{Value: r, SE: se, Low: r - z95*se, High: r + z95*se, Interval: true}
}

// totalEstimate is the weighted total Y = Σwy over a domain and its
// standard error, z_i = w_i y_i inside the domain (0 outside); a lonely
// stratum is centred at the grand mean of z over all n responses, Y/n.
func totalEstimate(per []stratumSums, n []float64, all float64) model.Estimate {
	var y float64
	for _, s := range per {
		y += s.wy
	}
	grand := 0.0
	if all > 0 {
		grand = y / all
	}
	var v float64
	for h, s := range per {
		if n[h] <= 1 {
			v += s.w2y2 - 2*grand*s.wy + n[h]*grand*grand
			continue
		}
		v += n[h] / (n[h] - 1) * (s.w2y2 - s.wy*s.wy/n[h])
	}
	se := math.Sqrt(max(v, 0))
	return model.Estimate{Value: y, SE: se, Low: y - z95*se, High: y + z95*se, Interval: true}
}
