package web

import (
	"context"
	"sync"
	"sync/atomic"

	"axdash/app/cube"
	"axdash/app/disclosure"
	"axdash/app/store"
	"axdash/charts"
	"axdash/configs"
)

// figureStore is what the figures read: the waves' versions, then the
// cube of each wave whose version the memo does not hold.
type figureStore interface {
	cubeLoader
	WaveStates(ctx context.Context) ([]store.WaveState, error)
}

// cubeMemo keeps every wave's cube in memory, so that figures are built
// from memory under any filter. The wave states (read at most once per
// StateTTL, see stateMemo) carry each cube's version: a wave is read
// again only when its version changes (a commit, a replace, from any
// process), dropped when it is deleted, and renamed in place.
type cubeMemo struct {
	cur atomic.Pointer[cubeSet] // the set for the last states seen
	mu  sync.Mutex              // one reader of the database at a time
	// design is the sample design the cubes' estimates follow.
	design configs.Design
}

// cubeSet is a set with the states it was made for, and the disclosure
// layer's two views of it: each wave's made once, when its cube is read.
type cubeSet struct {
	states           []store.WaveState
	set              *cube.Set
	byID             map[int64]*cube.Wave
	views            map[int64]*disclosure.Views
	public, internal *disclosure.View
}

// cubeLoader reads one wave's cube; the store implements it.
type cubeLoader interface {
	WaveCube(ctx context.Context, st store.WaveState, d configs.Design) (*cube.Wave, error)
}

// get returns the cubes of states, reading only the waves whose version
// it does not hold.
func (m *cubeMemo) get(ctx context.Context, st cubeLoader, p *disclosure.Protector, states []store.WaveState) (*cubeSet, error) {
	if cur := m.cur.Load(); cur != nil && sameStates(cur.states, states) {
		return cur, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	cur := m.cur.Load()
	if cur != nil && sameStates(cur.states, states) {
		return cur, nil
	}
	next := &cubeSet{states: states, byID: make(map[int64]*cube.Wave, len(states)),
		views: make(map[int64]*disclosure.Views, len(states))}
	waves := make([]*cube.Wave, len(states))
	for i, s := range states {
		var w *cube.Wave
		if cur != nil {
			w = cur.byID[s.ID]
		}
		if w == nil || w.Version != s.Version {
			var err error
			if w, err = st.WaveCube(ctx, s, m.design); err != nil {
				return nil, err
			}
		}
		if w.Name != s.Name {
			w = w.Renamed(s.Name)
		}
		waves[i], next.byID[s.ID] = w, w
		var views *disclosure.Views
		if cur != nil {
			views = cur.views[s.ID]
		}
		if views == nil || views.Version != w.Version {
			views = p.Protect(w)
		}
		next.views[s.ID] = views
	}
	next.set = cube.NewSet(waves)
	next.public, next.internal = p.NewView(next.set, next.views, true), p.NewView(next.set, next.views, false)
	m.cur.Store(next)
	return next, nil
}

// sameStates says whether two reads of the states hold the same waves,
// names and versions; the memoised states are the same slice, checked
// first.
func sameStates(a, b []store.WaveState) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Version != b[i].Version || a[i].Name != b[i].Name || !a[i].CreatedAt.Equal(b[i].CreatedAt) {
			return false
		}
	}
	return true
}

// The cubes' views answer the figures' questions.
var _ charts.Source = (*disclosure.View)(nil)

// source is the figures' source for a view, the one place that chooses
// what a request sees: the cubes of its waves, through the disclosure
// layer's public view, or its internal view for an analyst or admin
// (view.Internal, see readView).
func (s *Server) source(ctx context.Context, v view) (charts.Source, error) {
	cs, err := s.cubes.get(ctx, s.deps.Surveys, s.protect, v.Waves)
	if err != nil {
		return nil, err
	}
	if v.Internal {
		return cs.internal, nil
	}
	return cs.public, nil
}
