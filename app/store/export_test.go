package store

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"gorm.io/gorm"
)

// DBForTest lets the black-box tests inspect tables the API does not expose.
func DBForTest(s *DB) *gorm.DB { return s.db }

// SetAfterPurgeMarkForTest runs fn inside each purge's transaction once its
// files are marked purged, before their chunks go and it commits.
func SetAfterPurgeMarkForTest(s *DB, fn func(tx *gorm.DB)) { s.Jobs.afterPurgeMark = fn }

// ExecForTest runs q inside the load's transaction, so that a test can
// break a link the loader would never break.
func (l *Load) ExecForTest(q string, args ...any) error { return l.tx.exec(l.ctx, q, args...) }

// HistogramBackfillForTest is the INSERT of migration 0031 that fills the
// histograms of waves stored before it.
func HistogramBackfillForTest(s *DB) (string, error) {
	migs, err := loadMigrations(s.dialect)
	if err != nil {
		return "", err
	}
	for _, m := range migs {
		if m.version == 31 {
			_, insert, _ := strings.Cut(m.sql, ");\n\nINSERT")
			return "INSERT" + insert, nil
		}
	}
	return "", errors.New("no migration 0031")
}

// TransactionForTest runs fn through the store's transaction helper.
func TransactionForTest(s *DB, ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.transaction(ctx, fn)
}

// KeyAllResponsesForTest runs migration 0140's Go step: record keys for
// every stored response, then every wave's cube rebuilt.
func KeyAllResponsesForTest(s *DB, ctx context.Context) error {
	return s.transaction(ctx, func(tx *gorm.DB) error { return keyAllResponses(ctx, tx, s.dialect) })
}

// ExemplarSearchIndexForTest runs migration 0180's Go step with the given
// extension (one that cannot be created tests the fallback).
func ExemplarSearchIndexForTest(s *DB, ctx context.Context, log *slog.Logger, ext string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error { return exemplarSearchIndex(ctx, tx, s.dialect, log, ext) })
}

// ExemplarSearchIndexName is migration 0180's index.
const ExemplarSearchIndexName = exemplarSearchIndexName
