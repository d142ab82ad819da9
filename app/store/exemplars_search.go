package store

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// trigramExtension is the PostgreSQL extension the exemplar search's index
// needs.
const trigramExtension = "pg_trgm"

// exemplarSearchIndexName is migration 0180's index.
const exemplarSearchIndexName = "responses_exemplar_search"

// exemplarSearchIndex is migration 0180 on PostgreSQL: a trigram GIN index
// over the exemplars' names and case texts, which serves ILIKE '%챗봇%'.
// Creating the extension needs a privilege the server's role may lack: then
// the migration logs it once and goes on without the index (the search is
// the same ILIKE, scanning the wave's exemplars). The attempt runs in a
// savepoint, so that its failure does not abort the migration's
// transaction. ext is trigramExtension but for the fallback's test.
func exemplarSearchIndex(ctx context.Context, tx *gorm.DB, dialect string, log *slog.Logger, ext string) error {
	if dialect != DialectPostgres {
		return nil
	}
	sp := tx.WithContext(ctx)
	// A savepoint, not a nested Transaction: the migration's transaction
	// is the store's (s.transaction), and a failure here must not abort it.
	if err := sp.SavePoint("exemplar_search").Error; err != nil {
		return fmt.Errorf("store: unable to start the exemplar search index: %w", err)
	}
	err := func() error {
		if err := sp.Exec("CREATE EXTENSION IF NOT EXISTS " + ext).Error; err != nil {
			return err
		}
		// The extension may live in any schema (the first of the search
		// path when it was made): name its operator class by it.
		var schema string
		if err := sp.Raw("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "+
			"WHERE e.extname = ?", ext).Scan(&schema).Error; err != nil {
			return err
		}
		ops := pgx.Identifier{schema, "gin_trgm_ops"}.Sanitize()
		return sp.Exec("CREATE INDEX " + exemplarSearchIndexName + " ON responses USING gin (firm_name " + ops +
			", exemplar_note " + ops + ") WHERE exemplar = TRUE").Error
	}()
	if err != nil {
		if rerr := sp.RollbackTo("exemplar_search").Error; rerr != nil {
			return fmt.Errorf("store: unable to undo the exemplar search index: %w", rerr)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("store: unable to build the exemplar search index: %w", err)
		}
		log.Warn("store: 우수사례 검색 색인을 만들지 못해 색인 없이 검색합니다. 관리자 권한으로 "+
			"`CREATE EXTENSION pg_trgm`을 실행한 뒤 README의 색인 문장을 실행하세요 (exemplar search runs without "+
			"its trigram index: the pg_trgm extension could not be created)", "extension", ext, "err", err)
	}
	return nil
}
