package store

import (
	"context"
	"fmt"
	"strings"
)

// loadTx is one dialect's side of a load: a transaction on a dedicated
// connection. SQL handed to exec and queryInt64 uses ? placeholders; every
// value is bound, and table and column names are the constants below.
type loadTx interface {
	exec(ctx context.Context, q string, args ...any) error
	// queryInt64 reads one integer from the first row; ok is false when
	// there is no row.
	queryInt64(ctx context.Context, q string, args ...any) (v int64, ok bool, err error)
	// knownFirms calls found for each business number that has a firm.
	knownFirms(ctx context.Context, nos []string, found func(no string, id int64)) error
	// newIDs returns n unused ids of table (firms or responses) in dst.
	newIDs(ctx context.Context, table string, n int, dst []int64) ([]int64, error)
	// write stores n rows of t; row appends row i's values to dst.
	write(ctx context.Context, t *table, n int, row rowFunc) error
	commit(ctx context.Context) error
	// rollback abandons the transaction and releases the connection; it
	// is idempotent.
	rollback() error
}

// rowFunc appends the values of row i, in the table's column order, to dst.
type rowFunc func(dst []any, i int) []any

// table is a table the loader writes, with the columns it fills.
type table struct {
	name string
	cols []string
}

// insertSQL is INSERT INTO name (cols) VALUES (?, …), … for rows rows.
func (tb *table) insertSQL(rows int) string {
	one := "(?" + strings.Repeat(", ?", len(tb.cols)-1) + ")"
	return "INSERT OR FAIL INTO " + tb.name + " (" + strings.Join(tb.cols, ", ") + ") VALUES " +
		strings.Repeat(one+", ", rows-1) + one
}

// firmsTable is where business numbers go; the field table gives the
// responses and multi-select tables (see fieldTables).
var firmsTable = &table{"firms", []string{"id", "business_no", "name"}}

// flush writes the buffered rows: their new firms, the responses, then the
// multi-selects, and empties the buffer for reuse.
func (l *Load) flush() error {
	n := len(l.buf)
	if n == 0 {
		return nil
	}
	ctx := l.ctx
	// Checked here because the SQLite driver only notices a context that
	// ends while a statement runs, not one that ended before.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: load: %w", err)
	}
	if err := l.resolveFirms(); err != nil {
		return err
	}
	var err error
	if l.respIDs, err = l.tx.newIDs(ctx, l.tables.responses.name, n, l.respIDs); err != nil {
		return fmt.Errorf("store: reserve response ids: %w", err)
	}
	for i := range l.buf {
		r := &l.buf[i].Response
		r.ID, r.WaveID, r.ImportID = l.respIDs[i], l.imp.WaveID, l.imp.ID
		// The cube breaks median ties by arrival, which must be id order:
		// ids come ascending from one sequence (newIDs), so this never
		// fails unless the sequence is tampered with.
		if r.ID <= l.lastID {
			return fmt.Errorf("store: response id %d after %d: ids out of arrival order", r.ID, l.lastID)
		}
		if l.minID == 0 || r.ID < l.minID {
			l.minID = r.ID
		}
		l.maxID = max(l.maxID, r.ID)
		l.lastID = r.ID
	}
	if err := l.tx.write(ctx, l.tables.responses, n, l.responseRow); err != nil {
		return err
	}
	for k := range l.tables.multis {
		m := &l.tables.multis[k]
		rows := m.rows
		err := l.tx.write(ctx, m.t, len(rows), func(dst []any, i int) []any {
			return append(dst, l.respIDs[rows[i].row], rows[i].code)
		})
		if err != nil {
			return err
		}
		m.rows = m.rows[:0]
	}
	l.added += n
	clear(l.buf) // drop the strings and pointers the rows hold
	l.buf, l.nos = l.buf[:0], l.nos[:0]
	return nil
}

// resolveFirms sets each buffered row's FirmID: the firm with the same
// business number (already in the database, or made earlier in this load),
// a new firm for a number met for the first time, and a new firm for every
// row without a number (nothing else identifies it safely). A new firm
// takes the name of the first row that names it.
func (l *Load) resolveFirms() error {
	ctx := l.ctx
	l.lookup = l.lookup[:0]
	for _, no := range l.nos {
		if _, seen := l.firms.get(no); no != "" && !seen {
			l.firms.set(no, 0) // looked up below; stays 0 when there is no such firm
			l.lookup = append(l.lookup, no)
		}
	}
	if len(l.lookup) > 0 {
		err := l.tx.knownFirms(ctx, l.lookup, l.firms.set)
		if err != nil {
			return fmt.Errorf("store: look up firms: %w", err)
		}
	}
	l.fresh = l.fresh[:0]
	for i, no := range l.nos {
		if id, _ := l.firms.get(no); no == "" || id == 0 {
			if no != "" {
				l.firms.set(no, -1) // claimed by row i; later rows wait for its id
			}
			l.fresh = append(l.fresh, i)
		}
	}
	var err error
	if l.firmIDs, err = l.tx.newIDs(ctx, firmsTable.name, len(l.fresh), l.firmIDs); err != nil {
		return fmt.Errorf("store: reserve firm ids: %w", err)
	}
	for k, i := range l.fresh {
		l.buf[i].Response.FirmID = l.firmIDs[k]
		if no := l.nos[i]; no != "" {
			l.firms.set(no, l.firmIDs[k])
		}
	}
	for i, no := range l.nos {
		if no != "" {
			l.buf[i].Response.FirmID, _ = l.firms.get(no)
		}
	}
	return l.tx.write(ctx, firmsTable, len(l.fresh), func(dst []any, k int) []any {
		i := l.fresh[k]
		var no any
		if l.nos[i] != "" {
			no = l.nos[i]
		}
		return append(dst, l.firmIDs[k], no, l.buf[i].Response.FirmName)
	})
}

// responseRow gives the values of buffered row i in the responses table's
// column order: its ids, then each scalar field (see appendValue).
func (l *Load) responseRow(dst []any, i int) []any {
	rec := &l.buf[i]
	r := &rec.Response
	dst = append(dst, r.ID, r.WaveID, r.ImportID, r.FirmID, int64(r.SourceRow), int64(r.RecordKey))
	for _, f := range l.tables.scalars {
		dst = appendValue(dst, f, rec)
	}
	return dst
}
