package disclosure

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"axdash/app/cube"
	"axdash/app/model"
)

// waveView is one view of one wave: every cell of its lattice and every
// multi-select list, made once when the wave's cube is loaded, so that a
// request only looks them up.
type waveView struct {
	cells   map[cube.Key]model.Cell
	choices map[choiceAt][]model.Choice
}

type choiceAt struct {
	kind string
	key  cube.Key
}

// Views are a wave's public and internal views.
type Views struct {
	Version          int64 // the cube's version they were made from
	public, internal waveView
	exemplars        []model.ExemplarFirm // the public's: consented firms only
}

// Protect makes both views of a wave (a few MB for a wave of a few
// thousand cells).
func (p *Protector) Protect(w *cube.Wave) *Views {
	v := &Views{Version: w.Version,
		public:   waveView{cells: map[cube.Key]model.Cell{}, choices: map[choiceAt][]model.Choice{}},
		internal: waveView{cells: map[cube.Key]model.Cell{}, choices: map[choiceAt][]model.Choice{}}}
	shared := withheldSets{}
	for c := range w.Cells() {
		pub, in := p.views(w, c, shared)
		v.public.cells[c.Key], v.internal.cells[c.Key] = pub, in
		for _, kind := range []string{model.ChoiceBarrier, model.ChoiceUseArea} {
			at := choiceAt{kind, c.Key}
			v.public.choices[at] = p.publicChoices(w, c, kind, pub)
			v.internal.choices[at] = internalChoices(w, c, kind, in)
		}
	}
	for _, e := range w.Exemplars() {
		if e.Consent {
			v.exemplars = append(v.exemplars, e)
		}
	}
	return v
}

// internalChoices are a cell's codes as counted, each with its estimate
// and rule: the cube's list itself (shared, read-only; Choices hands out
// copies) when no rule applies to any.
func internalChoices(w *cube.Wave, c *cube.Cell, kind string, in model.Cell) []model.Choice {
	list := w.ChoicesAt(kind, c.Key)
	for i := range list {
		if in.Est.Of(cube.ChoiceMeasure(kind, list[i].Code)) != list[i].Est {
			list = slices.Clone(list)
			for j := range list {
				list[j].Est = in.Est.Of(cube.ChoiceMeasure(kind, list[j].Code))
			}
			return list
		}
	}
	return list
}

