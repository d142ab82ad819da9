package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgTx drives pgx directly on the load's dedicated database/sql connection,
// for COPY. Every use of the pgx connection happens inside conn.Raw, which
// is where database/sql allows it. If the transaction is somehow left open,
// pgx's stdlib refuses the connection when it returns to the pool.
type pgTx struct {
	conn *sql.Conn
	tx   pgx.Tx
	src  copySource
}

// loadLockSQL makes loads of one schema queue behind each other, as SQLite's
// write lock does, so that two loads never race to create the same firm
// number or wave. Other schemas (other installs) are not held up. The first
// key follows the project's other advisory locks (7423001 migrations,
// 7423002 rollups).
const loadLockSQL = "SELECT pg_advisory_xact_lock(7423003, hashtext(current_schema()))"

// beginPostgres takes a pool connection for the load; rollback or commit
// gives it back.
func (s *Surveys) beginPostgres(ctx context.Context) (*pgTx, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: pool: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: begin load: connection: %w", err)
	}
	t := &pgTx{conn: conn}
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("driver connection is %T, not pgx", dc)
		}
		tx, err := sc.Conn().Begin(ctx)
		if err != nil {
			return err
		}
		t.tx = tx
		_, err = tx.Exec(ctx, loadLockSQL)
		return err
	})
	if err != nil {
		if t.tx != nil {
			// pgx's stdlib would drop the connection anyway were the
			// transaction still open.
			_ = t.run(func() error { return t.tx.Rollback(context.WithoutCancel(ctx)) })
		}
		_ = conn.Close()
		return nil, fmt.Errorf("store: begin load: %w", err)
	}
	return t, nil
}

func (t *pgTx) run(fn func() error) error {
	return t.conn.Raw(func(any) error { return fn() })
}

func (t *pgTx) exec(ctx context.Context, q string, args ...any) error {
	return t.run(func() error {
		_, err := t.tx.Exec(ctx, dollarParams(q), args...)
		return err
	})
}

func (t *pgTx) queryInt64(ctx context.Context, q string, args ...any) (int64, bool, error) {
	var v int64
	err := t.run(func() error { return t.tx.QueryRow(ctx, dollarParams(q), args...).Scan(&v) })
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return v, err == nil, err
}

func (t *pgTx) knownFirms(ctx context.Context, nos []string, found func(string, int64)) error {
	return t.run(func() error {
		rows, err := t.tx.Query(ctx, "SELECT business_no, id FROM firms WHERE business_no = ANY($1)", nos)
		if err != nil {
			return err
		}
		var no string
		var id int64
		_, err = pgx.ForEachRow(rows, []any{&no, &id}, func() error { found(no, id); return nil })
		return err
	})
}

// newIDs draws n values from the table's sequence: COPY returns no ids, so
// they are reserved first and written explicitly. Values drawn by a load
// that rolls back are simply skipped, as with any rolled-back insert.
func (t *pgTx) newIDs(ctx context.Context, table string, n int, dst []int64) ([]int64, error) {
	dst = dst[:0]
	if n == 0 {
		return dst, nil
	}
	err := t.run(func() error {
		rows, err := t.tx.Query(ctx, "SELECT nextval($1::regclass) FROM generate_series(1, $2)", table+"_id_seq", n)
		if err != nil {
			return err
		}
		var id int64
		_, err = pgx.ForEachRow(rows, []any{&id}, func() error { dst = append(dst, id); return nil })
		return err
	})
	return dst, err
}

func (t *pgTx) write(ctx context.Context, tb *table, n int, row rowFunc) error {
	if n == 0 {
		return nil
	}
	t.src.n, t.src.i, t.src.row = n, 0, row
	err := t.run(func() error {
		_, err := t.tx.CopyFrom(ctx, pgx.Identifier{tb.name}, tb.cols, &t.src)
		return err
	})
	clear(t.src.buf)
	t.src.row = nil
	if err != nil {
		return fmt.Errorf("store: copy %s: %w", tb.name, err)
	}
	return nil
}

// copySource feeds one batch to CopyFrom. pgx encodes each row before asking
// for the next, so one values slice serves every row.
type copySource struct {
	n, i int
	row  rowFunc
	buf  []any
}

func (c *copySource) Next() bool { c.i++; return c.i <= c.n }

func (c *copySource) Values() ([]any, error) {
	c.buf = c.row(c.buf[:0], c.i-1)
	return c.buf, nil
}

func (c *copySource) Err() error { return nil }

func (t *pgTx) commit(ctx context.Context) error {
	if err := t.run(func() error { return t.tx.Commit(ctx) }); err != nil {
		return fmt.Errorf("store: commit load: %w", err)
	}
	t.tx = nil
	_ = t.release() // committed: closing the handle cannot undo or fail the load
	return nil
}

// rollback runs on a context of its own: the load's may be the reason it
// failed. pgx closes a connection whose rollback fails, and the pool then
// drops it.
func (t *pgTx) rollback() error {
	if t.conn == nil {
		return nil
	}
	var err error
	if t.tx != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = t.run(func() error { return t.tx.Rollback(ctx) })
		if errors.Is(err, pgx.ErrTxClosed) {
			err = nil
		}
		t.tx = nil
	}
	if rerr := t.release(); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("store: roll back load: %w", err)
	}
	return nil
}

func (t *pgTx) release() error {
	err := t.conn.Close()
	t.conn = nil
	if err != nil && !errors.Is(err, sql.ErrConnDone) {
		return err
	}
	return nil
}

// dollarParams rewrites the loader's ? placeholders as $1, $2, … for pgx.
// The loader's SQL holds no ? inside literals.
func dollarParams(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
