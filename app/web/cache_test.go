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
	m := &stateMemo{ttl: ttl, now: func() time.Time { return clock }}
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
	off := &stateMemo{}
	if _, err := off.get(context.Background(), func(context.Context) ([]store.WaveState, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}
