package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ErrFilePurged: the file's bytes were removed by the retention rule for
// uploads no job stored (jobs.unstored_file_retention); the record stays.
var ErrFilePurged = errors.New("the file was removed after the retention period")

// Purged is what one purge freed: the files whose bytes it removed, and
// their bytes with those of their jobs' annotated copies.
type Purged struct {
	Files int
	Bytes int64
}

// purgeable selects the files a purge may remove: kept, uploaded by at
// least one job, every job of theirs ended without storing (refused,
// cancelled, failed) before the cutoff that fills the ?, and no import made
// from them (a direct `axdash import` has no job but needs its original).
const purgeable = "f.purged_at IS NULL " +
	"AND EXISTS (SELECT 1 FROM import_jobs j WHERE j.sha256 = f.sha256) " +
	"AND NOT EXISTS (SELECT 1 FROM import_jobs j WHERE j.sha256 = f.sha256 " +
	"AND (j.state NOT IN ('refused', 'cancelled', 'failed') OR j.updated_at >= ?)) " +
	"AND NOT EXISTS (SELECT 1 FROM imports i WHERE i.sha256 = f.sha256)"

// purgedFile is a file a purge marked, with its size before.
type purgedFile struct {
	SHA256 string `gorm:"column:sha256"`
	Size   int64
}

// PurgeUnstoredFiles removes the bytes (chunks and annotated copies) of at
// most limit files that only unstored jobs uploaded, all of which ended
// before cutoff, in one transaction; the files' rows stay, marked purged,
// so that the jobs keep their history. Call it again while it returns
// limit files. Several processes may purge at once: on PostgreSQL each
// locks its files with FOR UPDATE SKIP LOCKED (an upload of the same bytes
// holds the row through its job's foreign key, and is skipped) and checks
// them again once locked; on SQLite the single writer serialises purges.
func (s *Jobs) PurgeUnstoredFiles(ctx context.Context, cutoff time.Time, limit int) (Purged, error) {
	var out Purged
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		files, err := s.markPurged(tx, cutoff.UTC(), limit)
		if err != nil || len(files) == 0 {
			return err
		}
		if s.afterPurgeMark != nil {
			s.afterPurgeMark(tx)
		}
		shas := make([]string, len(files))
		for i, f := range files {
			shas[i] = f.SHA256
			out.Bytes += f.Size
		}
		var annotated int64
		if err := tx.Raw("SELECT COALESCE(SUM(annotated_size), 0) FROM import_jobs WHERE sha256 IN ?", shas).
			Scan(&annotated).Error; err != nil {
			return fmt.Errorf("annotated sizes: %w", err)
		}
		for _, q := range []string{
			"DELETE FROM import_job_chunks WHERE job_id IN (SELECT id FROM import_jobs WHERE sha256 IN ?)",
			"DELETE FROM import_file_chunks WHERE sha256 IN ?",
		} {
			if err := tx.Exec(q, shas).Error; err != nil {
				return fmt.Errorf("delete chunks: %w", err)
			}
		}
		if err := tx.Exec("UPDATE import_files SET size = 0, content = ? WHERE sha256 IN ?", []byte{}, shas).Error; err != nil {
			return fmt.Errorf("empty files: %w", err)
		}
		out.Files, out.Bytes = len(files), out.Bytes+annotated
		return nil
	})
	if err != nil {
		return Purged{}, fmt.Errorf("store: purge unstored import files: %w", err)
	}
	return out, nil
}

// markPurged stamps purged_at on up to limit purgeable files and returns
// them with their sizes. PostgreSQL first locks candidates nobody holds,
// then checks them again in a statement whose snapshot sees every upload
// or import committed before the lock. SQLite's single statement starts
// with the write lock, so the transaction never needs to upgrade a read.
func (s *Jobs) markPurged(tx *gorm.DB, cutoff time.Time, limit int) ([]purgedFile, error) {
	now := time.Now().UTC()
	var files []purgedFile
	if s.dialect != DialectPostgres {
		err := tx.Raw("UPDATE import_files SET purged_at = ? WHERE sha256 IN (SELECT f.sha256 FROM import_files f WHERE "+
			purgeable+" ORDER BY f.sha256 LIMIT ?) RETURNING sha256, size", now, cutoff, limit).Scan(&files).Error
		if err != nil {
			return nil, fmt.Errorf("mark files: %w", err)
		}
		return files, nil
	}
	var locked []string
	if err := tx.Raw("SELECT f.sha256 FROM import_files f WHERE "+purgeable+" ORDER BY f.sha256 LIMIT ? "+
		"FOR UPDATE SKIP LOCKED", cutoff, limit).Scan(&locked).Error; err != nil {
		return nil, fmt.Errorf("lock files: %w", err)
	}
	if len(locked) == 0 {
		return nil, nil
	}
	err := tx.Raw("UPDATE import_files f SET purged_at = ? WHERE f.sha256 IN ? AND "+purgeable+
		" RETURNING f.sha256, f.size", now, locked, cutoff).Scan(&files).Error
	if err != nil {
		return nil, fmt.Errorf("mark files: %w", err)
	}
	return files, nil
}
