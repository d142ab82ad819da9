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
type stateMemo = memo[waveStates]

// waveStates is a read of the wave states with the part of every view's
// version they make (statesVersion): derived once per read, not on every
// request, as a wave's design note may run to 2,000 characters.
type waveStates struct {
	list    []store.WaveState
	version string
}

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
	// keep says a failed read may be answered with the last value: the
	// database is out of reach (store.Unreachable), and the figures it last
	// gave are better than none. nil keeps nothing.
	keep func(error) bool
	// changed, when set, hears when reads start failing so (err) and when
	// they succeed again (nil): once per change, not per request.
	changed func(err error)
	// down says the last read failed and the last value is being served;
	// failed is when, so that the next try waits a ttl like a fresh value.
	down   bool
	failed time.Time
}

// freshness is how current a memoised value is: when it was last read
// successfully, and whether reading it since has failed (stale).
type freshness struct {
	at    time.Time
	stale bool
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
	if m.ttl > 0 && (m.refreshing || m.clock().Sub(m.lastTry()) < m.ttl) {
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
	if gen != m.gen {
		return v, err
	}
	if err != nil {
		if m.keep == nil || !m.keep(err) {
			return v, err
		}
		if !m.down && m.changed != nil {
			m.changed(err)
		}
		m.down, m.failed = true, m.clock()
		return m.val, nil
	}
	if m.down && m.changed != nil {
		m.changed(nil)
	}
	m.val, m.at, m.down = v, m.clock(), false
	return v, nil
}

// lastTry is when the value was last read or last failed to be.
func (m *memo[T]) lastTry() time.Time {
	if m.down && m.failed.After(m.at) {
		return m.failed
	}
	return m.at
}

// status says how current the value the last get returned is.
func (m *memo[T]) status() freshness {
	m.mu.Lock()
	defer m.mu.Unlock()
	return freshness{at: m.at, stale: m.down}
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
	m.val, m.have, m.down = zero, false, false
	m.gen++
}
