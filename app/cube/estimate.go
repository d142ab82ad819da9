package cube

import (
	"axdash/app/model"
	"axdash/configs"
	"slices"
)

// design is the sample design as the estimates use it (configs.Design,
// docs/statistics.md).
type design struct {
	column    bool // strata are the file's stratum column (configs.StrataColumn)
	lonely    string
	pop       map[stratumKey]float64 // stratum → firms, for the fpc
	precision configs.Precision
}

// stratumKey names a stratum: a 시도 and size band, or a code from the
// file's stratum column.
type stratumKey struct{ region, size, column string }

func newDesign(d configs.Design) design {
	out := design{column: d.Strata == configs.StrataColumn, lonely: d.Lonely, precision: d.Precision,
		pop: make(map[stratumKey]float64, len(d.Population))}
	for _, p := range d.Population {
		out.pop[stratumKey{p.Region, p.Size, p.Stratum}] = p.Firms
	}
	return out
}

// stratumOf is the stratum of the responses of base cell k with stratum
// from the file: that stratum under the column design, else (and for rows
// stored before the column existed, which have none) their 시도 × size
// band.
func (d design) stratumOf(k Key, stratum string) stratumKey {
	if d.column && stratum != "" {
		return stratumKey{column: stratum}
	}
	return stratumKey{region: k.Region, size: k.Size}
}

// strata indexes the design's strata and counts each one's responses, n_h
// over the whole wave: a domain never cuts a stratum down (statistics.md,
// "Domains"). f is each stratum's finite-population correction
// (N_h − n_h)/N_h, 1 without a population count.
type strata struct {
	of     []int     // unit (w.units order) → stratum
	n      []float64 // stratum → responses
	f      []float64 // stratum → fpc factor
	lonely string
}

func (w *Wave) strata() strata {
	index := map[stratumKey]int{}
	st := strata{of: make([]int, len(w.units)), lonely: w.design.lonely}
	for i, u := range w.units {
		k := w.design.stratumOf(w.bases[u.base], u.stratum)
		h, ok := index[k]
		if !ok {
			h = len(st.n)
			index[k] = h
			st.n = append(st.n, 0)
		}
		st.of[i] = h
		st.n[h] += u.n
	}
	st.f = make([]float64, len(st.n))
	for k, h := range index {
		st.f[h] = 1
		if pop, ok := w.design.pop[k]; ok {
			// R refuses a count below the sample; a stratum sampled whole
			// (or over) adds no variance.
			st.f[h] = max(pop-st.n[h], 0) / pop
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
// cells' moments: each cell is a domain of the whole design, its sums
// gathered per stratum and turned into estimates by domainEstimates.
// Then the medians, which are no ratio (see medianEstimate).
func (w *Wave) estimates() map[Key]model.Estimates {
	keys := make(map[Key]int, len(w.cells))
	order := make([]Key, 0, len(w.cells))
	for k := range w.cells {
		keys[k] = len(order)
		order = append(order, k)
	}
	st := w.strata()
	of := cellsOf(w.bases, keys)
	out := make(map[Key]model.Estimates, len(order))
	for i, est := range model.NewEstimatesBlock(w.measures, len(order)) {
		out[order[i]] = est
	}
	acc := make([]stratumSums, len(order)*len(st.n))
	for measure, list := range w.moments {
		clear(acc)
		for _, m := range list {
			h := st.of[m.unit]
			for _, cell := range of[w.units[m.unit].base] {
				if cell >= 0 {
					acc[cell*len(st.n)+h].add(&m.Moments)
				}
			}
		}
		for i, k := range order {
			w.domainEstimates(out[k], measure, acc[i*len(st.n):(i+1)*len(st.n)], st, int(w.cells[k].Sums.N))
		}
	}
	for _, k := range order {
		c := w.cells[k]
		if c.Median != nil {
			out[k].Set(MeasureMedianCost, medianEstimate(*c.Median, int(c.Sums.NCost)))
		}
	}
	return out
}

// domainEstimates sets into est the measure's ratio and its total over a
// domain of n responses whose sums per stratum are per, with the
// precision rules applied.
func (w *Wave) domainEstimates(est model.Estimates, measure string, per []stratumSums, st strata, n int) {
	e := st.ratioEstimate(per, bounded(measure))
	flag(w.design.precision, &e)
	est.Set(measure, e)
	t := st.totalEstimate(per)
	t.N = n
	flag(w.design.precision, &t)
	est.Set(TotalOf(measure), t)
}

// measuresOf are the measures of a wave's estimates: each measure with
// moments and its total, in name order, and the median cost.
func measuresOf(moments map[string][]baseMoments) *model.Measures {
	names := make([]string, 0, 2*len(moments)+1)
	for m := range moments {
		names = append(names, m, TotalOf(m))
	}
	slices.Sort(names)
	return model.NewMeasures(append(names, MeasureMedianCost)...)
}

// stratumSums are a domain's moments within one stratum; nx counts the
// responses with x ≠ 0 (the ratio's denominator), and present says the
// domain has responses in the stratum (every base cell has some).
type stratumSums struct {
	present                  bool
	nx                       int64
	wy, wx, w2y2, w2xy, w2x2 float64
}

func (s *stratumSums) add(m *Moments) {
	s.present = true
	s.nx += m.N
	s.wy += m.WY
	s.wx += m.WX
	s.w2y2 += m.W2Y2
	s.w2xy += m.W2XY
	s.w2x2 += m.W2X2
}
