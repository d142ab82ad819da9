package jobs

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"axdash/app/ingest"
	"axdash/app/store"
	"axdash/importers"
)

// progressEvery bounds how often the rows read are written: often enough for
// a progress bar, rarely enough to cost nothing.
const progressEvery = 500 * time.Millisecond

// counter counts the rows a job has read so far.
type counter struct{ atomic.Int64 }

// heartbeat writes the job's progress and liveness while it runs, and
// cancels the work when the job is no longer this runner's.
type heartbeat struct {
	store  Queue
	job    int64
	owner  string
	every  time.Duration
	cancel context.CancelFunc
	log    *slog.Logger
	rows   counter
	lost   atomic.Bool
	// now and after are the clock (time.Now, time.After); tests step them.
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
}

// run beats until ctx ends or the job is lost. A beat that fails (the
// database down, its disk full) is retried at doubling intervals up to
// every, not at the progress pace: retries every half second flood the
// log and the struggling database. The log says once when beats start
// failing and once when they recover.
func (h *heartbeat) run(ctx context.Context) {
	pace := min(progressEvery, h.every)
	wait, written, last := pace, int64(0), h.now()
	var failing int // beats failed in a row
	var since time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.after(wait):
		}
		n := h.rows.Load()
		if failing == 0 && n == written && h.now().Sub(last) < h.every {
			continue
		}
		err := h.beat(ctx, n)
		switch {
		case errors.Is(err, store.ErrJobLost):
			h.lost.Store(true)
			h.cancel()
			return
		case err != nil && ctx.Err() == nil:
			if failing == 0 {
				since = h.now()
				h.log.Warn("import job heartbeat failing; retrying less often until it recovers", slog.Int64("job", h.job),
					slog.Any("err", err))
			}
			failing++
			wait = min(2*wait, h.every) // pace is at most every
		case err == nil:
			if failing > 0 {
				h.log.Info("import job heartbeat recovered", slog.Int64("job", h.job), slog.Int("failed_beats", failing),
					slog.Duration("failing_for", h.now().Sub(since)))
			}
			failing, wait, written, last = 0, pace, n, h.now()
		}
	}
}

// beat writes one heartbeat. It may wait behind SQLite's write lock while
// a load holds it; it gives up after every rather than queue more.
func (h *heartbeat) beat(ctx context.Context, rows int64) error {
	bctx, stop := context.WithTimeout(ctx, h.every)
	defer stop()
	return h.store.Heartbeat(bctx, h.job, h.owner, int(rows))
}

// countingReader counts the valid rows a reader hands on, for progress.
type countingReader struct {
	ingest.Reader
	rows *counter
}

func (c countingReader) Read(ctx context.Context, path string, spec importers.Spec, sink func(importers.Record) error) (*importers.Result, error) {
	return c.Reader.Read(ctx, path, spec, func(rec importers.Record) error {
		c.rows.Add(1)
		return sink(rec)
	})
}
