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

func TestStateMemo(t *testing.T) {
	reads := 0
	read := func(context.Context) ([]store.WaveState, error) {
		reads++
		return []store.WaveState{{Version: int64(reads)}}, nil
	}
	m := &stateMemo{ttl: 30 * time.Millisecond}
	for i := 0; i < 3; i++ {
		if _, err := m.get(context.Background(), read); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(40 * time.Millisecond)
	got, _ := m.get(context.Background(), read)
	if reads != 2 || got[0].Version != 2 {
		t.Errorf("%d reads, version %d; want 2 and 2", reads, got[0].Version)
	}
	boom := errors.New("down")
	off := &stateMemo{}
	if _, err := off.get(context.Background(), func(context.Context) ([]store.WaveState, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}