// publicChoices are the public's codes of a cell: none for a withheld
// cell; otherwise every code named anywhere in the wave (a code nobody in
// the cell named is a share like any other, perturbed, not an exact 0),
// its count perturbed and its weight the published share's.
func (p *Protector) publicChoices(w *cube.Wave, c *cube.Cell, kind string, pub model.Cell) []model.Choice {
	if pub.Hidden {
		return nil
	}
	counted := map[string]int{}
	for _, ch := range w.ChoicesAt(kind, c.Key) {
		counted[ch.Code] = ch.N
	}
	key := CellKey(c.Sums.Keys)
	var out []model.Choice
	for m, e := range pub.Est.All() {
		code, ok := strings.CutPrefix(m, kind+":")
		if !ok {
			continue
		}
		ch := model.Choice{Code: code, Est: e}
		if !e.Hidden {
			ch.N = p.count(counted[code], key, noiseN+":"+m, 0)
			ch.Weight = e.Value * pub.Weight
		}
		out = append(out, ch)
	}
	slices.SortFunc(out, func(a, b model.Choice) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// View is the figures' Source of one view over a set of waves' cubes:
// the cube set lays the cells out, the view's cells replace them.
type View struct {
	set    *cube.Set
	views  map[int64]*Views
	public bool
}

// NewView serves the public (public) or internal view of set, whose
// waves' views are in views by wave id.
func (p *Protector) NewView(set *cube.Set, views map[int64]*Views, public bool) *View {
	return &View{set: set, views: views, public: public}
}

// Public says whether the view is the public one.
func (v *View) Public() bool { return v.public }

// wave is this view of wave id; nil when the set has no views of it.
func (v *View) wave(id int64) *waveView {
	w, ok := v.views[id]
	switch {
	case !ok:
		return nil
	case v.public:
		return &w.public
	}
	return &w.internal
}

// cell is the view's cell at k of a wave; a cell without responses is
// empty, withheld in the public view.
func (w *waveView) cell(k cube.Key, waveID int64, public bool) model.Cell {
	if c, ok := w.cells[k]; ok {
		return c
	}
	return model.Cell{WaveID: waveID, Rule: model.RuleEmpty, Hidden: public}
}

// CellsBy implements charts.Source.
func (v *View) CellsBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error) {
	cells, err := v.set.CellsBy(ctx, dim, f)
	if err != nil {
		return nil, err
	}
	return v.replace(cells, dim, f)
}

// replace puts the view's cell in place of each of the set's cells (of
// their waves, grouped by dim under f's other dimensions).
func (v *View) replace(cells []model.Cell, dim string, f model.Filter) ([]model.Cell, error) {
	base := cube.FilterKey(f)
	for i, c := range cells {
		w := v.wave(c.WaveID)
		if w == nil {
			return nil, fmt.Errorf("disclosure: wave %d has no views", c.WaveID)
		}
		k, err := base.With(dim, c.Key)
		if err != nil {
			return nil, err
		}
		pc := w.cell(k, c.WaveID, v.public)
		pc.Key, pc.Wave, pc.Synthetic = c.Key, c.Wave, c.Synthetic
		cells[i] = pc
	}
	return cells, nil
}

// CellTotal implements charts.Source.
func (v *View) CellTotal(_ context.Context, f model.Filter) (model.Cell, error) {
	w := v.wave(f.WaveID)
	if w == nil {
		return model.Cell{WaveID: f.WaveID}, nil
	}
	return w.cell(cube.FilterKey(f), f.WaveID, v.public), nil
}

// CellRest implements charts.Source: the rest of the country outside the
// filter's region, which no figure publishes as a number: the sentences
// use it only to test whether a region's published value differs from the
// rest of the country (a yes or no). The public view gives it only
// with the region's own cell published, and never its counts; the region
// is looked at first, so that a withheld one costs no pass over the
// wave's moments.
func (v *View) CellRest(ctx context.Context, f model.Filter) (model.Cell, error) {
	if v.public {
		if region, err := v.CellTotal(ctx, f); err != nil || region.Hidden {
			return model.Cell{WaveID: f.WaveID, Hidden: true}, err
		}
	}
	rest, err := v.set.CellRest(ctx, f)
	if err != nil || !v.public {
		return rest, err
	}
	rest.N, rest.Weight = 0, 0
	return rest, nil
}

// TrendBy implements charts.Source.
func (v *View) TrendBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error) {
	cells, err := v.set.TrendBy(ctx, dim, f)
	if err != nil {
		return nil, err
	}
	return v.replace(cells, dim, f)
}

// Choices implements charts.Source.
func (v *View) Choices(_ context.Context, kind string, f model.Filter) ([]model.Choice, error) {
	if kind != model.ChoiceBarrier && kind != model.ChoiceUseArea {
		return nil, fmt.Errorf("disclosure: unknown choice kind %q", kind)
	}
	w := v.wave(f.WaveID)
	if w == nil {
		return nil, nil
	}
	return slices.Clone(w.choices[choiceAt{kind, cube.FilterKey(f)}]), nil
}

// ExemplarFirms implements charts.Source. The public list holds only the
// firms that agreed to be published; under a filter whose cell is
// withheld, a firm is its name and note and nothing else (its stage, use
// areas and gain would be that small cell's numbers).
func (v *View) ExemplarFirms(ctx context.Context, f model.Filter, limit int) ([]model.ExemplarFirm, error) {
	if !v.public {
		return v.set.ExemplarFirms(ctx, f, limit)
	}
	w, ok := v.views[f.WaveID]
	if !ok {
		return nil, nil
	}
	out := cube.ExemplarsUnder(w.exemplars, f, limit)
	if w.public.cell(cube.FilterKey(f), f.WaveID, true).Hidden {
		for i := range out {
			out[i] = Bare(out[i])
		}
	}
	return out, nil
}

// Bare is an exemplar firm as the public sees it under a filter whose
// cell is withheld: its name and note, no number of that cell (its stage,
// use areas and gain, its place and size) and no business number.
func Bare(e model.ExemplarFirm) model.ExemplarFirm {
	return model.ExemplarFirm{FirmName: e.FirmName, Note: e.Note, Consent: e.Consent}
}

// ViewOf protects every wave of set and serves its public (public) or
// internal view: for a one-off read such as an export from the command
// line; a server keeps each wave's views while its cube is unchanged.
func (p *Protector) ViewOf(set *cube.Set, public bool) *View {
	views := make(map[int64]*Views, len(set.Waves()))
	for _, w := range set.Waves() {
		views[w.ID] = p.Protect(w)
	}
	return p.NewView(set, views, public)
}
