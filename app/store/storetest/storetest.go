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
	"path/filepath"
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/configs"
)

// Each runs fn once per available database, as subtests named by dialect.
func Each(t *testing.T, fn func(t *testing.T, s *store.DB)) {
	t.Helper()
	t.Run(store.DialectSQLite, func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run(store.DialectPostgres, func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a migrated SQLite store in t.TempDir().
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	return open(t, configs.DatabaseConfig{DataDir: t.TempDir(), MaxOpenConns: 4})
}

// Postgres opens a migrated store in a fresh schema of the test database,
// dropped when the test ends. It skips when no database is configured,
// unless AXDASH_REQUIRE_POSTGRES=1.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	return open(t, configs.DatabaseConfig{URL: PostgresURL(t), MaxOpenConns: 4})
}

// PostgresURL creates a fresh schema in the test database and returns a URL
// whose search_path points at it; the schema is dropped when the test ends.
// It skips when no database is configured, unless AXDASH_REQUIRE_POSTGRES=1.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := testURL(t)
	schema := "t_" + randomHex(t)
	admin := adminDB(t, base)
	sharedExtensions(admin)
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

// sharedExtensions installs the extensions the migrations use (pg_trgm,
// migration 0180) once in the test database's public schema. Otherwise
// the first test schema to migrate would hold the extension, the other
// schemas' indexes would depend on it, and dropping that schema when its
// test ends would cascade into tables other tests are using (PostgreSQL
// reports the lock cycle as a deadlock). Concurrent tests take turns on an
// advisory lock; a database that refuses the extension leaves the
// migrations to their fallback, which has its own test.
func sharedExtensions(admin *gorm.DB) {
	_ = admin.Connection(func(c *gorm.DB) error {
		if err := c.Exec("SELECT pg_advisory_lock(hashtext('axdash storetest extensions'))").Error; err != nil {
			return err
		}
		defer c.Exec("SELECT pg_advisory_unlock(hashtext('axdash storetest extensions'))")
		return c.Exec("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").Error
	})
}

// Kept opens a migrated store on a named schema of the test database that
// outlives the test: a fixture too slow to build every run (the scale
// benchmark's million responses). fresh drops the schema first.
func Kept(t testing.TB, schema string, fresh bool) *store.DB {
	t.Helper()
	base := testURL(t)
	admin := adminDB(t, base)
	if sqlDB, err := admin.DB(); err == nil {
		defer sqlDB.Close()
	}
	sharedExtensions(admin)
	if fresh {
		if err := admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE").Error; err != nil {
			t.Fatalf("storetest: drop schema: %v", err)
		}
	}
	if err := admin.Exec("CREATE SCHEMA IF NOT EXISTS " + schema).Error; err != nil {
		t.Fatalf("storetest: create schema: %v", err)
	}
	return open(t, configs.DatabaseConfig{URL: WithSearchPath(t, base, schema), MaxOpenConns: 10, MaxIdleConns: 10})
}

// testURL is AXDASH_TEST_DATABASE_URL; without it the test skips, or fails
// when AXDASH_REQUIRE_POSTGRES=1.
func testURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("AXDASH_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("AXDASH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("AXDASH_REQUIRE_POSTGRES=1 but AXDASH_TEST_DATABASE_URL is not set")
		}
		t.Skip("PostgreSQL not configured (set AXDASH_TEST_DATABASE_URL)")
	}
	return base
}

// adminDB connects to the test database itself, for schema DDL.
func adminDB(t testing.TB, base string) *gorm.DB {
	t.Helper()
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("storetest: connect %s: %v", redact(base), err)
	}
	return admin
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

func open(t testing.TB, cfg configs.DatabaseConfig) *store.DB {
	t.Helper()
	return OpenLogged(t, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// OpenLogged opens and migrates a store of its own on cfg that logs to
// log, as a process would (several may share one database); it is closed
// when the test ends.
func OpenLogged(t testing.TB, cfg configs.DatabaseConfig, log *slog.Logger) *store.DB {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, cfg, log)
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Ops.Migrate(ctx); err != nil {
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
func EachShared(t *testing.T, n int, fn func(t *testing.T, stores []*store.DB)) {
	t.Helper()
	t.Run(store.DialectSQLite, func(t *testing.T) {
		dir := t.TempDir()
		fn(t, openN(t, n, configs.DatabaseConfig{DataDir: dir, MaxOpenConns: 4}))
	})
	t.Run(store.DialectPostgres, func(t *testing.T) {
		fn(t, openN(t, n, configs.DatabaseConfig{URL: PostgresURL(t), MaxOpenConns: 4}))
	})
}

func openN(t *testing.T, n int, cfg configs.DatabaseConfig) []*store.DB {
	t.Helper()
	out := make([]*store.DB, n)
	for i := range out {
		out[i] = open(t, cfg)
	}
	return out
}

// Rows are n valid responses of one firm kind, for tests that need a load
// but not particular answers.
func Rows(n int) []model.FirmResponse {
	rows := make([]model.FirmResponse, n)
	for i := range rows {
		rows[i] = model.FirmResponse{Response: model.Response{FirmName: "기업", Region: "11", Industry: "C",
			Employees: 12, SizeBand: "10-49", Stage: "도입", Weight: 1}}
	}
	return rows
}

// Admin is an admin account's actor, who may commit or cancel any import
// job: for tests about the job's life rather than who may move it.
func Admin() model.Actor {
	id := int64(1)
	return model.Actor{UserID: &id, Login: "admin", Admin: true}
}

// Exec runs one statement on the database behind cfg, outside the store:
// for a test to break what the store never would (a migration row gone).
func Exec(t testing.TB, cfg configs.DatabaseConfig, q string) {
	t.Helper()
	dial := sqlite.Open(filepath.Join(cfg.DataDir, "axdash.db"))
	if cfg.URL != "" {
		dial = postgres.Open(cfg.URL)
	}
	db, err := gorm.Open(dial, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := db.DB(); err == nil {
		defer sqlDB.Close()
	}
	if err := db.Exec(q).Error; err != nil {
		t.Fatal(err)
	}
}
