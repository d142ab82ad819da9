package store

import (
	"context"
	"fmt"
	"time"

	"axdash/app/store/rawlite"
)

// sqliteTx is a load on a connection of its own, outside the pool, through
// rawlite: every statement is prepared once per load and run per row (see
// the rawlite package for what that saves). Nothing else uses the
// connection, and closing it ends the load either way.
type sqliteTx struct {
	conn  *rawlite.Conn
	open  bool
	next  map[string]int64 // the last id handed out per table
	stmts map[string]*rawlite.Stmt
	ins   map[insertKey]*rawlite.Stmt
	args  []any
}

// sqliteLoadSetup runs on the load's connection before BEGIN:
//   - Foreign keys are not checked row by row: the loader writes only ids it
//     created or read inside this transaction, PostgreSQL checks the same
//     loads, and the tests check the links on both. It saves about a tenth.
//   - Statement journals, if any, go to memory rather than a temporary file.
//   - Commits are synchronous as on the pool's connections (see sqliteDSN);
//     the WAL mode is the file's own.
//   - BEGIN IMMEDIATE takes the write lock from the start: a second load
//     then waits on the busy timeout instead of failing with SQLITE_BUSY
//     when a read transaction tries to upgrade.
var sqliteLoadSetup = [...]string{"PRAGMA foreign_keys = OFF", "PRAGMA temp_store = MEMORY",
	"PRAGMA synchronous = NORMAL", "BEGIN IMMEDIATE"}

// beginSQLite opens the load's connection to the database file at path;
// ctx ending interrupts whatever statement runs.
func beginSQLite(ctx context.Context, path string, busy time.Duration) (*sqliteTx, error) {
	conn, err := rawlite.Open(ctx, path, busy)
	if err != nil {
		return nil, fmt.Errorf("store: begin load: %w", err)
	}
	t := &sqliteTx{conn: conn, next: map[string]int64{}, stmts: map[string]*rawlite.Stmt{},
		ins: map[insertKey]*rawlite.Stmt{}}
	for _, q := range sqliteLoadSetup {
		if err := conn.Exec(q); err != nil {
			_ = conn.Close()
			return nil, fmt.Errorf("store: begin load: %w", ctxErr(ctx, err))
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

// stmt returns the load's prepared statement for q, preparing it once.
func (t *sqliteTx) stmt(q string) (*rawlite.Stmt, error) {
	return prepared(t.conn, t.stmts, q, func() string { return q })
}

// prepared returns stmts[key], preparing the text first when missing.
func prepared[K comparable](c *rawlite.Conn, stmts map[K]*rawlite.Stmt, key K, text func() string) (*rawlite.Stmt, error) {
	if st, ok := stmts[key]; ok {
		return st, nil
	}
	st, err := c.Prepare(text())
	if err != nil {
		return nil, err
	}
	stmts[key] = st
	return st, nil
}

func (t *sqliteTx) exec(ctx context.Context, q string, args ...any) error {
	st, err := t.stmt(q)
	if err == nil {
		err = st.Exec(args...)
	}
	if err != nil {
		// Only then: a statement that succeeded (COMMIT above all) did
		// its work, whatever the context says now.
		return ctxErr(ctx, err)
	}
	return nil
}

func (t *sqliteTx) queryInt64(ctx context.Context, q string, args ...any) (v int64, ok bool, err error) {
	st, err := t.stmt(q)
	if err == nil {
		err = st.Query(args, func(r rawlite.Row) error {
			if !ok {
				v, ok = r.Int64(0), true
			}
			return nil
		})
	}
	if err != nil {
		return 0, false, ctxErr(ctx, err)
	}
	return v, ok, nil
}

// knownFirms looks each number up in the unique index on business_no.
func (t *sqliteTx) knownFirms(ctx context.Context, nos []string, found func(string, int64)) error {
	for _, no := range nos {
		id, ok, err := t.queryInt64(ctx, "SELECT id FROM firms WHERE business_no = ?", no)
		if err != nil {
			return err
		}
		if ok {
			found(no, id)
		}
	}
	return nil
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

// sqliteRowsPerInsert is how many rows one INSERT carries, so that the
// cursors a run opens on the table and on each of its indexes serve many
// rows: a load took 2.7 CPU-s per 100,000 rows one row at a time, 1.8 with
// 8, 1.6 with 32 or 64 (BenchmarkLoad).
//
// Every INSERT is OR FAIL: a constraint error still stops the statement and
// so the load (which then rolls back as a whole), but SQLite keeps no
// statement journal to undo a failing statement's earlier rows, which made
// multi-row INSERTs slower than single rows. Foreign-key checks would bring
// it back; they are off for the load (see sqliteLoadSetup).
const sqliteRowsPerInsert = 32

// insertKey names a prepared multi-row INSERT.
type insertKey struct {
	table string
	rows  int
}

// write inserts n rows of tb through prepared multi-row INSERTs.
func (t *sqliteTx) write(ctx context.Context, tb *table, n int, row rowFunc) error {
	var err error
	for i := 0; i < n && err == nil; {
		k := min(sqliteRowsPerInsert, n-i)
		var st *rawlite.Stmt
		st, err = prepared(t.conn, t.ins, insertKey{tb.name, k}, func() string { return tb.insertSQL(k) })
		if err != nil {
			break
		}
		t.args = t.args[:0]
		for end := i + k; i < end; i++ {
			t.args = row(t.args, i)
		}
		err = st.Exec(t.args...)
	}
	clear(t.args)
	if err != nil {
		return fmt.Errorf("store: insert %s: %w", tb.name, ctxErr(ctx, err))
	}
	return nil
}

func (t *sqliteTx) commit(ctx context.Context) error {
	if err := t.exec(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("store: commit load: %w", err)
	}
	t.open = false
	// The load is stored whatever happens next: a failure to close is
	// not a failed commit.
	_ = t.rollback()
	return nil
}

// rollback closes the connection, which finalises the load's statements and
// rolls back a transaction still open; it is idempotent.
func (t *sqliteTx) rollback() error {
	if t.conn == nil {
		return nil
	}
	err := t.conn.Close()
	t.conn = nil
	if err != nil && t.open {
		return fmt.Errorf("store: roll back load: %w", err)
	}
	t.open = false
	return nil
}
