package web

import (
	"context"
	"sync"
	"time"

	"axdash/app/store"
)

// defaultStateTTL is how long a read of the waves and their data versions
// is reused. Every request needs them (to resolve the wave and key the
// figure cache); reusing them for a second takes the database off the hot
// path, at the price that a commit made by another process shows up to a
// second late. Commits never leave a mix: a version read is all or nothing.
const defaultStateTTL = time.Second

// stateMemo holds the last read of the wave states.
type stateMemo struct {
	ttl time.Duration
	// now is the clock the ttl is measured by; nil means time.Now. Tests
	// move it instead of sleeping past the ttl.
	now    func() time.Time
	mu     sync.Mutex
	at     time.Time
	states []store.WaveState // shared read-only by the requests that got it
	// refreshing says one request is reading the states again: the others
	// go on with the last read meanwhile instead of queueing behind it, so
	// that the read once a second is not every request's latency.
	refreshing bool
	// gen counts resets: a read that began before one is not kept.
	gen uint64
}

// get returns the memoised states. When they are older than the ttl, the
// request that notices reads them again while concurrent requests keep the
// last read; with none yet, concurrent readers wait for one read instead of
// each querying.
func (m *stateMemo) get(ctx context.Context, read func(context.Context) ([]store.WaveState, error)) ([]store.WaveState, error) {
	if m.ttl <= 0 {
		return read(ctx)
	}
	m.mu.Lock()
	if m.states == nil { // the first read, or the first after a reset
		defer m.mu.Unlock()
		states, err := read(ctx)
		if err != nil {
			return nil, err
		}
		m.states, m.at = states, m.clock()
		return states, nil
	}
	if m.refreshing || m.clock().Sub(m.at) < m.ttl {
		states := m.states
		m.mu.Unlock()
		return states, nil
	}
	m.refreshing = true
	gen := m.gen
	m.mu.Unlock()
	states, err := read(ctx)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refreshing = false
	if err != nil {
		return nil, err
	}
	if gen == m.gen {
		m.states, m.at = states, m.clock()
	}
	return states, nil
}

func (m *stateMemo) clock() time.Time {
	if m.now != nil {
		return m.now()
	}
	return time.Now()
}

// reset forgets the memoised states, so that this process sees its own
// admin change at once (others see it within the ttl).
func (m *stateMemo) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states = nil
	m.gen++
}
