package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
)

// sqliteTx is a load on one connection of the pool, through the pool's own
// driver (see load_sqlite_rows.go for how rows are written).
type sqliteTx struct {
	conn  *sql.Conn
	open  bool                  // BEGIN ran, and neither COMMIT nor ROLLBACK did
	next  map[string]int64      // the last id handed out per table
	sized map[stmtKey]*sql.Stmt // statements for k rows or numbers
	args  []any                 // the arguments of one statement, reused
}

// sqliteLoadSetup runs on the load's connection before BEGIN, and
// sqliteLoadReset after COMMIT or ROLLBACK, before the connection goes back
// to the pool as sqliteDSN made it (foreign_keys does nothing inside a
// transaction, hence the two steps):
//   - Foreign keys are not checked row by row: the loader writes only ids it
//     created or read inside this transaction, PostgreSQL checks the same
//     loads, and the tests check the links on both. It saves about a tenth,
//     and keeps SQLite from opening a statement journal per INSERT (see
//     sqliteParamsPerInsert).
//   - Statement journals, if any, go to memory rather than a temporary file.
//   - BEGIN IMMEDIATE takes the write lock from the start: a second load
//     then waits on the busy timeout instead of failing with SQLITE_BUSY
//     when a read transaction tries to upgrade.
//
// Commits are synchronous as on every pool connection (see sqliteDSN).
var (
	sqliteLoadSetup = [...]string{"PRAGMA foreign_keys = OFF", "PRAGMA temp_store = MEMORY", "BEGIN IMMEDIATE"}
	sqliteLoadReset = [...]string{"PRAGMA foreign_keys = ON", "PRAGMA temp_store = DEFAULT"}
)

// beginSQLite takes a connection of the pool for the load; commit or
// rollback gives it back. ctx ending interrupts whatever statement runs.
func (s *Surveys) beginSQLite(ctx context.Context) (*sqliteTx, error) {
	db, err := s.db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: pool: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: begin load: connection: %w", err)
	}
	t := &sqliteTx{conn: conn, next: map[string]int64{}, sized: map[stmtKey]*sql.Stmt{}}
	for _, q := range sqliteLoadSetup {
		if err := t.exec(ctx, q); err != nil {
			_ = t.rollback()
			return nil, fmt.Errorf("store: begin load: %w", err)
		}
	}
	t.open = true
	return t, nil
}

// ctxErr prefers the context's error to the interruption it caused, so that
// callers can tell a cancelled load with errors.Is.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%w (%w)", cerr, err)
	}
	return err
}

// exec runs q. The context is checked first: SQLite only notices an
// interrupt while a statement runs, and forgets one that came between two,
// so a load cancelled just before COMMIT would otherwise commit.
func (t *sqliteTx) exec(ctx context.Context, q string, args ...any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := t.conn.ExecContext(ctx, q, args...); err != nil {
		// Only then: a statement that succeeded (COMMIT above all) did
		// its work, whatever the context says now.
		return ctxErr(ctx, err)
	}
	return nil
}

func (t *sqliteTx) queryInt64(ctx context.Context, q string, args ...any) (v int64, ok bool, err error) {
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	err = t.conn.QueryRowContext(ctx, q, args...).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	case err != nil:
		return 0, false, ctxErr(ctx, err)
	}
	return v, true, nil
}

// newIDs hands out ids past both MAX(id) and sqlite_sequence, read once per
// table: the write lock keeps anyone else from inserting meanwhile, explicit
// ids are accepted by AUTOINCREMENT tables, and SQLite raises sqlite_sequence
// to match, so that ids of deleted rows are never reused.
func (t *sqliteTx) newIDs(ctx context.Context, table string, n int, dst []int64) ([]int64, error) {
	last, ok := t.next[table]
	if !ok {
		var err error
		last, _, err = t.queryInt64(ctx, "SELECT COALESCE(MAX(v), 0) FROM (SELECT MAX(id) AS v FROM "+table+
			" UNION ALL SELECT seq FROM sqlite_sequence WHERE name = ?)", table)
		if err != nil {
			return dst, err
		}
	}
	dst = dst[:0]
	for k := 1; k <= n; k++ {
		dst = append(dst, last+int64(k))
	}
	t.next[table] = last + int64(n)
	return dst, nil
}

func (t *sqliteTx) commit(ctx context.Context) error {
	if err := t.exec(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("store: commit load: %w", err)
	}
	t.open = false
	// The load is stored whatever happens next: a failure to give the
	// connection back is not a failed commit.
	_ = t.rollback()
	return nil
}

// rollback rolls back a transaction still open, restores the connection's
// settings and gives it back to the pool; it is idempotent. A connection
// whose state is in doubt (ROLLBACK failed, say because an interrupt had
// already ended the transaction, or the reset did) is closed instead, which
// rolls back whatever it holds, so that no later user of the pool inherits
// the load's transaction or its foreign_keys = OFF.
func (t *sqliteTx) rollback() error {
	if t.conn == nil {
		return nil
	}
	for _, st := range t.sized {
		_ = st.Close()
	}
	// The load's context may have ended: that is often why it rolls back.
	ctx := context.Background()
	var err error
	if t.open {
		_, err = t.conn.ExecContext(ctx, "ROLLBACK")
	}
	for _, q := range sqliteLoadReset {
		if err == nil {
			_, err = t.conn.ExecContext(ctx, q)
		}
	}
	if err != nil {
		// database/sql closes a connection that answers ErrBadConn.
		_ = t.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	_ = t.conn.Close()
	t.conn, t.open = nil, false
	return nil
}
