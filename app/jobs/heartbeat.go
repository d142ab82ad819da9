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
}

func (h *heartbeat) run(ctx context.Context) {
	tick := time.NewTicker(min(progressEvery, h.every))
	defer tick.Stop()
	written, last := int64(0), time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		n := h.rows.Load()
		if n == written && time.Since(last) < h.every {
			continue
		}
		// A beat may wait behind SQLite's write lock while a load holds
		// it; give up on this one rather than queue more.
		bctx, stop := context.WithTimeout(ctx, h.every)
		err := h.store.Heartbeat(bctx, h.job, h.owner, int(n))
		stop()
		switch {
		case errors.Is(err, store.ErrJobLost):
			h.lost.Store(true)
			h.cancel()
			return
		case err != nil && ctx.Err() == nil:
			h.log.Warn("import job heartbeat", slog.Int64("job", h.job), slog.Any("err", err))
		case err == nil:
			written, last = n, time.Now()
		}
	}
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
