// Package store is axdash's only door to the database: it opens PostgreSQL
// or the embedded SQLite file, runs the versioned migrations, loads import
// batches in one transaction and answers one aggregate question per method.
// The database is opened once (Open, DB) and split by what it holds into
// Surveys, Jobs, Accounts and Ops over that one handle. It knows GORM and
// SQL and nothing of HTTP.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"axdash/configs"
)

// Dialect names as reported by /healthz.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// Errors callers map to user-facing answers.
var (
	ErrNotFound      = errors.New("not found")
	ErrDuplicateFile = errors.New("this file was already imported")
	ErrWaveExists    = errors.New("the wave already holds data")
	ErrReadOnly      = errors.New("the database is opened read-only (database.read_only, AXDASH_READ_ONLY): " +
		"write on an internal server")
)

// conn is the one database handle every focused store shares; it holds no
// state beyond the connection pool, so several processes can share one
// PostgreSQL.
type conn struct {
	db      *gorm.DB
	dialect string
	// readOnly is a database opened with DatabaseConfig.ReadOnly: it
	// refuses writes, so the read path must not attempt one.
	readOnly bool
	// log takes what the store reports besides errors: a migration step
	// that fell back (migration 0180's trigram index).
	log *slog.Logger
}

// DB is the database opened once, split by what it holds into focused
// stores over the same handle. Each is safe for concurrent use; callers
// take the one they need (or a small interface of it) rather than all.
type DB struct {
	*conn
	Surveys  *Surveys
	Jobs     *Jobs
	Accounts *Accounts
	Ops      *Ops
}

// Surveys holds the survey data and its cube: waves and their imports,
// loads, responses, the persisted cube and its reads, exemplars and
// quality findings.
type Surveys struct {
	*conn
	// recordKeySource, set by tests only (SetRecordKeySource), draws the
	// record keys instead of crypto/rand, so that protected figures are
	// the same on every run and database.
	recordKeySource io.Reader
}

// SetRecordKeySource makes loads draw record keys from r instead of
// crypto/rand: for tests that compare protected figures across runs and
// databases. Never for real data: the keys are the protection's secret.
func (s *Surveys) SetRecordKeySource(r io.Reader) { s.recordKeySource = r }

// Jobs holds the import job queue and its events, the stored import files
// (chunks) and their purge.
type Jobs struct {
	*conn
	// afterPurgeMark, set by tests only, runs inside a purge's transaction
	// once its files are marked, to race an upload against it.
	afterPurgeMark func(tx *gorm.DB)
}

// Accounts holds users, sessions, sign-in throttling and server keys.
type Accounts struct{ *conn }

// Ops is the operator's side of the database: health and pool figures,
// migrations and the schema check, backup, and the boundary map.
type Ops struct{ *conn }

// Open connects to PostgreSQL when cfg.URL is set and otherwise to the SQLite
// file data_dir/axdash.db, creating the folder if needed, and returns the
// focused stores over that one handle. With cfg.ReadOnly
// the database is opened so that it refuses every write (see openDialect)
// and nothing is created. With a logger that takes debug records every
// statement is logged.
func Open(ctx context.Context, cfg configs.DatabaseConfig, log *slog.Logger) (*DB, error) {
	// A logger that takes debug records gets every statement (the tests
	// that check what a read runs rely on it); otherwise slow ones only.
	level := logger.Warn
	if log.Enabled(ctx, slog.LevelDebug) {
		level = logger.Info
	}
	gcfg := &gorm.Config{
		Logger: logger.NewSlogLogger(log, logger.Config{
			SlowThreshold:             time.Second,
			LogLevel:                  level,
			IgnoreRecordNotFoundError: true,
			ParameterizedQueries:      true,
		}),
		TranslateError: true,
	}
	db, dialect, err := openDialect(cfg, gcfg, log)
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: pool: %w", err)
	}
	setPool(sqlDB, cfg)
	c := &conn{db: db, dialect: dialect, readOnly: cfg.ReadOnly, log: log}
	d := &DB{conn: c, Surveys: &Surveys{conn: c}, Jobs: &Jobs{conn: c}, Accounts: &Accounts{c}, Ops: &Ops{c}}
	if err := d.Ops.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return d, nil
}

// Dialect is "sqlite" or "postgres".
func (s *Ops) Dialect() string { return s.dialect }

// Ping checks that the database answers.
func (s *Ops) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: pool: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.dialect, err)
	}
	return nil
}

// Close releases the connection pool every focused store shares.
func (s *DB) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: pool: %w", err)
	}
	return sqlDB.Close()
}
