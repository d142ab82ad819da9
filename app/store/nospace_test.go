package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	_ "github.com/glebarez/go-sqlite" // the driver "sqlite", for a real SQLITE_FULL
	"github.com/jackc/pgx/v5/pgconn"

	"axdash/app/model"
	"axdash/app/store"
)

// sqliteFull is a real error of the SQLite driver for a full database: a
// page limit stands for the disk.
func sqliteFull(t *testing.T) error {
	t.Helper()
	err := sqliteAnswer(t, "PRAGMA max_page_count = 3; CREATE TABLE t (b BLOB)", "INSERT INTO t VALUES (?)", make([]byte, 64<<10))
	if err == nil {
		t.Fatal("the insert over the page limit succeeded")
	}
	return err
}

func sqliteSyntax(t *testing.T) error {
	t.Helper()
	return sqliteAnswer(t, "", "SELEC 1")
}

// sqliteAnswer is what the SQLite driver answers stmt on a fresh in-memory
// database after setup ("" for none) succeeded on the same connection.
func sqliteAnswer(t *testing.T, setup, stmt string, args ...any) error {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // each connection of :memory: is a database of its own
	if setup != "" {
		if _, err := db.Exec(setup); err != nil {
			t.Fatal(err)
		}
	}
	_, err = db.Exec(stmt, args...)
	return err
}

// TestNoSpace: the full-disk errors of both databases and of the file
// system are marked with where space ran out; nothing else is.
func TestNoSpace(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want error // nil: not a full disk
	}{
		{"nil", nil, nil},
		{"another error", errors.New("connection refused"), nil},
		{"ENOSPC writing a file", fmt.Errorf("web: write upload temp file: %w",
			&os.PathError{Op: "write", Path: "/data/tmp/x", Err: syscall.ENOSPC}), model.ErrTempFull},
		{"PostgreSQL disk_full", fmt.Errorf("store: load: %w", &pgconn.PgError{Code: "53100", Message: "could not extend file"}),
			model.ErrDatabaseFull},
		{"PostgreSQL unique violation", &pgconn.PgError{Code: "23505"}, nil},
		{"SQLite full", fmt.Errorf("store: create import job: %w", sqliteFull(t)), model.ErrDatabaseFull},
		{"SQLite syntax error", sqliteSyntax(t), nil},
		{"already marked", fmt.Errorf("%w: x", model.ErrTempFull), model.ErrTempFull},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := store.NoSpace(tc.err)
			if !errors.Is(got, tc.err) {
				t.Errorf("NoSpace(%v) = %v lost the cause", tc.err, got)
			}
			if tc.want == nil {
				if errors.Is(got, model.ErrNoSpace) || model.NoSpaceMessage(got) != "" {
					t.Errorf("NoSpace(%v) = %v, a full disk", tc.err, got)
				}
				return
			}
			if !errors.Is(got, tc.want) || strings.Count(got.Error(), "no space left:") > 1 {
				t.Errorf("NoSpace(%v) = %v, want %v once", tc.err, got, tc.want)
			}
			if model.NoSpaceMessage(got) != model.NoSpaceMessage(tc.want) || model.NoSpaceMessage(got) == "" {
				t.Errorf("message %q", model.NoSpaceMessage(got))
			}
		})
	}
}
