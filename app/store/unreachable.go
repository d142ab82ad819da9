package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unreachable says whether err means the database could not be reached or
// did not answer in time, rather than that it answered no: a refused or
// broken connection, a server shutting down, a query or a wait for a
// pooled connection past its context's deadline, or an SQLite file that
// cannot be opened or read. Callers keep serving what they hold in memory
// and refuse what needs the database (see web's statusOf); a cancellation
// by the caller itself is not unreachability.
func Unreachable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, net.ErrClosed) {
		return true
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || pgconn.Timeout(err) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08 is connection exceptions; 57P01-57P03 a server shutting
		// down, crashed or starting.
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	// SQLite's CANTOPEN (the file or its folder is gone) and IOERR (the
	// disk failed under it).
	if code, ok := sqliteCode(err); ok && (code == sqliteIOErr || code == sqliteCantOpen) {
		return true
	}
	// pgx reports a connection it closed after a failure only in words.
	return strings.Contains(err.Error(), "conn closed")
}
