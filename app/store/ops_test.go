package store_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestMigrationsState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		files, err := filepath.Glob("migrations/*.sql")
		if err != nil || len(files) == 0 {
			t.Fatalf("migrations: %v %v", files, err)
		}
		st, err := s.Ops.Migrations(ctx)
		if err != nil || st.Applied != len(files) || len(st.Pending) != 0 {
			t.Fatalf("migrated store: %+v %v, want %d applied", st, err, len(files))
		}
		last := filepath.Base(files[len(files)-1])
		if err := store.DBForTest(s).Exec("DELETE FROM schema_migrations WHERE version = ?", latestMigration(t)).Error; err != nil {
			t.Fatal(err)
		}
		st, err = s.Ops.Migrations(ctx)
		if err != nil || st.Applied != len(files)-1 || len(st.Pending) != 1 || st.Pending[0] != last {
			t.Errorf("missing the last migration: %+v %v, want %s pending", st, err, last)
		}
	})
}

func TestMigrationsOfAnEmptyDatabase(t *testing.T) {
	s, err := store.Open(context.Background(), configs.DatabaseConfig{DataDir: t.TempDir()}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Ops.Migrations(context.Background())
	if err != nil || st.Applied != 0 || len(st.Pending) == 0 {
		t.Errorf("never migrated: %+v %v, want every migration pending", st, err)
	}
}

func TestPoolAndTimeoutConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     func(t *testing.T) configs.DatabaseConfig
		query   string
		want    string
		dialect string
	}{
		{"postgres statement_timeout", func(t *testing.T) configs.DatabaseConfig {
			return configs.DatabaseConfig{URL: storetest.PostgresURL(t), StatementTimeout: 1500 * time.Millisecond}
		}, "SHOW statement_timeout", "1500ms", store.DialectPostgres},
		{"postgres url wins", func(t *testing.T) configs.DatabaseConfig {
			return configs.DatabaseConfig{URL: storetest.PostgresURL(t) + "&statement_timeout=7s", StatementTimeout: time.Second}
		}, "SHOW statement_timeout", "7s", store.DialectPostgres},
		{"postgres none", func(t *testing.T) configs.DatabaseConfig {
			return configs.DatabaseConfig{URL: storetest.PostgresURL(t)}
		}, "SHOW statement_timeout", "0", store.DialectPostgres},
		{"sqlite busy_timeout", func(t *testing.T) configs.DatabaseConfig {
			return configs.DatabaseConfig{DataDir: t.TempDir(), StatementTimeout: 2500 * time.Millisecond}
		}, "PRAGMA busy_timeout", "2500", store.DialectSQLite},
		{"sqlite default wait", func(t *testing.T) configs.DatabaseConfig {
			return configs.DatabaseConfig{DataDir: t.TempDir()}
		}, "PRAGMA busy_timeout", "10000", store.DialectSQLite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg(t)
			cfg.MaxOpenConns, cfg.MaxIdleConns, cfg.ConnMaxLifetime = 3, 2, time.Minute
			s, err := store.Open(context.Background(), cfg, quietLog())
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var got string
			if err := store.DBForTest(s).Raw(tt.query).Scan(&got).Error; err != nil || got != tt.want {
				t.Errorf("%s = %q, %v; want %q", tt.query, got, err, tt.want)
			}
			if s.Ops.Dialect() != tt.dialect || s.Ops.Stats().MaxOpenConnections != 3 {
				t.Errorf("dialect %s, pool bound %d; want %s, 3", s.Ops.Dialect(), s.Ops.Stats().MaxOpenConnections, tt.dialect)
			}
		})
	}
}

// A statement that outlasts the timeout is cancelled by the server, and
// migrations, which may build big indexes, are exempt.
func TestStatementTimeoutCancels(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, configs.DatabaseConfig{URL: storetest.PostgresURL(t), StatementTimeout: 200 * time.Millisecond}, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ops.Migrate(ctx); err != nil {
		t.Fatalf("migrate under a statement timeout: %v", err)
	}
	err = store.DBForTest(s).Exec("SELECT pg_sleep(2)").Error
	if err == nil || !strings.Contains(err.Error(), "statement timeout") {
		t.Errorf("pg_sleep(2) under a 200ms timeout: %v", err)
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	t.Run(store.DialectSQLite, func(t *testing.T) {
		s := storetest.SQLite(t)
		if _, err := commit(t, s, "W", "sha-w", []model.FirmResponse{resp("11", "C", 5, "도입", 1, 0, 0, 0), resp("26", "J", 20, "검토", 1, 0, 0, 0), resp("11", "C", 8, "확산", 2, 0, 0, 0)}, false); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "copy", "axdash.db")
		if err := os.MkdirAll(filepath.Dir(out), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := s.Ops.Backup(ctx, out); err != nil {
			t.Fatal(err)
		}
		if err := s.Ops.Backup(ctx, out); err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("second backup over the first: %v, want a refusal", err)
		}
		copyStore, err := store.Open(ctx, configs.DatabaseConfig{DataDir: filepath.Dir(out)}, quietLog())
		if err != nil {
			t.Fatal(err)
		}
		defer copyStore.Close()
		w, err := copyStore.Surveys.WaveByName(ctx, "W")
		if err != nil {
			t.Fatalf("the copy lacks the wave: %v", err)
		}
		states, err := copyStore.Surveys.WaveStates(ctx)
		if err != nil || len(states) != 1 || states[0].ID != w.ID || states[0].Responses != 3 {
			t.Errorf("copy's waves = %+v, %v; want W with 3 responses", states, err)
		}
	})
	t.Run(store.DialectPostgres, func(t *testing.T) {
		s := storetest.Postgres(t)
		if err := s.Ops.Backup(ctx, filepath.Join(t.TempDir(), "x.db")); !errors.Is(err, store.ErrBackupPostgres) {
			t.Errorf("backup of PostgreSQL = %v, want ErrBackupPostgres", err)
		}
	})
}
