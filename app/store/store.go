// Package store is axdash's only door to the database: it opens PostgreSQL
// or the embedded SQLite file, runs the versioned migrations, loads import
// batches in one transaction and answers one aggregate question per method.
// It knows GORM and SQL and nothing of HTTP.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
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
)

// Store wraps one database handle; it is safe for concurrent use and holds
// no state beyond the connection pool, so several processes can share one
// PostgreSQL.
type Store struct {
	db      *gorm.DB
	dialect string
}

// Open connects to PostgreSQL when cfg.URL is set and otherwise to the SQLite
// file data_dir/axdash.db, creating the folder if needed.
func Open(ctx context.Context, cfg configs.DatabaseConfig, log *slog.Logger) (*Store, error) {
	gcfg := &gorm.Config{
		Logger: logger.NewSlogLogger(log, logger.Config{
			SlowThreshold:             time.Second,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
			ParameterizedQueries:      true,
		}),
		TranslateError: true,
	}
	var (
		db      *gorm.DB
		err     error
		dialect string
	)
	if cfg.URL != "" {
		if !strings.HasPrefix(cfg.URL, "postgres://") && !strings.HasPrefix(cfg.URL, "postgresql://") {
			return nil, fmt.Errorf("store: database url must start with postgres://")
		}
		dialect = DialectPostgres
		db, err = gorm.Open(postgres.Open(cfg.URL), gcfg)
	} else {
		dialect = DialectSQLite
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create data dir %s: %w", cfg.DataDir, err)
		}
		db, err = gorm.Open(sqlite.Open(sqliteDSN(filepath.Join(cfg.DataDir, "axdash.db"))), gcfg)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: pool: %w", err)
	}
	if cfg.MaxOpenConns > 0 {
		sqlDB.SetMaxOpenConns(cfg.MaxOpenConns)
	}
	s := &Store{db: db, dialect: dialect}
	if err := s.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// sqliteDSN turns on WAL (readers never wait for the importer), foreign keys
// and a busy timeout so that concurrent writers queue instead of failing.
// A new database gets 16 KiB pages (an existing one keeps its size): index
// pages then split a quarter as often during a load, and each split costs
// the pure-Go SQLite a fresh mapping for its scratch space; loads took a
// quarter less CPU than with the default 4 KiB, 8 and 32 KiB were slower.
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=page_size(16384)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)"
}

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: pool: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.dialect, err)
	}
	return nil
}

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: pool: %w", err)
	}
	return sqlDB.Close()
}
