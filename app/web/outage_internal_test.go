package web

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"axdash/app/store"
)

// TestStateMemoKeepsLastReadWhileUnreachable: a read that fails because the
// database is out of reach is answered with the last read, marked stale
// with that read's time; the database is tried again a ttl later, not by
// every request; the change is told once each way; any other failure is
// returned as it is.
func TestStateMemoKeepsLastReadWhileUnreachable(t *testing.T) {
	const ttl = time.Second
	start := time.Date(2026, 1, 1, 9, 30, 0, 0, time.UTC)
	clock := start
	unreachable := fmt.Errorf("store: unable to read waves: %w", context.DeadlineExceeded)
	other := errors.New("store: unable to read waves: syntax error")
	var fail error
	version, reads := int64(0), 0
	read := func(context.Context) ([]store.WaveState, error) {
		reads++
		if fail != nil {
			return nil, fail
		}
		version++
		return []store.WaveState{{Version: version}}, nil
	}
	var told []error
	m := &memo[[]store.WaveState]{ttl: ttl, now: func() time.Time { return clock }, keep: store.Unreachable,
		changed: func(err error) { told = append(told, err) }}
	steps := []struct {
		name      string
		advance   time.Duration
		fail      error
		version   int64 // 0: an error
		reads     int
		stale     bool
		readAt    time.Duration // since start, of the value returned
		toldSoFar int
	}{
		{"first read", 0, nil, 1, 1, false, 0, 0},
		{"unreachable: the last read, stale", 2 * ttl, unreachable, 1, 2, true, 0, 1},
		{"again at once: not tried", 0, unreachable, 1, 2, true, 0, 1},
		{"a ttl after the failure: tried, still stale, told once", ttl, unreachable, 1, 3, true, 0, 1},
		{"back: fresh, told", ttl, nil, 2, 4, false, 4 * ttl, 2},
		{"another failure is an error", 2 * ttl, other, 0, 5, false, 4 * ttl, 2},
	}
	for _, st := range steps {
		clock, fail = clock.Add(st.advance), st.fail
		got, err := m.get(context.Background(), read)
		f := m.status()
		switch {
		case st.version == 0 && !errors.Is(err, other):
			t.Errorf("%s: err = %v, want %v", st.name, err, other)
		case st.version != 0 && (err != nil || len(got) != 1 || got[0].Version != st.version):
			t.Errorf("%s: %v, %v; want version %d", st.name, got, err, st.version)
		}
		if reads != st.reads || f.stale != st.stale || !f.at.Equal(start.Add(st.readAt)) || len(told) != st.toldSoFar {
			t.Errorf("%s: %d reads, stale %v as of %s, told %d times; want %d, %v, %s, %d", st.name, reads, f.stale,
				f.at.Sub(start), len(told), st.reads, st.stale, st.readAt, st.toldSoFar)
		}
	}
	if len(told) == 2 && (!errors.Is(told[0], context.DeadlineExceeded) || told[1] != nil) {
		t.Errorf("told %v, want the failure then nil", told)
	}
}
