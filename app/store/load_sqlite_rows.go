package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The pool's SQLite driver prepares a statement's text again on every Exec,
// locks the connection for every call into SQLite, copies each text
// argument into C memory and binds each parameter by scanning the argument
// list before it. A load therefore saves by running few statements: rows
// go as multi-row INSERTs and firms are looked up many numbers at a time,
// each through a statement prepared once per size (one for the full runs,
// one for the tail).

// sqliteParamsPerInsert bounds an INSERT's parameters, which sets its rows
// (responses: 5 rows of 22 columns; firms: 42 of 3; multi-selects: 64 of
// 2). Parsing costs the same per row however rows are grouped, while the
// driver's binding grows with the square of a statement's parameters:
// BenchmarkLoad took 2.2–2.4 CPU-s per 100,000 rows at 64 or 128
// parameters, 2.5 at 256, 2.8 at 512, and 2.7 at 32 rows per INSERT
// whatever the table (on a busy machine; ±10%).
//
// Every INSERT is OR FAIL: a constraint error still stops the statement and
// so the load (which then rolls back as a whole), but SQLite keeps no
// statement journal to undo a failing statement's earlier rows, which made
// multi-row INSERTs slower than single rows. Foreign-key checks would bring
// it back; they are off for the load (see sqliteLoadSetup).
const sqliteParamsPerInsert = 128

// sqliteNumbersPerLookup is how many business numbers one look-up carries:
// a numbered load took 0.5 CPU-s more per 100,000 rows with one SELECT per
// number (BenchmarkLoad).
const sqliteNumbersPerLookup = 64

// stmtKey names a statement prepared for n rows or numbers.
type stmtKey struct {
	what string
	n    int
}

// sizedStmt returns the load's statement for key, preparing text() once.
func (t *sqliteTx) sizedStmt(ctx context.Context, key stmtKey, text func() string) (*sql.Stmt, error) {
	if st, ok := t.sized[key]; ok {
		return st, nil
	}
	st, err := t.conn.PrepareContext(ctx, text())
	if err != nil {
		return nil, err
	}
	t.sized[key] = st
	return st, nil
}

// inRuns calls fn(i, k) for runs [i, i+k) of at most per items that cover
// n items in order, until one fails. The context is checked before each
// (see sqliteTx.exec).
func inRuns(ctx context.Context, n, per int, fn func(i, k int) error) error {
	for i := 0; i < n; i += per {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(i, min(per, n-i)); err != nil {
			return ctxErr(ctx, err)
		}
	}
	return nil
}

// write inserts n rows of tb through prepared multi-row INSERTs.
func (t *sqliteTx) write(ctx context.Context, tb *table, n int, row rowFunc) error {
	per := max(1, sqliteParamsPerInsert/len(tb.cols))
	err := inRuns(ctx, n, per, func(i, k int) error {
		st, err := t.sizedStmt(ctx, stmtKey{tb.name, k}, func() string { return tb.insertSQL(k) })
		if err != nil {
			return err
		}
		t.args = t.args[:0]
		for j := i; j < i+k; j++ {
			t.args = row(t.args, j)
		}
		_, err = st.ExecContext(ctx, t.args...)
		return err
	})
	clear(t.args) // drop the strings the arguments hold
	if err != nil {
		return fmt.Errorf("store: insert %s: %w", tb.name, err)
	}
	return nil
}

// knownFirms looks the numbers up in the unique index on business_no.
func (t *sqliteTx) knownFirms(ctx context.Context, nos []string, found func(string, int64)) error {
	return inRuns(ctx, len(nos), sqliteNumbersPerLookup, func(i, k int) error {
		st, err := t.sizedStmt(ctx, stmtKey{"firms by number", k}, func() string {
			return "SELECT business_no, id FROM firms WHERE business_no IN (?" + strings.Repeat(", ?", k-1) + ")"
		})
		if err != nil {
			return err
		}
		t.args = t.args[:0]
		for _, no := range nos[i : i+k] {
			t.args = append(t.args, no)
		}
		rows, err := st.QueryContext(ctx, t.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var no string
		var id int64
		for rows.Next() {
			if err := rows.Scan(&no, &id); err != nil {
				return err
			}
			found(no, id)
		}
		return rows.Err()
	})
}
