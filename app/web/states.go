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
}

// get returns the memoised states, reading them again when they are older
// than the ttl. Concurrent readers wait for one read instead of each
// querying.
func (m *stateMemo) get(ctx context.Context, read func(context.Context) ([]store.WaveState, error)) ([]store.WaveState, error) {
	if m.ttl <= 0 {
		return read(ctx)
	}
	now := time.Now
	if m.now != nil {
		now = m.now
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.states != nil && now().Sub(m.at) < m.ttl {
		return m.states, nil
	}
	states, err := read(ctx)
	if err != nil {
		return nil, err
	}
	m.states, m.at = states, now()
	return states, nil
}

// reset forgets the memoised states, so that this process sees its own
// admin change at once (others see it within the ttl).
func (m *stateMemo) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states = nil
}
