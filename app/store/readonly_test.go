package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// A read-only store runs no migrations: it accepts a database at exactly
// the binary's schema and refuses one behind or ahead, naming both
// versions.
func TestCheckSchema(t *testing.T) {
	latest, err := store.LatestSchemaVersion()
	if err != nil || latest == 0 {
		t.Fatalf("LatestSchemaVersion = %d, %v", latest, err)
	}
	tests := []struct {
		name   string
		change string // run on the migrated database; %d is the latest version
		have   int    // the version the message names; -1: no refusal
	}{
		{"current", "", -1},
		{"behind", "DELETE FROM schema_migrations WHERE version = %d", 0},
		{"never migrated", "DROP TABLE schema_migrations", 0},
		{"ahead", "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%d + 1, 'future.sql', CURRENT_TIMESTAMP)", latest + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.DB) {
				ctx := context.Background()
				if tt.change != "" {
					if err := store.DBForTest(s).Exec(strings.ReplaceAll(tt.change, "%d", fmt.Sprint(latest))).Error; err != nil {
						t.Fatal(err)
					}
				}
				have := tt.have
				if tt.name == "behind" { // what is left below the dropped row
					if have, err = s.Ops.SchemaVersion(ctx); err != nil || have >= latest {
						t.Fatalf("after dropping %d the schema is at %d (%v)", latest, have, err)
					}
				}
				err := s.Ops.CheckSchema(ctx)
				if tt.have < 0 {
					if err != nil {
						t.Fatalf("CheckSchema on the current schema: %v", err)
					}
					return
				}
				if !errors.Is(err, store.ErrSchemaMismatch) {
					t.Fatalf("CheckSchema = %v, want ErrSchemaMismatch", err)
				}
				for _, v := range []int{have, latest} {
					if !strings.Contains(err.Error(), fmt.Sprintf("버전 %d", v)) || !strings.Contains(err.Error(), fmt.Sprint(v)) {
						t.Errorf("refusal does not name version %d: %v", v, err)
					}
				}
			})
		})
	}
}

// A read-only store serves what the primary built and writes nothing: a
// stale cube is not repaired on the read path (the write would fail on a
// standby), and every write through it fails in the database.
func TestReadOnlyStore(t *testing.T) {
	storetest.EachReadOnly(t, func(t *testing.T, rw, ro *store.DB) {
		ctx := context.Background()
		imp := loadN(t, rw, "2026-H1", "ro", 6, false)
		states, err := ro.Surveys.WaveStates(ctx)
		if err != nil || len(states) != 1 || states[0].Responses != 6 || states[0].Version != imp.ID {
			t.Fatalf("read-only WaveStates = %+v, %v; want one wave of 6 at version %d", states, err, imp.ID)
		}
		f := model.Filter{WaveID: states[0].ID}
		before, err := cubes(t, ro).CellTotal(ctx, f)
		if err != nil || before.N != 6 {
			t.Fatalf("read-only CellTotal = %+v, %v", before, err)
		}
		// The cube's version row gone: no store repairs it on a read.
		if err := store.DBForTest(rw).Exec("DELETE FROM rollup_waves").Error; err != nil {
			t.Fatal(err)
		}
		if _, err := ro.Surveys.WaveStates(ctx); err != nil {
			t.Fatalf("read-only WaveStates on a stale cube: %v", err)
		}
		if _, err := cubes(t, ro).CellTotal(ctx, f); err != nil {
			t.Fatalf("read-only CellTotal on a stale cube: %v", err)
		}
		var rolled int64
		if err := store.DBForTest(rw).Raw("SELECT COUNT(*) FROM rollup_waves").Scan(&rolled).Error; err != nil || rolled != 0 {
			t.Fatalf("rollup_waves rows after read-only reads = %d (%v), want 0: the read path repaired", rolled, err)
		}
		checkWritesFail(t, ro)
	})
}

// checkWritesFail tries the writes a server's read path used to make, and
// a load, through a read-only store.
func checkWritesFail(t *testing.T, ro *store.DB) {
	t.Helper()
	ctx, now := context.Background(), time.Now()
	lim := store.SessionLimits{Idle: time.Hour, MaxAge: time.Hour}
	writes := []struct {
		name string
		do   func() error
	}{
		{"server key", func() error { _, err := ro.Accounts.ServerKey(ctx, "csrf", now); return err }},
		{"session", func() error { return ro.Accounts.CreateSession(ctx, "hash", 1, lim, now) }},
		{"commit", func() error {
			_, err := commit(t, ro, "w", "sha", []model.FirmResponse{loadRow(1, "")}, false)
			return err
		}},
	}
	for _, w := range writes {
		if err := w.do(); err == nil {
			t.Errorf("%s through a read-only store succeeded", w.name)
		}
	}
}
