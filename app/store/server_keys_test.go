package store_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestServerKey: processes sharing one database, asking at once, all get
// the same 32-byte key, and keep getting it; another name is another key.
func TestServerKey(t *testing.T) {
	storetest.EachShared(t, 3, func(t *testing.T, stores []*store.DB) {
		ctx := context.Background()
		keys := make([][]byte, len(stores))
		errs := make([]error, len(stores))
		var wg sync.WaitGroup
		for i, s := range stores {
			wg.Go(func() { keys[i], errs[i] = s.Accounts.ServerKey(ctx, "csrf", t0) })
		}
		wg.Wait()
		for i := range stores {
			if errs[i] != nil {
				t.Fatalf("store %d: %v", i, errs[i])
			}
			if len(keys[i]) != 32 || !bytes.Equal(keys[i], keys[0]) {
				t.Errorf("store %d: key %x, store 0: %x", i, keys[i], keys[0])
			}
		}
		tests := []struct {
			name string
			same bool
		}{
			{"csrf", true},
			{"other", false},
		}
		for _, tt := range tests {
			got, err := stores[1].Accounts.ServerKey(ctx, tt.name, t0)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(got, keys[0]) != tt.same || len(got) != 32 {
				t.Errorf("%s: key %x, csrf key %x, want same=%v", tt.name, got, keys[0], tt.same)
			}
		}
	})
}
