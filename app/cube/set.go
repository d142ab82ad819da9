package cube

import (
	"context"
	"fmt"

	"axdash/app/model"
)

// Group dimensions by name, as the figures ask for them (charts.Source's
// dim argument).
const (
	ByRegion   = "region"
	ByIndustry = "industry"
	BySize     = "size"
)

// dimOf maps a dimension's name to its index; an unknown name is an error.
func dimOf(name string) (int, error) {
	switch name {
	case ByRegion:
		return DimRegion, nil
	case ByIndustry:
		return DimIndustry, nil
	case BySize:
		return DimSize, nil
	}
	return 0, fmt.Errorf("cube: unknown group %q", name)
}

// Set is every wave's cube, oldest wave first: it answers the figures'
// aggregate questions (charts.Source) from memory.
type Set struct{ waves []*Wave }

// NewSet serves waves, oldest first.
func NewSet(waves []*Wave) *Set { return &Set{waves: waves} }

// Waves are the set's waves, oldest first.
func (s *Set) Waves() []*Wave { return s.waves }

func (s *Set) wave(id int64) *Wave {
	for _, w := range s.waves {
		if w.ID == id {
			return w
		}
	}
	return nil
}

// CellsBy returns the wave's cells per value of dim under the filter, in
// code order. Groups without responses are absent.
func (s *Set) CellsBy(_ context.Context, dim string, f model.Filter) ([]model.Cell, error) {
	d, err := dimOf(dim)
	if err != nil {
		return nil, err
	}
	w := s.wave(f.WaveID)
	if w == nil {
		return nil, nil
	}
	return w.cellsBy(d, f, nil), nil
}

// CellTotal returns the one cell of every response under the filter; a
// zero cell when there are none.
func (s *Set) CellTotal(_ context.Context, f model.Filter) (model.Cell, error) {
	if w := s.wave(f.WaveID); w != nil {
		if c, ok := w.cells[FilterKey(f)]; ok {
			return w.modelCell(c, ""), nil
		}
	}
	return model.Cell{WaveID: f.WaveID}, nil
}

// TrendBy returns, for every wave oldest first up to and including the
// filter's wave (every wave when it names none the set has), its cells per
// value of dim under the filter's region, industry and size. The set's
// order is the survey order its waves were read in (store.WaveStates), so
// the waves before the chosen one are the ones surveyed before it, even
// when the chosen wave has no cell under the filter. Each cell carries its
// wave's id, name and synthetic mark.
func (s *Set) TrendBy(_ context.Context, dim string, f model.Filter) ([]model.Cell, error) {
	d, err := dimOf(dim)
	if err != nil {
		return nil, err
	}
	var out []model.Cell
	for _, w := range s.upTo(f.WaveID) {
		start := len(out)
		out = w.cellsBy(d, f, out)
		for i := start; i < len(out); i++ {
			out[i].Wave, out[i].Synthetic = w.Name, w.Synthetic
		}
	}
	return out, nil
}

// upTo is the set's waves up to and including the one with the id; all of
// them when the set has no such wave.
func (s *Set) upTo(id int64) []*Wave {
	for i, w := range s.waves {
		if w.ID == id {
			return s.waves[:i+1]
		}
	}
	return s.waves
}

// Choices returns how often each code of a multi-select question (kind:
// model.ChoiceBarrier or model.ChoiceUseArea) was named under the filter,
// in code order. Codes nobody named are absent.
func (s *Set) Choices(_ context.Context, kind string, f model.Filter) ([]model.Choice, error) {
	if kind != model.ChoiceBarrier && kind != model.ChoiceUseArea {
		return nil, fmt.Errorf("cube: unknown choice kind %q", kind)
	}
	w := s.wave(f.WaveID)
	if w == nil {
		return nil, nil
	}
	// A copy: callers may sort or change what they get.
	return append([]model.Choice(nil), w.choices[choiceAt{kind, FilterKey(f)}]...), nil
}

// ExemplarFirms lists the wave's exemplar firms under the filter, best
// first, at most limit of them (ExemplarsUnder).
func (s *Set) ExemplarFirms(_ context.Context, f model.Filter, limit int) ([]model.ExemplarFirm, error) {
	w := s.wave(f.WaveID)
	if w == nil {
		return nil, nil
	}
	return ExemplarsUnder(w.exemplars, f, limit), nil
}

// ExemplarsUnder are the firms of list under the filter's region, industry
// and size, in list's order, at most limit of them: what the store's
// ranked query with the filter and the limit gives of a wave's list.
func ExemplarsUnder(list []model.ExemplarFirm, f model.Filter, limit int) []model.ExemplarFirm {
	out := []model.ExemplarFirm{} // as the query gives: empty, not nil
	for _, e := range list {
		if len(out) >= limit {
			break
		}
		if (f.Region == "" || e.Region == f.Region) && (f.Industry == "" || e.Industry == f.Industry) &&
			(f.Size == "" || e.SizeBand == f.Size) {
			out = append(out, e)
		}
	}
	return out
}
