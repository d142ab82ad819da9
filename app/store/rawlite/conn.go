// Package rawlite is one connection to an SQLite file through the SQLite C
// API, as modernc.org/sqlite translates it to Go, for the bulk load.
//
// Through database/sql, the pool's driver (glebarez/go-sqlite) prepares a
// statement again on every Exec, binds each parameter by searching the
// argument list, copies every text into a fresh C allocation and starts a
// goroutine to watch the context: together about half of a load's CPU. Here
// a statement is prepared once and run per row with its values bound from
// one reused buffer, and the context is watched once per connection.
//
// A Conn is used by one goroutine at a time; only the interruption when its
// context ends comes from another.
package rawlite

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// Error is an SQLite error: its extended result code and message.
type Error struct {
	Code int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("sqlite: %s (%d)", e.Msg, e.Code) }

// Conn is an open connection.
type Conn struct {
	// ctx is Open's: SQLite forgets an interruption that comes between two
	// statements, so each run checks it first.
	ctx   context.Context
	tls   *libc.TLS
	db    uintptr
	stop  func() bool        // ends the context watch
	stmts map[*Stmt]struct{} // open statements, finalised by Close

	mu   sync.Mutex // held while interrupting, so that Close cannot free db meanwhile
	itls *libc.TLS  // the interrupter's own thread state
}

// Open connects to the existing database file at path. A lock held by
// another connection is waited for up to busy. When ctx ends, the running
// statement (and every later one) fails with SQLITE_INTERRUPT.
func Open(ctx context.Context, path string, busy time.Duration) (*Conn, error) {
	c := &Conn{ctx: ctx, tls: libc.NewTLS(), itls: libc.NewTLS(), stmts: map[*Stmt]struct{}{}}
	if rc, err := c.open(path); err != nil || rc != sqlite3.SQLITE_OK {
		if err == nil {
			err = c.errorOf(rc)
		}
		// Only now: Close frees the thread state, which open's scratch
		// must have left.
		_ = c.Close()
		return nil, fmt.Errorf("rawlite: open %s: %w", path, err)
	}
	sqlite3.Xsqlite3_busy_timeout(c.tls, c.db, int32(min(busy.Milliseconds(), 1<<31-1)))
	c.stop = context.AfterFunc(ctx, c.interrupt)
	return c, nil
}

// open sets c.db, a handle even when rc reports a failure.
func (c *Conn) open(path string) (int32, error) {
	name, err := libc.CString(path)
	if err != nil {
		return 0, err
	}
	defer libc.Xfree(c.tls, name)
	const ptr = int(unsafe.Sizeof(uintptr(0)))
	pdb := c.tls.Alloc(ptr)
	defer c.tls.Free(ptr)
	// No mutex: one goroutine uses the connection (see the package comment).
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, pdb, sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_NOMUTEX, 0)
	c.db = libc.AtomicLoadPUintptr(pdb)
	return rc, nil
}

func (c *Conn) interrupt() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.db != 0 {
		sqlite3.Xsqlite3_interrupt(c.itls, c.db)
	}
}

// Close closes the connection and the statements still open; an open
// transaction is rolled back. A second Close does nothing.
func (c *Conn) Close() error {
	if c.stop != nil {
		c.stop()
	}
	for st := range c.stmts {
		_ = st.Close()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	if c.db != 0 {
		if rc := sqlite3.Xsqlite3_close_v2(c.tls, c.db); rc != sqlite3.SQLITE_OK {
			err = c.errorOf(rc)
		}
		c.db = 0
	}
	c.freeTLS()
	return err
}

func (c *Conn) freeTLS() {
	if c.tls != nil {
		c.tls.Close()
		c.itls.Close()
		c.tls, c.itls = nil, nil
	}
}

// Exec runs one statement once.
func (c *Conn) Exec(query string, args ...any) error {
	st, err := c.Prepare(query)
	if err != nil {
		return err
	}
	err = st.Exec(args...)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// errorOf describes the connection's last error; rc is used when the
// connection has none (it failed to open).
func (c *Conn) errorOf(rc int32) error {
	if c.db == 0 {
		return &Error{Code: int(rc), Msg: libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))}
	}
	return &Error{Code: int(sqlite3.Xsqlite3_extended_errcode(c.tls, c.db)),
		Msg: libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))}
}
