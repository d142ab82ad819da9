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
type stateMemo = memo[[]store.WaveState]

// memo holds the last read of something the database keeps and every
// request needs (the wave states, the boundary map), read again at most
// once per ttl; a ttl of zero or less reads it on every get.
type memo[T any] struct {
	ttl time.Duration
	// now is the clock the ttl is measured by; nil means time.Now. Tests
	// move it instead of sleeping past the ttl.
	now  func() time.Time
	mu   sync.Mutex
	at   time.Time
	val  T // shared read-only by the requests that got it
	have bool
	// refreshing says one request is reading the value again: the others
	// go on with the last read meanwhile instead of queueing behind it, so
	// that the read once per ttl is not every request's latency.
	refreshing bool
	// gen counts resets: a read that began before one is not kept.
	gen uint64
}

// get returns the memoised value, reading it with read when there is none
// or it is older than the ttl.
func (m *memo[T]) get(ctx context.Context, read func(context.Context) (T, error)) (T, error) {
	return m.update(ctx, func(ctx context.Context, _ T, _ bool) (T, error) { return read(ctx) })
}

// update is get whose read is told the last value (and whether there is
// one), so that it can keep it when a cheap check shows nothing changed.
// When the value is old, the request that notices reads it while
// concurrent requests keep the last read; with none yet, concurrent readers
// wait for one read instead of each querying.
func (m *memo[T]) update(ctx context.Context, read func(context.Context, T, bool) (T, error)) (T, error) {
	m.mu.Lock()
	if !m.have { // the first read, or the first after a reset
		defer m.mu.Unlock()
		v, err := read(ctx, m.val, false)
		if err != nil {
			return v, err
		}
		m.val, m.have, m.at = v, true, m.clock()
		return v, nil
	}
	if m.ttl > 0 && (m.refreshing || m.clock().Sub(m.at) < m.ttl) {
		v := m.val
		m.mu.Unlock()
		return v, nil
	}
	m.refreshing = true
	gen, last := m.gen, m.val
	m.mu.Unlock()
	v, err := read(ctx, last, true)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refreshing = false
	if err != nil {
		return v, err
	}
	if gen == m.gen {
		m.val, m.at = v, m.clock()
	}
	return v, nil
}

func (m *memo[T]) clock() time.Time {
	if m.now != nil {
		return m.now()
	}
	return time.Now()
}

// reset forgets the memoised value, so that this process sees its own
// admin change at once (others see it within the ttl).
func (m *memo[T]) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	var zero T
	m.val, m.have = zero, false
	m.gen++
}
