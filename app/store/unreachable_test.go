package store_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"axdash/app/store"
)

// sqliteError stands for the SQLite driver's error, which carries its
// result code.
type sqliteError int

func (e sqliteError) Error() string { return fmt.Sprintf("sqlite error %d", int(e)) }
func (e sqliteError) Code() int     { return int(e) }

func TestUnreachable(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("store: unable to read: %w", err) }
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"no error", nil, false},
		{"not found", store.ErrNotFound, false},
		{"the caller left", wrap(context.Canceled), false},
		{"past the deadline", wrap(context.DeadlineExceeded), true},
		{"refused", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), true},
		{"reset", wrap(syscall.ECONNRESET), true},
		{"cut mid-answer", wrap(io.ErrUnexpectedEOF), true},
		{"a broken pooled connection", wrap(driver.ErrBadConn), true},
		{"connection failure (08006)", wrap(&pgconn.PgError{Code: "08006"}), true},
		{"server shutting down (57P01)", wrap(&pgconn.PgError{Code: "57P01"}), true},
		{"server starting (57P03)", wrap(&pgconn.PgError{Code: "57P03"}), true},
		{"statement_timeout (57014): the server answered", wrap(&pgconn.PgError{Code: "57014"}), false},
		{"duplicate key (23505)", wrap(&pgconn.PgError{Code: "23505"}), false},
		{"SQLite cannot open its file", wrap(sqliteError(14)), true},
		{"SQLite read error (IOERR_READ)", wrap(sqliteError(10 | 1<<8)), true},
		{"SQLite constraint", wrap(sqliteError(19)), false},
		{"SQLite busy", wrap(sqliteError(5)), false},
		{"anything else", errors.New("store: syntax error"), false},
	}
	for _, tt := range tests {
		if got := store.Unreachable(tt.err); got != tt.want {
			t.Errorf("%s: Unreachable(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
