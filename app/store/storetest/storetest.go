// Package storetest gives each test a fresh, migrated database: always an
// SQLite file in the test's temp folder, and a PostgreSQL schema of its own
// when AXDASH_TEST_DATABASE_URL is set (required when AXDASH_REQUIRE_POSTGRES=1).
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"axdash/app/store"
	"axdash/configs"
)

// Each runs fn once per available database, as subtests named by dialect.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run(store.DialectSQLite, func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run(store.DialectPostgres, func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a migrated SQLite store in t.TempDir().
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	return open(t, configs.DatabaseConfig{DataDir: t.TempDir(), MaxOpenConns: 4})
}

// Postgres opens a migrated store in a fresh schema of the test database,
// dropped when the test ends. It skips when no database is configured,
// unless AXDASH_REQUIRE_POSTGRES=1.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	return open(t, configs.DatabaseConfig{URL: PostgresURL(t), MaxOpenConns: 4})
}

// PostgresURL creates a fresh schema in the test database and returns a URL
// whose search_path points at it; the schema is dropped when the test ends.
// It skips when no database is configured, unless AXDASH_REQUIRE_POSTGRES=1.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("AXDASH_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("AXDASH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("AXDASH_REQUIRE_POSTGRES=1 but AXDASH_TEST_DATABASE_URL is not set")
		}
		t.Skip("PostgreSQL not configured (set AXDASH_TEST_DATABASE_URL)")
	}
	schema := "t_" + randomHex(t)
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("storetest: connect %s: %v", redact(base), err)
	}
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("storetest: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if sqlDB, err := admin.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return WithSearchPath(t, base, schema)
}

// WithSearchPath returns the URL with its search_path set to schema.
func WithSearchPath(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("storetest: parse database url: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, cfg configs.DatabaseConfig) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("storetest: migrate: %v", err)
	}
	return s
}

func randomHex(t testing.TB) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("storetest: random: %v", err)
	}
	return hex.EncodeToString(b)
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable url)"
	}
	return u.Redacted()
}

// EachShared runs fn once per available database with n stores open on one
// fresh database, each with its own connection pool: n axdash processes.
func EachShared(t *testing.T, n int, fn func(t *testing.T, stores []*store.Store)) {
	t.Helper()
	t.Run(store.DialectSQLite, func(t *testing.T) {
		dir := t.TempDir()
		fn(t, openN(t, n, configs.DatabaseConfig{DataDir: dir, MaxOpenConns: 4}))
	})
	t.Run(store.DialectPostgres, func(t *testing.T) {
		fn(t, openN(t, n, configs.DatabaseConfig{URL: PostgresURL(t), MaxOpenConns: 4}))
	})
}

func openN(t *testing.T, n int, cfg configs.DatabaseConfig) []*store.Store {
	t.Helper()
	out := make([]*store.Store, n)
	for i := range out {
		out[i] = open(t, cfg)
	}
	return out
}
