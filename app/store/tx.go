package store

import (
	"context"

	"gorm.io/gorm"
)

// transaction runs fn in one transaction under ctx. Once ctx has ended it
// reports ctx.Err() instead of whatever failed: database/sql rolls a
// transaction back by itself as soon as its context ends, so a cancellation
// racing the work surfaces as an interrupted statement (SQLite), a
// cancelled query (PostgreSQL) or, when it lands between the last statement
// and COMMIT, sql.ErrTxDone from GORM's Commit. None of these is a database
// fault: nothing was written because the caller left, and callers (a
// stopping runner, a closed request) can tell that from ctx.Err().
func (s *conn) transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	err := s.db.WithContext(ctx).Transaction(fn)
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
