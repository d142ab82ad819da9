package store_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// Neither database checks the loader's links row by row (SQLite loads with
// foreign keys off; PostgreSQL's were dropped, migration 0040), so Commit
// checks them once: a link broken inside the load refuses it, and every
// table stays as it was.
func TestLoadRefusesBrokenLinks(t *testing.T) {
	// loadRow(i) has source row i+5, i%3 use areas and i%2 barriers.
	tests := []struct {
		name, breaks, table string
	}{
		{"response without its firm", "UPDATE responses SET firm_id = firm_id + 1000000 WHERE source_row = 9", "responses"},
		{"response in another wave than its import", "UPDATE responses SET wave_id = wave_id + 1000 WHERE source_row = 10", "responses"},
		{"response of a missing import", "UPDATE responses SET import_id = import_id + 1000 WHERE source_row = 6", "responses"},
		{"use areas without their response", "DELETE FROM responses WHERE source_row = 7", "response_use_areas"},
		{"barrier without its response", "DELETE FROM responses WHERE source_row = 8", "response_barriers"},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		seed(t, s)
		before := snapshot(t, s)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				l := begin(t, s, "W2", fmt.Sprint("broken-", i), false, 3)
				defer l.Rollback()
				for k := 0; k < 6; k++ { // two full batches: every row is written
					if err := l.Add(loadRow(k, fmt.Sprintf("30000000%02d", k))); err != nil {
						t.Fatal(err)
					}
				}
				if err := l.ExecForTest(tt.breaks); err != nil {
					t.Fatalf("breaking the load: %v", err)
				}
				_, err := l.Commit(model.Import{Rows: 7, Valid: 7}, nil)
				if !errors.Is(err, store.ErrBrokenLinks) || !strings.Contains(err.Error(), tt.table) {
					t.Fatalf("Commit = %v, want ErrBrokenLinks naming %s", err, tt.table)
				}
				sameSnapshot(t, tt.name, before, snapshot(t, s))
			})
		}
	})
}
