package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"axdash/app/model"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// dialectTokens are the only differences between the dialects' DDL.
var dialectTokens = map[string]map[string]string{
	DialectSQLite: {"{{pk}}": "INTEGER PRIMARY KEY AUTOINCREMENT", "{{float}}": "REAL", "{{ts}}": "TIMESTAMP",
		"{{blob}}": "BLOB"},
	DialectPostgres: {"{{pk}}": "BIGSERIAL PRIMARY KEY", "{{float}}": "DOUBLE PRECISION", "{{ts}}": "TIMESTAMPTZ",
		"{{blob}}": "BYTEA"},
}

// A migration named NNNN_name.postgres.sql (or .sqlite.sql) is for that
// dialect only: on the other it is recorded as applied with nothing run, so
// that both report the same schema version.
func dialectOnly(base string) string {
	for _, d := range []string{DialectPostgres, DialectSQLite} {
		if strings.HasSuffix(base, "."+d+".sql") {
			return d
		}
	}
	return ""
}

func loadMigrations(dialect string) ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("store: list migrations: %w", err)
	}
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("store: migration %s has no version prefix", base)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", base, err)
		}
		text := string(b)
		if only := dialectOnly(base); only != "" && only != dialect {
			text = ""
		}
		for tok, repl := range dialectTokens[dialect] {
			text = strings.ReplaceAll(text, tok, repl)
		}
		out = append(out, migration{version: v, name: base, sql: text})
	}
	return out, nil
}

// Migrate applies every migration not yet recorded in schema_migrations, each
// in its own transaction. On PostgreSQL an advisory lock lets several axdash
// processes start at once without racing. It ends by checking that the
// survey field table's columns exist (CheckFields).
func (s *Ops) Migrate(ctx context.Context) error {
	migs, err := loadMigrations(s.dialect)
	if err != nil {
		return err
	}
	db := s.db.WithContext(ctx)
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL, applied_at TIMESTAMP NOT NULL)`).Error; err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range migs {
		if err := s.transaction(ctx, func(tx *gorm.DB) error { return s.applyMigration(tx, m) }); err != nil {
			return err
		}
	}
	return s.CheckFields(ctx, model.Fields())
}

// migrationHooks are the Go steps of migrations, run after the version's
// SQL in its transaction: data a statement cannot compute, or DDL that
// may fall back.
func migrationHooks(log *slog.Logger) map[int]func(ctx context.Context, tx *gorm.DB, dialect string) error {
	return map[int]func(context.Context, *gorm.DB, string) error{
		120: rebuildAllCubes, // the cube gained its variance sums
		140: keyAllResponses, // record keys for the stored responses, then their cells' keys and tops
		150: rebuildAllCubes, // the moments count their denominators (Estimate.N)
		160: rebuildAllCubes, // the moments are kept per stratum from the file too
		180: func(ctx context.Context, tx *gorm.DB, dialect string) error { // the exemplar search's trigram index
			return exemplarSearchIndex(ctx, tx, dialect, log, trigramExtension)
		},
	}
}

func (s *Ops) applyMigration(tx *gorm.DB, m migration) error {
	if s.dialect == DialectPostgres {
		// Building an index over years of waves may outlast the
		// statement timeout meant for requests.
		if err := tx.Exec("SET LOCAL statement_timeout = 0").Error; err != nil {
			return fmt.Errorf("store: migration timeout: %w", err)
		}
		if err := tx.Exec("SELECT pg_advisory_xact_lock(7423001)").Error; err != nil {
			return fmt.Errorf("store: migration lock: %w", err)
		}
	}
	var done int64
	if err := tx.Raw("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&done).Error; err != nil {
		return fmt.Errorf("store: read schema_migrations: %w", err)
	}
	if done > 0 {
		return nil
	}
	for _, stmt := range splitStatements(m.sql) {
		if err := tx.Exec(stmt).Error; err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	if hook, ok := migrationHooks(s.log)[m.version]; ok {
		if err := hook(tx.Statement.Context, tx, s.dialect); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	if err := tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, time.Now().UTC()).Error; err != nil {
		return fmt.Errorf("store: record migration %s: %w", m.name, err)
	}
	return nil
}

// splitStatements splits a migration on semicolons at line ends and drops
// comment lines; our migrations hold no semicolons inside literals.
func splitStatements(text string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

// SchemaVersion returns the highest applied migration version.
func (s *Ops) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	if err := s.db.WithContext(ctx).Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// ErrSchemaMismatch is a read-only store's database whose schema is not the
// one this binary migrates to.
var ErrSchemaMismatch = errors.New("schema version mismatch")

// LatestSchemaVersion is the version the binary's migrations end at.
func LatestSchemaVersion() (int, error) {
	migs, err := loadMigrations(DialectSQLite) // the versions are the same in both
	if err != nil {
		return 0, err
	}
	if len(migs) == 0 {
		return 0, nil
	}
	return migs[len(migs)-1].version, nil
}

// CheckSchema is what a store that may not migrate does instead: it
// refuses a database whose schema is not exactly this binary's. Behind (a
// migration pending), the queries would miss columns and tables; ahead, a
// newer binary migrated the primary and this one cannot know whether its
// queries still hold, so it is replaced rather than left to fail on some
// page.
func (s *Ops) CheckSchema(ctx context.Context) error {
	want, err := LatestSchemaVersion()
	if err != nil {
		return err
	}
	ms, err := s.Migrations(ctx)
	if err != nil {
		return err
	}
	have := 0
	if !s.missingTable(ctx) {
		if have, err = s.SchemaVersion(ctx); err != nil {
			return err
		}
	}
	switch {
	case len(ms.Pending) > 0:
		return fmt.Errorf("store: 데이터베이스 스키마가 버전 %d로, 이 프로그램의 버전 %d보다 낮습니다(빠진 마이그레이션: %s). "+
			"내부 서버에서 `axdash migrate`를 실행한 뒤 다시 시작하세요 (the database schema is at version %d, behind this "+
			"binary's %d: run `axdash migrate` against the primary): %w",
			have, want, strings.Join(ms.Pending, ", "), have, want, ErrSchemaMismatch)
	case have > want:
		return fmt.Errorf("store: 데이터베이스 스키마가 버전 %d로, 이 프로그램의 버전 %d보다 높습니다. 이 서버를 주 서버와 같은 "+
			"버전의 axdash로 바꾸세요 (the database schema is at version %d, ahead of this binary's %d: upgrade this "+
			"server to the primary's release): %w", have, want, have, want, ErrSchemaMismatch)
	}
	return nil
}
