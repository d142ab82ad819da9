package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

type sqliteTx struct {
	conn  *sql.Conn
	open  bool
	next  map[string]int64 // the last id handed out per table
	stmts map[stmtKey]*sql.Stmt
	args  []any
	json  []byte
}

// loadPragmas hold for the length of a load on its connection; release puts
// back the settings every pooled connection has (see sqliteDSN).
//   - Foreign keys are not checked row by row: the loader writes only ids it
//     created or read inside this transaction, PostgreSQL checks the same
//     loads, and the tests check the links on both. It saves about a tenth,
//     and more with OR FAIL inserts (see sqliteValuesParams), which only
//     avoid statement journals when no foreign key can abort a statement.
//   - The statement journals still needed (INSERT … SELECT from JSON) go to
//     memory rather than a temporary file.
var (
	loadPragmas    = [2]string{"PRAGMA foreign_keys = OFF", "PRAGMA temp_store = MEMORY"}
	restorePragmas = [2]string{"PRAGMA foreign_keys = ON", "PRAGMA temp_store = DEFAULT"}
)

// beginSQLite starts the transaction with BEGIN IMMEDIATE so that it holds
// the write lock from the start: a second load then waits on busy_timeout
// instead of failing with SQLITE_BUSY when a read transaction tries to
// upgrade. database/sql's BeginTx cannot ask for that, hence the raw BEGIN
// on a connection nobody else uses until rollback or commit ends it.
func beginSQLite(ctx context.Context, conn *sql.Conn) (*sqliteTx, error) {
	t := &sqliteTx{conn: conn, next: map[string]int64{}, stmts: map[stmtKey]*sql.Stmt{}}
	for _, q := range [...]string{loadPragmas[0], loadPragmas[1], "BEGIN IMMEDIATE"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			_ = t.release(err) // the caller closes conn too; a second Close is harmless
			return nil, fmt.Errorf("store: begin load: %w", err)
		}
	}
	t.open = true
	return t, nil
}

func (t *sqliteTx) exec(ctx context.Context, q string, args ...any) error {
	_, err := t.conn.ExecContext(ctx, q, args...)
	return err
}

func (t *sqliteTx) queryInt64(ctx context.Context, q string, args ...any) (int64, bool, error) {
	var v int64
	err := t.conn.QueryRowContext(ctx, q, args...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return v, err == nil, err
}

// knownFirms passes the numbers as one JSON array: a long IN (?, …) list
// would cost the driver time quadratic in its length (see write).
func (t *sqliteTx) knownFirms(ctx context.Context, nos []string, found func(string, int64)) error {
	t.json = append(t.json[:0], '[')
	for i, no := range nos {
		if i > 0 {
			t.json = append(t.json, ',')
		}
		t.json = appendJSONString(t.json, no)
	}
	t.json = append(t.json, ']')
	rows, err := t.conn.QueryContext(ctx,
		"SELECT business_no, id FROM firms WHERE business_no IN (SELECT value FROM json_each(?))", string(t.json))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var no string
		var id int64
		if err := rows.Scan(&no, &id); err != nil {
			return err
		}
		found(no, id)
	}
	return rows.Err()
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
	t.closeStmts()
	if _, err := t.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("store: commit load: %w", err)
	}
	t.open = false
	// The load is stored whatever happens next: a connection that cannot
	// be restored is discarded by release, not reported as a failed commit.
	_ = t.release(nil)
	return nil
}

// rollback runs ROLLBACK on a context of its own (the load's may be the
// reason it failed). If that fails the connection may still be inside the
// transaction, so it is discarded rather than returned to the pool.
func (t *sqliteTx) rollback() error {
	if t.conn == nil {
		return nil
	}
	t.closeStmts()
	var err error
	if t.open {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err = t.conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			err = fmt.Errorf("store: roll back load: %w", err)
		}
		t.open = false
	}
	return t.release(err)
}

// release restores the connection's settings and returns it to the pool,
// or discards it when the load failed to end cleanly or the settings could
// not be restored.
func (t *sqliteTx) release(failed error) error {
	if failed == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, p := range restorePragmas {
			if _, err := t.conn.ExecContext(ctx, p); err != nil {
				failed = fmt.Errorf("store: restore connection: %w", err)
				break
			}
		}
	}
	if failed != nil {
		// Raw returning ErrBadConn makes database/sql close the connection.
		_ = t.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	err := t.conn.Close()
	t.conn = nil
	if failed != nil {
		return failed
	}
	if err != nil && !errors.Is(err, sql.ErrConnDone) {
		return fmt.Errorf("store: release load connection: %w", err)
	}
	return nil
}
