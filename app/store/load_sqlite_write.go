package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The SQLite driver (glebarez/go-sqlite) prepares a statement again on every
// Exec and binds each parameter by searching the argument list from the
// start, so a statement with p parameters costs time in p². A batch is
// therefore written in statements of about sqliteValuesParams values: large
// enough to share the per-statement cost, small enough that binding stays
// linear in practice. Tables whose columns hold only integers, text and NULL
// go as one JSON array per batch instead, which SQLite unpacks with
// json_each; JSON cannot carry float64 exactly through SQLite's parser, so
// responses keep bound parameters.
//
// Every INSERT is OR FAIL: a constraint error still stops the statement and
// so the load (which then rolls back as a whole), but SQLite no longer keeps
// a statement journal to undo a failing statement's earlier rows, which cost
// about a fifth of a load. Foreign-key checks would bring it back; they are
// off for the load (see loadPragmas).
const sqliteValuesParams = 256

type stmtKey struct {
	table string
	rows  int
}

// write inserts n rows of tb.
func (t *sqliteTx) write(ctx context.Context, tb *table, n int, row rowFunc) error {
	if n == 0 {
		return nil
	}
	var err error
	if tb.jsonOK {
		err = t.writeJSON(ctx, tb, n, row)
	} else {
		err = t.writeValues(ctx, tb, n, row)
	}
	if err != nil {
		return fmt.Errorf("store: insert %s: %w", tb.name, err)
	}
	return nil
}

func (t *sqliteTx) writeValues(ctx context.Context, tb *table, n int, row rowFunc) error {
	per := max(1, sqliteValuesParams/len(tb.cols))
	for start := 0; start < n; start += per {
		k := min(per, n-start)
		stmt, err := t.stmt(ctx, stmtKey{tb.name, k}, func() string { return insertSQL(tb, k) })
		if err != nil {
			return err
		}
		t.args = t.args[:0]
		for i := start; i < start+k; i++ {
			t.args = row(t.args, i)
		}
		_, err = stmt.ExecContext(ctx, t.args...)
		clear(t.args)
		if err != nil {
			return err
		}
	}
	return nil
}

// sqliteJSONChunk bounds the JSON text of one statement.
var sqliteJSONChunk = 4 << 20 // a variable so that a test can make it small

func (t *sqliteTx) writeJSON(ctx context.Context, tb *table, n int, row rowFunc) error {
	stmt, err := t.stmt(ctx, stmtKey{tb.name, 0}, func() string { return insertJSONSQL(tb) })
	if err != nil {
		return err
	}
	for i := 0; i < n; {
		first := i
		t.json = append(t.json[:0], '[')
		for ; i < n && len(t.json) < sqliteJSONChunk; i++ {
			if len(t.json) > 1 {
				t.json = append(t.json, ',')
			}
			t.args = row(t.args[:0], i)
			var ok bool
			if t.json, ok = appendJSONRow(t.json, t.args); !ok {
				// Text JSON cannot carry as it is: bind the rest instead.
				clear(t.args)
				return t.writeValues(ctx, tb, n-first, func(dst []any, j int) []any { return row(dst, first+j) })
			}
		}
		t.json = append(t.json, ']')
		if _, err := stmt.ExecContext(ctx, string(t.json)); err != nil {
			return err
		}
	}
	clear(t.args)
	return nil
}

func (t *sqliteTx) stmt(ctx context.Context, key stmtKey, text func() string) (*sql.Stmt, error) {
	if st, ok := t.stmts[key]; ok {
		return st, nil
	}
	st, err := t.conn.PrepareContext(ctx, text())
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	t.stmts[key] = st
	return st, nil
}

func (t *sqliteTx) closeStmts() {
	for k, st := range t.stmts {
		_ = st.Close()
		delete(t.stmts, k)
	}
}

// insertSQL is INSERT OR FAIL INTO t (cols) VALUES (?, …), … for rows rows.
func insertSQL(tb *table, rows int) string {
	one := "(?" + strings.Repeat(",?", len(tb.cols)-1) + ")"
	return "INSERT OR FAIL INTO " + tb.name + " (" + strings.Join(tb.cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
}

// insertJSONSQL reads rows from one bound JSON array of arrays.
func insertJSONSQL(tb *table) string {
	sel := make([]string, len(tb.cols))
	for i := range sel {
		sel[i] = "value ->> " + strconv.Itoa(i)
	}
	return "INSERT OR FAIL INTO " + tb.name + " (" + strings.Join(tb.cols, ", ") + ") SELECT " +
		strings.Join(sel, ", ") + " FROM json_each(?)"
}

// appendJSONRow appends vals as a JSON array; ok is false for a value JSON
// would not carry exactly: a type the JSON tables do not use, or text that
// is not valid UTF-8.
func appendJSONRow(dst []byte, vals []any) (out []byte, ok bool) {
	dst = append(dst, '[')
	for i, v := range vals {
		if i > 0 {
			dst = append(dst, ',')
		}
		switch x := v.(type) {
		case nil:
			dst = append(dst, "null"...)
		case int64:
			dst = strconv.AppendInt(dst, x, 10)
		case string:
			if !utf8.ValidString(x) {
				return dst, false
			}
			dst = appendJSONString(dst, x)
		default:
			return dst, false
		}
	}
	return append(dst, ']'), true
}

// appendJSONString quotes s for JSON: quote, backslash and control
// characters are escaped, every other byte passes through unchanged.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
