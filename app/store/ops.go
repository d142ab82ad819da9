package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"axdash/app/private"
)

// MigrationState compares the embedded migrations with those the database
// has applied.
type MigrationState struct {
	Applied int      // embedded migrations recorded in schema_migrations
	Pending []string // embedded migrations not applied yet, in order
}

// Migrations reports which embedded migrations the database lacks. A
// database never migrated has every migration pending.
func (s *Ops) Migrations(ctx context.Context) (MigrationState, error) {
	migs, err := loadMigrations(s.dialect)
	if err != nil {
		return MigrationState{}, err
	}
	var applied []int
	err = s.db.WithContext(ctx).Raw("SELECT version FROM schema_migrations").Scan(&applied).Error
	if err != nil && !s.missingTable(ctx) {
		return MigrationState{}, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	done := make(map[int]bool, len(applied))
	for _, v := range applied {
		done[v] = true
	}
	var st MigrationState
	for _, m := range migs {
		if done[m.version] {
			st.Applied++
		} else {
			st.Pending = append(st.Pending, m.name)
		}
	}
	return st, nil
}

// missingTable says whether schema_migrations is absent (a database that
// was never migrated), as opposed to unreadable.
func (s *Ops) missingTable(ctx context.Context) bool {
	return !s.db.WithContext(ctx).Migrator().HasTable("schema_migrations") && ctx.Err() == nil
}

// ErrBackupPostgres says a PostgreSQL database is backed up with its own
// tools, not by axdash.
var ErrBackupPostgres = errors.New("store: back up PostgreSQL with pg_dump -Fc (see docs/operations.md)")

// Backup writes a consistent copy of the SQLite database to path with
// VACUUM INTO: one transaction's snapshot, taken while the server keeps
// serving and importing. path must not exist yet.
func (s *Ops) Backup(ctx context.Context, path string) error {
	if s.dialect != DialectSQLite {
		return ErrBackupPostgres
	}
	// SQLite would create the copy 0644 less the umask; it takes an empty
	// file as VACUUM INTO's target, so the copy is made 0600 first (and
	// "must not exist" is checked by the same call, with no race).
	f, err := private.Create(path)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("store: backup: %s already exists", path)
	}
	if err != nil {
		return fmt.Errorf("store: unable to create the backup: %w", err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("store: unable to create the backup: %w", err)
	}
	if err := s.db.WithContext(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}
