package store

import (
	"database/sql"
	"fmt"
	"log/slog"
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

	"axdash/app/private"
	"axdash/configs"
)

// defaultBusyTimeout is SQLite's wait for the write lock when the
// configuration sets no statement timeout.
const defaultBusyTimeout = 10 * time.Second

// openDialect opens PostgreSQL when cfg.URL is set and otherwise the SQLite
// file data_dir/axdash.db, creating the folder if needed.
func openDialect(cfg configs.DatabaseConfig, gcfg *gorm.Config, log *slog.Logger) (*gorm.DB, string, error) {
	if cfg.URL == "" {
		dsn, err := sqliteSource(cfg, log)
		if err != nil {
			return nil, "", err
		}
		db, err := gorm.Open(sqlite.Open(dsn), gcfg)
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
	// database/sql opens connections in the background too (to replace a
	// broken one for a waiting request), under no request's deadline: a
	// frozen server would hold each such dial, and its pool slot, for ever.
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = cfg.ConnectTimeout
	}
	// A read-only server's every transaction is read-only whatever its
	// role may do, so that a write it should not make fails instead of
	// landing on a primary its operator meant only to read.
	if cfg.ReadOnly {
		cc.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: stdlib.OpenDB(*cc)}), gcfg)
	if err != nil {
		return nil, "", fmt.Errorf("store: open postgres: %w", err)
	}
	return db, DialectPostgres, nil
}

// sqliteSource prepares the SQLite file and returns its DSN. Read-only, the
// file must exist already (an empty new one would be no axdash database)
// and is opened with mode=ro: SQLite refuses every write on it.
func sqliteSource(cfg configs.DatabaseConfig, log *slog.Logger) (string, error) {
	path := sqlitePath(cfg)
	if !cfg.ReadOnly {
		if err := prepareSQLite(cfg, log); err != nil {
			return "", err
		}
		return sqliteDSN(path, sqliteBusy(cfg)), nil
	}
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("store: read-only database %s: %w", path, err)
	}
	return sqliteDSN(path, sqliteBusy(cfg)) + "&mode=ro", nil
}

// sqlitePath is the embedded database's file.
func sqlitePath(cfg configs.DatabaseConfig) string { return filepath.Join(cfg.DataDir, "axdash.db") }

// prepareSQLite makes the data folder 0700, narrows a folder or database
// files left open to other users, and creates a new database file 0600:
// SQLite would make it 0644 less the umask, and it gives the -wal and -shm
// files it creates beside the database the database file's mode. An empty
// file is a valid new database.
func prepareSQLite(cfg configs.DatabaseConfig, log *slog.Logger) error {
	if err := private.MkdirAll(cfg.DataDir); err != nil {
		return fmt.Errorf("store: unable to create the data folder: %w", err)
	}
	db := filepath.Base(sqlitePath(cfg))
	private.Tighten(log, cfg.DataDir, db, db+"-wal", db+"-shm")
	if err := private.Ensure(sqlitePath(cfg)); err != nil {
		return fmt.Errorf("store: unable to create the database file: %w", err)
	}
	return nil
}

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
func (s *Ops) Stats() sql.DBStats {
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
