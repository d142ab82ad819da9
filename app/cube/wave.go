package cube

import (
	"cmp"
	"slices"

	"axdash/app/model"
	"axdash/configs"
)

// Wave is one wave's cube in memory, indexed so that any figure under any
// filter of region, industry and size band is a few map lookups. It is
// read-only once made, so requests share it without locks.
type Wave struct {
	ID      int64
	Name    string
	Version int64 // the stored import the cube was built from
	// Synthetic marks a demo wave: its trend cells say so, so that a real
	// wave's trend leaves it out (charts' realOnly).
	Synthetic bool
	cells     map[Key]*Cell
	values    [dimCount][]string          // each dimension's codes, in byte order
	choices   map[choiceAt][]model.Choice // codes in byte order
	// exemplars are the wave's exemplar firms, best first.
	exemplars []model.ExemplarFirm
	// The units' variance sums by measure, each naming its unit (a base
	// cell and file stratum) by its place in units: no pointers, so the
	// collector never scans them.
	moments map[string][]baseMoments
	bases   []Key
	units   []unit
	// est are every cell's estimates (estimates), of the measures
	// measures, shared read-only by the model cells handed out.
	est      map[Key]model.Estimates
	measures *model.Measures
	// design is the sample design the estimates follow.
	design design
}

// baseMoments are one unit's sums of one measure.
type baseMoments struct {
	unit uint32
	Moments
}

// unit is a base cell (its place in bases) and a stratum from the file,
// with its responses: what the moments are kept per (Moment).
type unit struct {
	base    uint32
	stratum string
	n       float64
}

// choiceAt is one cell's list of one multi-select question.
type choiceAt struct {
	kind string
	key  Key
}

// NewWave indexes a wave's finished cube and computes its estimates under
// the sample design d.
func NewWave(id int64, name string, version int64, rows *Rows, d configs.Design) *Wave {
	w := &Wave{ID: id, Name: name, Version: version, cells: make(map[Key]*Cell, len(rows.Cells)),
		choices: map[choiceAt][]model.Choice{}, exemplars: rows.Exemplars, design: newDesign(d)}
	for i := range rows.Cells {
		c := &rows.Cells[i]
		w.cells[c.Key] = c
		if c.Key.Region != All && c.Key.Industry != All && c.Key.Size != All {
			for d, v := range [dimCount]string{c.Key.Region, c.Key.Industry, c.Key.Size} {
				if !slices.Contains(w.values[d], v) {
					w.values[d] = append(w.values[d], v)
				}
			}
		}
	}
	for d := range w.values {
		slices.Sort(w.values[d])
	}
	for _, c := range rows.Choices {
		at := choiceAt{c.Kind, c.Key}
		w.choices[at] = append(w.choices[at], model.Choice{Code: c.Code, N: int(c.N), Weight: c.Weight})
	}
	w.indexMoments(rows.Moments)
	w.measures = measuresOf(w.moments)
	w.est = w.estimates()
	for at, list := range w.choices {
		slices.SortFunc(list, func(a, b model.Choice) int { return cmp.Compare(a.Code, b.Code) })
		for i := range list {
			list[i].Est = w.est[at.key].Of(ChoiceMeasure(at.kind, list[i].Code))
		}
	}
	return w
}

// indexMoments keeps the moments by measure and numbers their base cells
// and units. A unit's responses are its adoption moment's N: that
// measure's x is 1 for every response.
func (w *Wave) indexMoments(moments []Moment) {
	w.moments = map[string][]baseMoments{}
	baseOf := map[Key]uint32{}
	unitOf := map[unitKey]uint32{}
	for _, m := range moments {
		b, ok := baseOf[m.Key]
		if !ok {
			b = uint32(len(w.bases))
			baseOf[m.Key] = b
			w.bases = append(w.bases, m.Key)
		}
		u, ok := unitOf[unitKey{b, m.Stratum}]
		if !ok {
			u = uint32(len(w.units))
			unitOf[unitKey{b, m.Stratum}] = u
			w.units = append(w.units, unit{base: b, stratum: m.Stratum})
		}
		if m.Measure == MeasureAdoption {
			w.units[u].n = float64(m.N)
		}
		w.moments[m.Measure] = append(w.moments[m.Measure], baseMoments{u, m.Moments})
	}
}

// Moments are the units' variance sums of one measure (see Moment).
func (w *Wave) Moments(measure string) []Moment {
	ms := w.moments[measure]
	out := make([]Moment, len(ms))
	for i, m := range ms {
		u := w.units[m.unit]
		out[i] = Moment{Key: w.bases[u.base], Stratum: u.stratum, Measure: measure, Moments: m.Moments}
	}
	return out
}

// Renamed is the wave under a new name, sharing its index.
func (w *Wave) Renamed(name string) *Wave {
	c := *w
	c.Name = name
	return &c
}

// FilterKey is the cell of a filter: each filtered dimension its value,
// the others All.
func FilterKey(f model.Filter) Key {
	k := Key{f.Region, f.Industry, f.Size}
	for _, p := range []*string{&k.Region, &k.Industry, &k.Size} {
		if *p == "" {
			*p = All
		}
	}
	return k
}

// set returns k with dimension d set to v.
func (k Key) set(d int, v string) Key {
	switch d {
	case DimRegion:
		k.Region = v
	case DimIndustry:
		k.Industry = v
	default:
		k.Size = v
	}
	return k
}

// cellsBy lists the cells of each value of dimension d under the filter,
// in code order; a dimension the filter fixes has its one value.
func (w *Wave) cellsBy(d int, f model.Filter, dst []model.Cell) []model.Cell {
	base := FilterKey(f)
	values := w.values[d]
	if fixed := [dimCount]string{f.Region, f.Industry, f.Size}[d]; fixed != "" {
		values = []string{fixed}
	}
	for _, v := range values {
		if c, ok := w.cells[base.set(d, v)]; ok {
			dst = append(dst, w.modelCell(c, v))
		}
	}
	return dst
}

// modelCell is a cell as the figures read it, with group code key.
func (w *Wave) modelCell(c *Cell, key string) model.Cell {
	s := &c.Sums
	return model.Cell{Key: key, WaveID: w.ID, N: int(s.N), Weight: s.Weight,
		WNone: s.Stage[0], WReview: s.Stage[1], WPilot: s.Stage[2], WAdopted: s.Stage[3], WScaled: s.Stage[4],
		NCost: int(s.NCost), WCost: s.WCost, WXCost: s.WXCost, WXSupport: s.WXSupport, MedianCost: c.Median,
		Current: s.StaffCurrent, Needed: s.StaffNeeded, Gap: s.StaffGap, NExemplar: int(s.NExemplar),
		Est: w.est[c.Key]}
}
