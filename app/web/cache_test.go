package web

import (
	"context"
	"errors"
	"testing"
	"time"

	"axdash/app/store"
)

func TestResultCacheEvicts(t *testing.T) {
	tests := []struct {
		name       string
		max, cap   int
		puts       []int // sizes of entries k0, k1, …
		touch      string
		want, gone []string
	}{
		{"by count, least recently used first", 2, 1 << 20, []int{1, 1, 1}, "", []string{"k1", "k2"}, []string{"k0"}},
		{"a read keeps an entry", 2, 1 << 20, []int{1, 1, 1}, "k0", []string{"k0", "k2"}, []string{"k1"}},
		{"by bytes", 10, 100, []int{60, 30, 30}, "", []string{"k1", "k2"}, []string{"k0"}},
		{"one entry over the budget stays alone", 10, 100, []int{10, 500}, "", []string{"k1"}, []string{"k0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newResultCache(tt.max, tt.cap)
			for i, size := range tt.puts {
				if i == len(tt.puts)-1 && tt.touch != "" {
					c.get(tt.touch)
				}
				c.put("k"+string(rune('0'+i)), i, size)
			}
			for _, k := range tt.want {
				if _, ok := c.get(k); !ok {
					t.Errorf("%s was evicted", k)
				}
			}
			for _, k := range tt.gone {
				if _, ok := c.get(k); ok {
					t.Errorf("%s was kept", k)
				}
			}
		})
	}
}

// The wave states are read again only once they are older than the ttl,
// by the memo's clock; a read error is passed on.
func TestStateMemo(t *testing.T) {
	const ttl = 30 * time.Millisecond
	reads := 0
	read := func(context.Context) ([]store.WaveState, error) {
		reads++
		return []store.WaveState{{Version: int64(reads)}}, nil
	}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := &memo[[]store.WaveState]{ttl: ttl, now: func() time.Time { return clock }}
	steps := []struct {
		name    string
		advance time.Duration // the clock moves this much before the get
		version int64
	}{
		{"first get reads", 0, 1},
		{"again at once", 0, 1},
		{"just within the ttl", ttl - time.Nanosecond, 1},
		{"at the ttl", time.Nanosecond, 2},
		{"within the new read's ttl", ttl / 2, 2},
		{"long after", time.Hour, 3},
	}
	for _, st := range steps {
		clock = clock.Add(st.advance)
		got, err := m.get(context.Background(), read)
		if err != nil || got[0].Version != st.version || reads != int(st.version) {
			t.Errorf("%s: version %v after %d reads (%v); want %d", st.name, got, reads, err, st.version)
		}
	}
	boom := errors.New("down")
	off := &memo[[]store.WaveState]{}
	if _, err := off.get(context.Background(), func(context.Context) ([]store.WaveState, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}

// TestStateMemoServesLastReadWhileRefreshing: once the states are older
// than the ttl, the request that notices reads them again while the others
// go on with the last read instead of queueing behind the database; a reset
// during that read discards it, so that an admin's own change shows at once.
func TestStateMemoServesLastReadWhileRefreshing(t *testing.T) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := &memo[[]store.WaveState]{ttl: time.Second, now: func() time.Time { return clock }}
	version := int64(1)
	read := func(context.Context) ([]store.WaveState, error) {
		return []store.WaveState{{Version: version}}, nil
	}
	if _, err := m.get(context.Background(), read); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(2 * time.Second)
	started, release := make(chan struct{}), make(chan struct{})
	slow := func(context.Context) ([]store.WaveState, error) {
		close(started)
		<-release
		return []store.WaveState{{Version: 2}}, nil
	}
	done := make(chan int64)
	go func() {
		got, err := m.get(context.Background(), slow)
		if err != nil {
			t.Error(err)
		}
		done <- got[0].Version
	}()
	<-started
	// The refresh is blocked in its read: another request must not wait for
	// it (were it to, this get would never return and the test would time
	// out), and it gets the last read.
	unused := func(context.Context) ([]store.WaveState, error) {
		t.Error("a second read while one is under way")
		return nil, nil
	}
	if got, err := m.get(context.Background(), unused); err != nil || got[0].Version != 1 {
		t.Errorf("during the refresh: %v, %v; want the last read (version 1)", got, err)
	}
	m.reset()
	close(release)
	if v := <-done; v != 2 {
		t.Errorf("the refreshing request got version %d, want its own read (2)", v)
	}
	version = 3
	if got, err := m.get(context.Background(), read); err != nil || got[0].Version != 3 {
		t.Errorf("after a reset during the refresh: %v, %v; want a fresh read (version 3), not the discarded one", got, err)
	}
}
