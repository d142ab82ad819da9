package model

import (
	"fmt"
	"iter"
	"slices"
)

// Measures are the names of the measures a cell's Estimates may hold, in a
// fixed order: one list per wave, shared by all its cells. A cell's
// estimates are then a flat slice without pointers, which the garbage
// collector never scans; a map per cell made up most of a serving
// process's heap, and most of its collection work, under load.
type Measures struct {
	names []string
	index map[string]int
}

// NewMeasures lists names, each once, in the order given.
func NewMeasures(names ...string) *Measures {
	m := &Measures{index: make(map[string]int, len(names))}
	for _, n := range names {
		if _, ok := m.index[n]; !ok {
			m.index[n] = len(m.names)
			m.names = append(m.names, n)
		}
	}
	return m
}

// Names are the measures in their order; the slice is shared.
func (m *Measures) Names() []string {
	if m == nil {
		return nil
	}
	return m.names
}

// Estimates are one cell's estimates by measure name. The zero value holds
// none. Values are shared read-only once handed out (a cube's cells share
// their wave's); Set is for the code making them.
type Estimates struct {
	measures *Measures
	slots    []estimateSlot
}

// estimateSlot is an Estimate stored without pointers: its rule as an
// place in rules.
type estimateSlot struct {
	value, se, low, high float64
	n                    int
	rule                 uint8
	flags                uint8
}

const (
	slotSet = 1 << iota
	slotInterval
	slotCaution
	slotHidden
)

// NewEstimates holds no estimate yet of the measures m.
func NewEstimates(m *Measures) Estimates {
	return Estimates{measures: m, slots: make([]estimateSlot, len(m.Names()))}
}

// NewEstimatesBlock is NewEstimates for cells cells at once, in one
// allocation.
func NewEstimatesBlock(m *Measures, cells int) []Estimates {
	n := len(m.Names())
	block := make([]estimateSlot, n*cells)
	out := make([]Estimates, cells)
	for i := range out {
		out[i] = Estimates{measures: m, slots: block[i*n : (i+1)*n : (i+1)*n]}
	}
	return out
}

// EstimatesOf holds est, its measures in name order: for tests and other
// one-off cells.
func EstimatesOf(est map[string]Estimate) Estimates {
	names := make([]string, 0, len(est))
	for n := range est {
		names = append(names, n)
	}
	slices.Sort(names)
	out := NewEstimates(NewMeasures(names...))
	for n, e := range est {
		out.Set(n, e)
	}
	return out
}

// Measures are the measures e may hold.
func (e Estimates) Measures() *Measures { return e.measures }

// Get returns the estimate of measure, and whether e holds one.
func (e Estimates) Get(measure string) (Estimate, bool) {
	i, ok := e.measures.indexOf(measure)
	if !ok || e.slots[i].flags&slotSet == 0 {
		return Estimate{}, false
	}
	return e.slots[i].estimate(), true
}

// Of is the estimate of measure, or the zero Estimate without one.
func (e Estimates) Of(measure string) Estimate {
	v, _ := e.Get(measure)
	return v
}

// Set keeps v as the estimate of measure, which must be one of e's
// measures: a measure outside them is a mistake in the code making the
// cube, never in its input.
func (e Estimates) Set(measure string, v Estimate) {
	i, ok := e.measures.indexOf(measure)
	if !ok {
		panic(fmt.Sprintf("model: %q is not one of the estimates' measures", measure))
	}
	e.slots[i] = slotOf(v)
}

func (m *Measures) indexOf(name string) (int, bool) {
	if m == nil {
		return 0, false
	}
	i, ok := m.index[name]
	return i, ok
}

// All yields the estimates e holds, in their measures' order.
func (e Estimates) All() iter.Seq2[string, Estimate] {
	return func(yield func(string, Estimate) bool) {
		for i, s := range e.slots {
			if s.flags&slotSet != 0 && !yield(e.measures.names[i], s.estimate()) {
				return
			}
		}
	}
}

// Len is how many estimates e holds.
func (e Estimates) Len() int {
	n := 0
	for _, s := range e.slots {
		if s.flags&slotSet != 0 {
			n++
		}
	}
	return n
}

// Clone is a copy of e that Set may change.
func (e Estimates) Clone() Estimates {
	return Estimates{measures: e.measures, slots: slices.Clone(e.slots)}
}

func slotOf(v Estimate) estimateSlot {
	s := estimateSlot{value: v.Value, se: v.SE, low: v.Low, high: v.High, n: v.N, flags: slotSet}
	all := rules()
	rule := slices.Index(all[:], v.Rule)
	if rule < 0 {
		panic(fmt.Sprintf("model: unknown publication rule %q", v.Rule))
	}
	s.rule = uint8(rule)
	s.flags |= flagIf(v.Interval, slotInterval) | flagIf(v.Caution, slotCaution) | flagIf(v.Hidden, slotHidden)
	return s
}

func (s estimateSlot) estimate() Estimate {
	return Estimate{Value: s.value, SE: s.se, Low: s.low, High: s.high, N: s.n, Rule: rules()[s.rule],
		Interval: s.flags&slotInterval != 0, Caution: s.flags&slotCaution != 0, Hidden: s.flags&slotHidden != 0}
}

func flagIf(on bool, flag uint8) uint8 {
	if on {
		return flag
	}
	return 0
}
