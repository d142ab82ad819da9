package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// cancelOnRead ends a context when read: the load's original file is read
// during Commit, after its last check of the context and before COMMIT,
// while no statement runs. The pause lets whatever watches the context act
// then, as it would when a request ends between two statements.
type cancelOnRead struct {
	r      io.Reader
	cancel context.CancelFunc
}

func (c cancelOnRead) Read(p []byte) (int, error) {
	c.cancel()
	time.Sleep(20 * time.Millisecond)
	return c.r.Read(p)
}

// A context that ends while Commit runs stops it: nothing is stored and
// the error says the context was cancelled. (SQLite forgets an interrupt
// that comes between two statements; the load went on and committed.)
func TestLoadCancelledDuringCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		seed(t, s)
		before := snapshot(t, s)
		content := []byte("a workbook cancelled while kept")
		sum := sha256.Sum256(content)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: "W2", Batch: 2,
			Import: model.Import{FileName: "c.xlsx", Format: "xlsx", SHA256: hex.EncodeToString(sum[:])}})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 4; i++ { // two full batches: nothing left to flush at Commit
			if err := l.Add(loadRow(i, "")); err != nil {
				t.Fatal(err)
			}
		}
		_, err = l.Commit(model.Import{Rows: 4, Valid: 4}, cancelOnRead{bytes.NewReader(content), cancel})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Commit with the context cancelled meanwhile: %v; want context.Canceled", err)
		}
		_ = l.Rollback()
		sameSnapshot(t, "load cancelled during commit", before, snapshot(t, s))
	})
}

// Loads open and close their connections: fifty of them leave no more
// open files than one did.
func TestLoadsLeaveNoOpenFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		loadN(t, s, "W", "fd-warm", 3, true)
		before := openFiles(t)
		for i := 0; i < 50; i++ {
			loadN(t, s, "W", fmt.Sprintf("fd-%d", i), 3, true)
		}
		if after := openFiles(t); after > before {
			t.Errorf("%d open files after 50 loads, %d before", after, before)
		}
	})
}

// openFiles counts the process's open files, leaving out sockets, pipes and
// other anonymous descriptors: the connection pool opens and keeps sockets
// to PostgreSQL as it sees fit (more under load or the race detector), and
// they are not what a load could leak; its files (SQLite's, temp files)
// are.
func openFiles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	n := 0
	for _, fd := range fds {
		target, err := os.Readlink("/proc/self/fd/" + fd.Name())
		if err != nil { // closed since the listing
			continue
		}
		if strings.HasPrefix(target, "/") {
			n++
		}
	}
	return n
}
