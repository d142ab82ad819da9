package web

import (
	"context"
	"slices"
	"testing"

	"axdash/app/cube"
	"axdash/app/disclosure"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/configs"
)

// countingLoader makes empty cubes and records which waves it was asked for.
type countingLoader struct{ read []int64 }

func (l *countingLoader) WaveCube(_ context.Context, st store.WaveState, d configs.Design) (*cube.Wave, error) {
	l.read = append(l.read, st.ID)
	return cube.NewWave(st.ID, st.Name, st.Version, &cube.Rows{}, d), nil
}

func state(id, version int64, name string) store.WaveState {
	return store.WaveState{WaveSummary: store.WaveSummary{Wave: model.Wave{ID: id, Name: name}}, Version: version}
}

// The memo reads a wave's cube only when it lacks the wave's version: a new
// wave or a new version is read, a rename or an unchanged read is not, and
// a deleted wave is dropped.
func TestCubeMemoReadsChangedWavesOnly(t *testing.T) {
	m, l := &cubeMemo{}, &countingLoader{}
	steps := []struct {
		name   string
		states []store.WaveState
		read   []int64
		names  []string
	}{
		{"first", []store.WaveState{state(1, 10, "A"), state(2, 20, "B")}, []int64{1, 2}, []string{"A", "B"}},
		{"same again", []store.WaveState{state(1, 10, "A"), state(2, 20, "B")}, nil, []string{"A", "B"}},
		{"commit to 2", []store.WaveState{state(1, 10, "A"), state(2, 21, "B")}, []int64{2}, []string{"A", "B"}},
		{"rename 1", []store.WaveState{state(1, 10, "Z"), state(2, 21, "B")}, nil, []string{"Z", "B"}},
		{"new wave", []store.WaveState{state(1, 10, "Z"), state(2, 21, "B"), state(3, 30, "C")}, []int64{3}, []string{"Z", "B", "C"}},
		{"delete 2", []store.WaveState{state(1, 10, "Z"), state(3, 30, "C")}, nil, []string{"Z", "C"}},
		{"2 back", []store.WaveState{state(1, 10, "Z"), state(2, 22, "B"), state(3, 30, "C")}, []int64{2}, []string{"Z", "B", "C"}},
	}
	for _, step := range steps {
		l.read = nil
		cs, err := m.get(context.Background(), l, disclosure.New(configs.FiguresConfig{SuppressBelow: 5}), step.states)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, w := range cs.set.Waves() {
			names = append(names, w.Name)
		}
		if !slices.Equal(l.read, step.read) || !slices.Equal(names, step.names) {
			t.Errorf("%s: read %v and serve %v, want %v and %v", step.name, l.read, names, step.read, step.names)
		}
	}
}
