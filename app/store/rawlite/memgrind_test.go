//go:build libc.memgrind

package rawlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"modernc.org/libc"

	"axdash/app/store/rawlite"
)

// With -tags libc.memgrind, libc checks every free and each TLS's stack
// balance, and reports C memory still allocated: connections opened, used
// (texts regrowing the buffer, errors, interrupts) and closed, or failing to
// open, leave none behind.
func TestNoCMemoryLeft(t *testing.T) {
	path, _ := newDB(t)
	missing := filepath.Join(t.TempDir(), "missing.db")
	round := func(i int) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if c, err := rawlite.Open(ctx, missing, 0); err == nil {
			_ = c.Close()
			t.Fatal("opened a missing file")
		}
		c, err := rawlite.Open(ctx, path, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		st, err := c.Prepare("INSERT INTO t (k, v) VALUES (?, ?)")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 600, 3, 5000} {
			if err := st.Exec(strings.Repeat("k", n), []byte(strings.Repeat("v", n))); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.Prepare("SELECT nothing FROM nowhere"); err == nil {
			t.Fatal("prepared a bad query")
		}
		if i%2 == 0 {
			cancel()
			_ = st.Exec("x", 1)
		}
		_ = c.Close()
		_ = c.Close()
	}
	round(0) // SQLite's own one-time set-up is not a leak
	libc.MemAuditStart()
	for i := 1; i <= 200; i++ {
		round(i)
	}
	if err := libc.MemAuditReport(); err != nil {
		t.Error(err)
	}
}
