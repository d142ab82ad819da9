package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// reader counts a wave's responses through the ordinary Store, over and
// over, until stopped, and remembers every count it saw.
type reader struct {
	reads atomic.Int64
	stop  chan struct{}
	done  chan map[int64]int
	err   atomic.Value
}

func startReader(ctx context.Context, s *store.DB, wave string) *reader {
	r := &reader{stop: make(chan struct{}), done: make(chan map[int64]int, 1)}
	go func() {
		seen := map[int64]int{}
		defer func() { r.done <- seen }()
		for {
			select {
			case <-r.stop:
				return
			default:
			}
			waves, err := s.Surveys.Waves(ctx)
			if err != nil {
				r.err.Store(err)
				return
			}
			for _, w := range waves {
				if w.Name == wave {
					seen[w.Responses]++
				}
			}
			r.reads.Add(1)
		}
	}()
	return r
}

// await returns once the reader has finished two more reads, so that at
// least one of them began after the call: the test waits for events, never
// for a length of time (the context only bounds a hang).
func (r *reader) await(t *testing.T, ctx context.Context) {
	t.Helper()
	target := r.reads.Load() + 2
	for r.reads.Load() < target {
		if err, _ := r.err.Load().(error); err != nil {
			t.Fatalf("reader: %v", err)
		}
		if ctx.Err() != nil {
			t.Fatal("reader made no progress")
		}
		time.Sleep(100 * time.Microsecond)
	}
}

func TestReplaceIsAtomicForReaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		const oldN, newM, batch = 30, 70, 10
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		loadN(t, s, "W", "old", oldN, false)
		r := startReader(ctx, s, "W")
		defer func() {
			select {
			case <-r.stop:
			default:
				close(r.stop)
			}
		}()
		r.await(t, ctx)

		l := begin(t, s, "W", "new", true, batch)
		defer l.Rollback()
		for i := 0; i < newM; i++ {
			if err := l.Add(loadRow(i, "")); err != nil {
				t.Fatal(err)
			}
			if (i+1)%batch == 0 {
				r.await(t, ctx) // the reader looks at every written batch
			}
		}
		if _, err := l.Commit(model.Import{Rows: newM, Valid: newM}, nil); err != nil {
			t.Fatal(err)
		}
		r.await(t, ctx)
		close(r.stop)
		seen := <-r.done
		for n, times := range seen {
			if n != oldN && n != newM {
				t.Errorf("a reader saw %d responses (%d times); only %d or %d may be seen", n, times, oldN, newM)
			}
		}
		if seen[oldN] == 0 || seen[newM] == 0 {
			t.Errorf("reader saw %v; want both the old wave (%d) and the new (%d)", seen, oldN, newM)
		}
	})
}

// Two loads at once queue rather than fail or race: both new to the same
// business number, they still end with one firm.
func TestConcurrentLoadsQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		const no = "1000000009"
		a := begin(t, s, "A", "a", false, 2)
		defer a.Rollback()
		for i := 0; i < 4; i++ {
			if err := a.Add(loadRow(i, no)); err != nil {
				t.Fatal(err)
			}
		}
		errB := make(chan error, 1)
		go func() {
			imp, err := s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: "B",
				Import: model.Import{SHA256: "b"}, Rows: []model.FirmResponse{loadRow(0, no), loadRow(1, no)}})
			if err == nil && imp.Stored != 2 {
				err = fmt.Errorf("stored %d, want 2", imp.Stored)
			}
			errB <- err
		}()
		// Give B time to reach its lock while A is open. The outcome must be
		// the same whether or not it did, so nothing below depends on it.
		time.Sleep(50 * time.Millisecond)
		if _, err := a.Commit(model.Import{}, nil); err != nil {
			t.Fatal(err)
		}
		if err := <-errB; err != nil {
			t.Fatalf("second load: %v", err)
		}
		if r, f := firmStat(t, s, ptr(no)); r != 6 || f != 1 {
			t.Errorf("%d responses over %d firms; want 6 over 1", r, f)
		}
	})
}

// A load whose context ends stops at its next write, leaves nothing behind
// and does not leak its connection: later loads still work.
func TestLoadCancelled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		seed(t, s)
		before := snapshot(t, s)
		for k := 0; k < 6; k++ { // more than the pool's connections
			ctx, cancel := context.WithCancel(context.Background())
			l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: "W", Replace: true, Batch: 2,
				Import: model.Import{SHA256: fmt.Sprintf("cancel-%d", k)}})
			if err != nil {
				t.Fatal(err)
			}
			err = addCancelling(l, 10, 3, cancel)
			cancel()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Add after the context ended: %v; want context.Canceled", err)
			}
			_ = l.Rollback()
			sameSnapshot(t, "cancelled load", before, snapshot(t, s))
		}
		loadN(t, s, "W", "after", 3, true)
	})
}

// addCancelling adds rows 0..n-1 to l, calling cancel before row at, and
// returns the first error.
func addCancelling(l *store.Load, n, at int, cancel context.CancelFunc) error {
	var err error
	for i := 0; i < n && err == nil; i++ {
		if i == at {
			cancel()
		}
		err = l.Add(loadRow(i, ""))
	}
	return err
}
