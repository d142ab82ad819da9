package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"axdash/configs"
)

// defaultBusyTimeout is SQLite's wait for the write lock when the
// configuration sets no statement timeout.
const defaultBusyTimeout = 10 * time.Second

// openDialect opens PostgreSQL when cfg.URL is set and otherwise the SQLite
// file data_dir/axdash.db, creating the folder if needed.
func openDialect(cfg configs.DatabaseConfig, gcfg *gorm.Config) (*gorm.DB, string, error) {
	if cfg.URL == "" {
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, "", fmt.Errorf("store: create data dir %s: %w", cfg.DataDir, err)
		}
		db, err := gorm.Open(sqlite.Open(sqliteDSN(sqlitePath(cfg), sqliteBusy(cfg))), gcfg)
		if err != nil {
			return nil, "", fmt.Errorf("store: open sqlite: %w", err)
		}
		return db, DialectSQLite, nil
	}
	if !strings.HasPrefix(cfg.URL, "postgres://") && !strings.HasPrefix(cfg.URL, "postgresql://") {
		return nil, "", fmt.Errorf("store: database url must start with postgres://")
	}
	cc, err := pgx.ParseConfig(cfg.URL)
	if err != nil {
		return nil, "", fmt.Errorf("store: parse database url: %w", err)
	}
	// A server-side limit on every statement of every connection, so that
	// one runaway query cannot hold a connection (and its locks) for ever.
	// A statement_timeout given in the URL itself wins.
	if _, set := cc.RuntimeParams["statement_timeout"]; !set && cfg.StatementTimeout > 0 {
		cc.RuntimeParams["statement_timeout"] = strconv.FormatInt(cfg.StatementTimeout.Milliseconds(), 10)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: stdlib.OpenDB(*cc)}), gcfg)
	if err != nil {
		return nil, "", fmt.Errorf("store: open postgres: %w", err)
	}
	return db, DialectPostgres, nil
}

// sqlitePath is the embedded database's file.
func sqlitePath(cfg configs.DatabaseConfig) string { return filepath.Join(cfg.DataDir, "axdash.db") }

// sqliteBusy is how long an SQLite connection waits for a lock.
func sqliteBusy(cfg configs.DatabaseConfig) time.Duration {
	return cmpDuration(cfg.StatementTimeout, defaultBusyTimeout)
}

// sqliteDSN turns on WAL (readers never wait for the importer), foreign keys
// and a busy timeout so that concurrent writers queue instead of failing.
// A new database gets 16 KiB pages (an existing one keeps its size): index
// pages then split a quarter as often during a load, and each split costs
// the pure-Go SQLite a fresh mapping for its scratch space; loads took a
// quarter less CPU than with the default 4 KiB, 8 and 32 KiB were slower.
// Transactions begin IMMEDIATE, with the write lock: every transaction of
// the store writes, and one that read first under SQLite's default DEFERRED
// could not upgrade once another wrote meanwhile (SQLITE_BUSY at once,
// without waiting: two admins changing accounts together failed).
func sqliteDSN(path string, busy time.Duration) string {
	return "file:" + path + "?_pragma=page_size(16384)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(" + strconv.FormatInt(busy.Milliseconds(), 10) + ")&_pragma=synchronous(NORMAL)" +
		"&_txlock=immediate"
}

// setPool applies the configured pool bounds; zero leaves database/sql's
// default.
func setPool(db *sql.DB, cfg configs.DatabaseConfig) {
	if cfg.MaxOpenConns > 0 {
		db.SetMaxOpenConns(cfg.MaxOpenConns)
	}
	if cfg.MaxIdleConns > 0 {
		db.SetMaxIdleConns(cfg.MaxIdleConns)
	}
	if cfg.ConnMaxLifetime > 0 {
		db.SetConnMaxLifetime(cfg.ConnMaxLifetime)
	}
	if cfg.ConnMaxIdleTime > 0 {
		db.SetConnMaxIdleTime(cfg.ConnMaxIdleTime)
	}
}

// Stats reports the connection pool, for the metrics.
func (s *Store) Stats() sql.DBStats {
	sqlDB, err := s.db.DB()
	if err != nil {
		return sql.DBStats{}
	}
	return sqlDB.Stats()
}

func cmpDuration(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}
