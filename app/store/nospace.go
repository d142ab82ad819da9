package store

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"axdash/app/model"
)

// postgresDiskFull is PostgreSQL's SQLSTATE disk_full (SQLite's is
// sqliteFull).
const postgresDiskFull = "53100"

// NoSpace is the one place that recognises a full disk: err marked
// model.ErrDatabaseFull when the database said so (SQLite's SQLITE_FULL,
// PostgreSQL's 53100), model.ErrTempFull for ENOSPC from a file write (the
// temp area's disk), and err unchanged otherwise (nil included).
func NoSpace(err error) error {
	code, _ := sqliteCode(err) // 0 without an SQLite error
	var pe *pgconn.PgError
	switch {
	case err == nil || errors.Is(err, model.ErrNoSpace):
		return err
	case code == sqliteFull, errors.As(err, &pe) && pe.Code == postgresDiskFull:
		return fmt.Errorf("%w: %w", model.ErrDatabaseFull, err)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w: %w", model.ErrTempFull, err)
	}
	return err
}
