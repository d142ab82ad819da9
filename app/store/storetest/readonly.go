package storetest

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"axdash/app/store"
	"axdash/configs"
)

// EachReadOnly runs fn once per available database with two stores on it:
// rw, migrated, as an internal server has it, and ro, opened as a public
// server opens it (DatabaseConfig.ReadOnly). On PostgreSQL ro connects as a
// role of its own that may only SELECT and whose transactions are read-only
// (ReadOnlyURL), the way a hot standby answers; on SQLite it opens the file
// with mode=ro.
func EachReadOnly(t *testing.T, fn func(t *testing.T, rw, ro *store.DB)) {
	t.Helper()
	t.Run(store.DialectSQLite, func(t *testing.T) {
		dir := t.TempDir()
		rw := open(t, configs.DatabaseConfig{DataDir: dir, MaxOpenConns: 4})
		fn(t, rw, OpenReadOnly(t, configs.DatabaseConfig{DataDir: dir, MaxOpenConns: 4}))
	})
	t.Run(store.DialectPostgres, func(t *testing.T) {
		rwURL := PostgresURL(t)
		rw := open(t, configs.DatabaseConfig{URL: rwURL, MaxOpenConns: 4})
		fn(t, rw, OpenReadOnly(t, configs.DatabaseConfig{URL: ReadOnlyURL(t, rwURL), MaxOpenConns: 4}))
	})
}

// OpenReadOnly opens cfg's database read-only, checking its schema instead
// of migrating it, as `serve --read-only` does; it is closed when the test
// ends.
func OpenReadOnly(t testing.TB, cfg configs.DatabaseConfig) *store.DB {
	t.Helper()
	cfg.ReadOnly = true
	ctx := context.Background()
	s, err := store.Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("storetest: open read-only: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Ops.CheckSchema(ctx); err != nil {
		t.Fatalf("storetest: read-only schema: %v", err)
	}
	return s
}

// internalTables hold what only internal servers read: accounts and their
// secrets, uploads and their jobs, and single firms' quality findings.
// docs/operations.md tells operators to withhold them from the public
// servers' role too; the public routes must work without them.
var internalTables = []string{"users", "sessions", "login_failures", "server_keys", "import_files",
	"import_file_chunks", "import_jobs", "import_job_chunks", "import_job_events", "quality_findings"}

// ReadOnlyURL creates a login role that may read the tables of rwURL's
// schema (its search_path) but internalTables and nothing else, with
// default_transaction_read_only on, and returns rwURL signed in as it. The
// schema must be migrated first: the grant covers the tables that exist.
// The role is dropped when the test ends.
func ReadOnlyURL(t testing.TB, rwURL string) string {
	t.Helper()
	u, err := url.Parse(rwURL)
	if err != nil {
		t.Fatalf("storetest: parse database url: %v", err)
	}
	schema := u.Query().Get("search_path")
	role, password := "ro_"+randomHex(t), randomHex(t)
	admin := adminDB(t, rwURL)
	t.Cleanup(func() {
		admin.Exec("DROP OWNED BY " + role)
		admin.Exec("DROP ROLE " + role)
		if sqlDB, err := admin.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	for _, q := range []string{
		"CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'",
		"GRANT USAGE ON SCHEMA " + schema + " TO " + role,
		"GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
		"REVOKE SELECT ON " + strings.Join(internalTables, ", ") + " FROM " + role,
		"ALTER ROLE " + role + " SET default_transaction_read_only = on",
	} {
		if err := admin.Exec(q).Error; err != nil {
			t.Fatalf("storetest: %s: %v", q, err)
		}
	}
	u.User = url.UserPassword(role, password)
	return u.String()
}
