package jobs

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"axdash/app/store"
)

// stepClock is a clock that moves only when the heartbeat waits: each
// wait ends at once, that much later.
type stepClock struct {
	t       time.Time
	stopped bool // the script is over: waits never end, so ctx's end is seen
}

func (c *stepClock) now() time.Time { return c.t }

func (c *stepClock) after(d time.Duration) <-chan time.Time {
	if c.stopped {
		return nil
	}
	c.t = c.t.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.t
	return ch
}

// scriptedQueue answers each heartbeat with the next result of its script
// and records when it was asked; at the end of the script it cancels.
type scriptedQueue struct {
	Queue
	clock   *stepClock
	results []error
	at      []time.Time
	cancel  context.CancelFunc
}

func (q *scriptedQueue) Heartbeat(context.Context, int64, string, int) error {
	if len(q.at) == len(q.results) {
		q.clock.stopped = true
		q.cancel()
		return context.Canceled
	}
	q.at = append(q.at, q.clock.now())
	return q.results[len(q.at)-1]
}

// TestHeartbeatBackoff: failing beats are retried at doubling intervals up
// to the heartbeat period and logged once per outage, when they start
// failing and when they recover; a lost job cancels the work.
func TestHeartbeatBackoff(t *testing.T) {
	down := errors.New("database is down")
	s := time.Second
	tests := []struct {
		name      string
		results   []error
		gaps      []time.Duration // between one beat and the next, the first from the start
		outages   int
		recovered int
		lost      bool
	}{
		{name: "healthy", results: []error{nil, nil, nil}, gaps: []time.Duration{5 * s, 5 * s, 5 * s}},
		{name: "an outage and its recovery", results: []error{nil, down, down, down, down, down, nil, nil},
			gaps: []time.Duration{5 * s, 5 * s, 1 * s, 2 * s, 4 * s, 5 * s, 5 * s, 5 * s}, outages: 1, recovered: 1},
		{name: "two outages", results: []error{down, nil, down, down, nil},
			gaps: []time.Duration{5 * s, 1 * s, 5 * s, 1 * s, 2 * s}, outages: 2, recovered: 2},
		{name: "failing to the end", results: []error{down, down}, gaps: []time.Duration{5 * s, 1 * s}, outages: 1},
		{name: "the job is lost", results: []error{store.ErrJobLost}, gaps: []time.Duration{5 * s}, lost: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			clock := &stepClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			q := &scriptedQueue{clock: clock, results: tc.results, cancel: cancel}
			start := clock.now()
			h := &heartbeat{store: q, job: 7, owner: "a", every: 5 * s, cancel: cancel,
				log: slog.New(slog.NewTextHandler(&logs, nil)), now: clock.now, after: clock.after}
			h.run(ctx)
			var gaps []time.Duration
			for _, at := range q.at {
				gaps, start = append(gaps, at.Sub(start)), at
			}
			if !slices.Equal(gaps, tc.gaps) {
				t.Errorf("beats %v apart, want %v", gaps, tc.gaps)
			}
			out := logs.String()
			if got := strings.Count(out, "heartbeat failing"); got != tc.outages {
				t.Errorf("%d failing lines, want %d:\n%s", got, tc.outages, out)
			}
			if got := strings.Count(out, "heartbeat recovered"); got != tc.recovered {
				t.Errorf("%d recovered lines, want %d:\n%s", got, tc.recovered, out)
			}
			if h.lost.Load() != tc.lost {
				t.Errorf("lost = %v, want %v", h.lost.Load(), tc.lost)
			}
		})
	}
}
