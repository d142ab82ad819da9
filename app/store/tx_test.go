package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"axdash/app/store"
	"axdash/app/store/storetest"
)

// endedByWatcher ends the transaction as database/sql does once its
// context is cancelled: it cancels, and the watcher's rollback wins the race
// against the rest of the work (done here at once, so the race is decided).
func endedByWatcher(t *testing.T, tx *gorm.DB, cancel context.CancelFunc) {
	t.Helper()
	cancel()
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		t.Fatalf("the transaction runs on %T, not *sql.Tx", tx.Statement.ConnPool)
	}
	// Its error is ignored, as the watcher does: pgx does not talk over an
	// ended context and drops the connection instead, which also ends the
	// transaction.
	_ = sqlTx.Rollback()
}

// A transaction whose context ends reports ctx.Err() whatever step it was
// at, and keeps nothing; with a live context its own outcome stands.
func TestTransactionEndedContext(t *testing.T) {
	tests := []struct {
		name string
		// work runs inside the transaction after a row was inserted.
		work func(t *testing.T, tx *gorm.DB, cancel context.CancelFunc) error
		want error
		rows int64
	}{
		{name: "commits", work: func(*testing.T, *gorm.DB, context.CancelFunc) error { return nil }, rows: 1},
		{name: "its own error", want: store.ErrNotFound, work: func(*testing.T, *gorm.DB, context.CancelFunc) error {
			return fmt.Errorf("store: probe: %w", store.ErrNotFound)
		}},
		// GORM then commits a transaction database/sql already rolled back.
		{name: "ended before COMMIT", want: context.Canceled, work: func(t *testing.T, tx *gorm.DB, cancel context.CancelFunc) error {
			endedByWatcher(t, tx, cancel)
			return nil
		}},
		{name: "ended during a statement", want: context.Canceled, work: func(t *testing.T, tx *gorm.DB, cancel context.CancelFunc) error {
			endedByWatcher(t, tx, cancel)
			return tx.Exec("INSERT INTO tx_probe (n) VALUES (2)").Error
		}},
		// What SQLite's driver answers for a statement it interrupted.
		{name: "interrupted statement", want: context.Canceled, work: func(_ *testing.T, _ *gorm.DB, cancel context.CancelFunc) error {
			cancel()
			return fmt.Errorf("store: probe: %w", errors.New("interrupted (9)"))
		}},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		db := store.DBForTest(s)
		if err := db.Exec("CREATE TABLE tx_probe (n INTEGER NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if err := db.Exec("DELETE FROM tx_probe").Error; err != nil {
					t.Fatal(err)
				}
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				err := store.TransactionForTest(s, ctx, func(tx *gorm.DB) error {
					if err := tx.Exec("INSERT INTO tx_probe (n) VALUES (1)").Error; err != nil {
						return err
					}
					return tc.work(t, tx, cancel)
				})
				if (tc.want == nil && err != nil) || !errors.Is(err, tc.want) {
					t.Errorf("transaction = %v, want %v", err, tc.want)
				}
				var rows int64
				if err := db.Raw("SELECT COUNT(*) FROM tx_probe").Scan(&rows).Error; err != nil || rows != tc.rows {
					t.Errorf("rows kept = %d (%v), want %d", rows, err, tc.rows)
				}
			})
		}
	})
}

// On SQLite a store transaction holds the write lock from its start, even
// while it only reads: one that read first could not take the lock later
// once another connection wrote meanwhile (SQLITE_BUSY at once, without
// waiting). PostgreSQL's transactions lock rows as they go instead.
func TestSQLiteTransactionTakesWriteLockFirst(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	sqlDB, err := store.DBForTest(s).DB()
	if err != nil {
		t.Fatal(err)
	}
	other, err := sqlDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var busy int64
	if err := other.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil { // fail instead of waiting
		t.Fatal(err)
	}
	defer func() { // back to the pool as it was
		if _, err := other.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", busy)); err != nil {
			t.Error(err)
		}
	}()
	err = store.TransactionForTest(s, ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Raw("SELECT COUNT(*) FROM users").Scan(&n).Error; err != nil {
			return err
		}
		_, err := other.ExecContext(ctx, "BEGIN IMMEDIATE")
		if err == nil {
			_, _ = other.ExecContext(ctx, "ROLLBACK")
			t.Error("another connection took the write lock while a store transaction was open")
		} else if !strings.Contains(err.Error(), "SQLITE_BUSY") {
			t.Errorf("another connection's BEGIN IMMEDIATE: %v; want SQLITE_BUSY", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every GORM transaction of the store goes through Store.transaction, so
// that a cancelled caller never sees the SQL error its cancellation caused.
// (The bulk load holds a connection of its own and checks its context
// itself: TestLoadCancelled.)
func TestTransactionsUseTheHelper(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "tx.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Transaction" {
					t.Errorf("%s: a GORM transaction outside s.transaction (tx.go)", fset.Position(call.Pos()))
				}
			}
			return true
		})
	}
}
