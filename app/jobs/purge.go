package jobs

import (
	"cmp"
	"context"
	"log/slog"
	"time"

	"axdash/app/store"
)

// purgeBatch bounds the files one purge transaction removes: uploads are up
// to import.max_file_bytes each, and a short transaction holds its locks
// briefly.
const purgeBatch = 20

// defaultPurgeEvery is how often a runner applies the retention rule: the
// rule counts in days, so hourly is soon enough, and each process sharing
// the database doing it costs a few index lookups.
const defaultPurgeEvery = time.Hour

// purgeLoop applies jobs.unstored_file_retention at start and then every
// PurgeEvery until ctx ends; a zero retention keeps every file.
func (r *Runner) purgeLoop(ctx context.Context) {
	if r.Config.UnstoredFileRetention <= 0 {
		return
	}
	every := cmp.Or(r.PurgeEvery, defaultPurgeEvery)
	for {
		if _, err := r.PurgeOnce(ctx); err != nil && ctx.Err() == nil {
			r.Log.Warn("import file purge", slog.Any("err", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// PurgeOnce removes the bytes of uploads no job stored whose last job ended
// more than jobs.unstored_file_retention ago, a batch per transaction until
// a batch comes back short, and logs and counts what it freed. A zero
// retention removes nothing.
func (r *Runner) PurgeOnce(ctx context.Context) (store.Purged, error) {
	if r.Config.UnstoredFileRetention <= 0 {
		return store.Purged{}, nil
	}
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	cutoff := now().Add(-r.Config.UnstoredFileRetention)
	var total store.Purged
	var err error
	for ctx.Err() == nil {
		var got store.Purged
		got, err = r.Store.PurgeUnstoredFiles(ctx, cutoff, purgeBatch)
		total.Files, total.Bytes = total.Files+got.Files, total.Bytes+got.Bytes
		if err != nil || got.Files < purgeBatch {
			break
		}
	}
	if total.Files > 0 {
		r.Log.Info("import files purged", slog.Int("files", total.Files), slog.Int64("bytes", total.Bytes),
			slog.Duration("retention", r.Config.UnstoredFileRetention))
		r.Metrics.FilesPurged(total.Files, total.Bytes)
	}
	if r.AfterPurge != nil {
		r.AfterPurge(total, err)
	}
	return total, err
}
