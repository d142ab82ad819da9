package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// Two processes purging at once each take files of their own: none fails,
// none is counted twice.
func TestPurgeConcurrent(t *testing.T) {
	storetest.EachShared(t, 2, func(t *testing.T, stores []*store.DB) {
		ctx := context.Background()
		var want store.Purged
		for i := range 8 {
			job := newJob(t, stores[0], "W", fmt.Appendf(nil, "파일 %d", i))
			if err := stores[0].Jobs.CancelJob(ctx, job.ID, storetest.Admin()); err != nil {
				t.Fatal(err)
			}
			want.Files++
			want.Bytes += job.FileSize
		}
		cutoff := time.Now().Add(time.Hour)
		var mu sync.Mutex
		var total store.Purged
		var wg sync.WaitGroup
		for _, s := range stores {
			wg.Go(func() {
				for {
					got, err := s.Jobs.PurgeUnstoredFiles(ctx, cutoff, 1)
					if err != nil {
						t.Error(err)
						return
					}
					if got.Files == 0 {
						return
					}
					mu.Lock()
					total.Files, total.Bytes = total.Files+got.Files, total.Bytes+got.Bytes
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if total != want {
			t.Errorf("two purges freed %+v together, want %+v", total, want)
		}
	})
}

// An upload of the same bytes that arrives while a purge holds the file
// waits for it, then writes the bytes again: its job never points at a
// purged file (PostgreSQL, where the two run side by side).
func TestUploadDuringPurge(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	content := bytes.Repeat([]byte("경합 "), 300_000)
	old := newJob(t, s, "W", content)
	endJob(t, s, old.ID, model.JobRefused)
	var again *model.Job
	var upErr error
	done := make(chan struct{})
	store.SetAfterPurgeMarkForTest(s, func(tx *gorm.DB) {
		var purger int64
		if err := tx.Raw("SELECT pg_backend_pid()").Scan(&purger).Error; err != nil {
			t.Error(err)
			return
		}
		go func() {
			defer close(done)
			again, upErr = s.Jobs.CreateJob(ctx, store.NewJob{Wave: "W", FileName: "다시.xlsx", Size: int64(len(content)),
				SHA256: old.SHA256}, bytes.NewReader(content))
		}()
		for { // until the upload waits for this purge (or ended without waiting)
			var waiting int
			if err := store.DBForTest(s).Raw("SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))",
				purger).Scan(&waiting).Error; err != nil {
				t.Error(err)
				return
			}
			select {
			case <-done:
				t.Error("the upload did not wait for the purge holding its file")
				return
			default:
			}
			if waiting > 0 {
				return
			}
			time.Sleep(time.Millisecond)
		}
	})
	got, err := s.Jobs.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10)
	store.SetAfterPurgeMarkForTest(s, nil)
	if err != nil || got.Files != 1 {
		t.Fatalf("purge = %+v, %v", got, err)
	}
	<-done // the upload finishes once the purge committed
	if upErr != nil {
		t.Fatal(upErr)
	}
	checkPurged(t, s, "uploaded during the purge", again, false)
}

// A purge whose context ends once it marked its files (a runner stopping)
// reports context.Canceled, not an SQL error, and purges nothing.
func TestPurgeCancelled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		job := newJob(t, s, "W", []byte("멈춘 정리"))
		endJob(t, s, job.ID, model.JobRefused)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		store.SetAfterPurgeMarkForTest(s, func(tx *gorm.DB) { endedByWatcher(t, tx, cancel) })
		got, err := s.Jobs.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10)
		store.SetAfterPurgeMarkForTest(s, nil)
		if !errors.Is(err, context.Canceled) || got != (store.Purged{}) {
			t.Fatalf("cancelled purge = %+v, %v; want nothing and context.Canceled", got, err)
		}
		checkPurged(t, s, "cancelled purge", job, false)
	})
}
