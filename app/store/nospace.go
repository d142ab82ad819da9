package store

import (
	"errors"
	"fmt"
	"syscall"

	sqlitedrv "github.com/glebarez/go-sqlite"
	"github.com/jackc/pgx/v5/pgconn"

	"axdash/app/model"
)

// Codes of a full disk: SQLite's primary result code SQLITE_FULL (its
// extended codes keep it in the low byte) and PostgreSQL's SQLSTATE
// disk_full.
const (
	sqliteFull       = 13
	postgresDiskFull = "53100"
)

// NoSpace is the one place that recognises a full disk: err marked
// model.ErrDatabaseFull when the database said so (SQLite's SQLITE_FULL,
// PostgreSQL's 53100), model.ErrTempFull for ENOSPC from a file write (the
// temp area's disk), and err unchanged otherwise (nil included).
func NoSpace(err error) error {
	var se *sqlitedrv.Error
	var pe *pgconn.PgError
	switch {
	case err == nil || errors.Is(err, model.ErrNoSpace):
		return err
	case errors.As(err, &se) && se.Code()&0xff == sqliteFull,
		errors.As(err, &pe) && pe.Code == postgresDiskFull:
		return fmt.Errorf("%w: %w", model.ErrDatabaseFull, err)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w: %w", model.ErrTempFull, err)
	}
	return err
}
