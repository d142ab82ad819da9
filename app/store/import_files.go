package store

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"
)

// chunkSize is how much of an original file one chunk row holds.
const chunkSize = 1 << 20

// storeOriginal keeps the uploaded file's bytes under its SHA-256 for audit,
// inside the load's transaction, in chunks, so memory stays flat however
// large the file. The bytes must hash to the import's SHA-256: the record
// would otherwise point at a different file, and the mismatch fails the
// load. A file already kept (uploaded for a job, or its earlier import since
// deleted) stays; one the retention rule purged is written again.
func (l *Load) storeOriginal(original io.Reader) error {
	// On PostgreSQL FOR KEY SHARE holds the file's row until the load
	// commits, so a concurrent purge (FOR UPDATE SKIP LOCKED) leaves it
	// alone, while uploads of the same bytes go on; had a purge marked it
	// first, the SELECT waits for it and reads it purged. SQLite's load
	// holds the write lock throughout.
	lock := ""
	if l.dialect == DialectPostgres {
		lock = " FOR KEY SHARE"
	}
	purged, kept, err := l.tx.queryInt64(l.ctx, "SELECT CASE WHEN purged_at IS NULL THEN 0 ELSE 1 END "+
		"FROM import_files WHERE sha256 = ?"+lock, l.imp.SHA256)
	if err != nil {
		return fmt.Errorf("store: check kept file: %w", err)
	}
	switch {
	case kept && purged == 0:
		return nil
	case kept:
		err = l.tx.exec(l.ctx, "UPDATE import_files SET purged_at = NULL, size = 0 WHERE sha256 = ?", l.imp.SHA256)
	default:
		err = l.tx.exec(l.ctx, "INSERT INTO import_files (sha256, size, content, created_at) VALUES (?, 0, ?, ?)",
			l.imp.SHA256, []byte{}, time.Now().UTC())
	}
	if err != nil {
		return fmt.Errorf("store: keep original file: %w", err)
	}
	exec := func(q string, args ...any) error { return l.tx.exec(l.ctx, q, args...) }
	if _, err := keepChunks(exec, l.imp.SHA256, original); err != nil {
		return fmt.Errorf("store: keep original file: %w", err)
	}
	return nil
}

// keepChunks writes r's bytes as the chunks of the file kept under sha, whose
// import_files row the caller has just inserted in the same transaction, and
// records their size. Bytes that do not hash to sha are an error, so that
// the transaction stores nothing mislabelled.
func keepChunks(exec func(q string, args ...any) error, sha string, r io.Reader) (int64, error) {
	size, sum, err := writeChunks(r, func(seq int, b []byte) error {
		return exec("INSERT INTO import_file_chunks (sha256, seq, content) VALUES (?, ?, ?)", sha, seq, b)
	})
	if err != nil {
		return 0, err
	}
	if sum != sha {
		return 0, fmt.Errorf("the file hashes to %s, not %s", sum, sha)
	}
	return size, exec("UPDATE import_files SET size = ? WHERE sha256 = ?", size, sha)
}

// ImportFile returns the original bytes of an imported file by its SHA-256;
// ErrNotFound when none was kept.
func (s *Jobs) ImportFile(ctx context.Context, sha string) ([]byte, error) {
	var out bytes.Buffer
	if err := s.CopyImportFile(ctx, sha, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// CopyImportFile writes the kept bytes of a file to w, chunk by chunk;
// ErrNotFound when none was kept, ErrFilePurged when the retention rule
// removed them. Files kept before chunking have their bytes in
// import_files.content.
func (s *Jobs) CopyImportFile(ctx context.Context, sha string, w io.Writer) error {
	f, err := s.keptFile(ctx, sha)
	if err != nil {
		return err
	}
	if _, err := w.Write(f.Content); err != nil {
		return fmt.Errorf("store: import file %s: %w", sha, err)
	}
	if err := s.copyChunks(ctx, w, "SELECT content FROM import_file_chunks WHERE sha256 = ? ORDER BY seq", sha); err != nil {
		return fmt.Errorf("store: import file %s: %w", sha, err)
	}
	return nil
}

// ImportFileSize is the size of a kept file; ErrNotFound when none is kept,
// ErrFilePurged when the retention rule removed its bytes.
func (s *Jobs) ImportFileSize(ctx context.Context, sha string) (int64, error) {
	f, err := s.keptFile(ctx, sha)
	return f.Size, err
}

// keptFile is a kept file's row; ErrNotFound when there is none,
// ErrFilePurged when the retention rule removed its bytes.
func (s *Jobs) keptFile(ctx context.Context, sha string) (keptFileRow, error) {
	var files []keptFileRow
	if err := s.db.WithContext(ctx).Raw("SELECT size, content, purged_at FROM import_files WHERE sha256 = ?", sha).
		Scan(&files).Error; err != nil {
		return keptFileRow{}, fmt.Errorf("store: import file %s: %w", sha, err)
	}
	switch {
	case len(files) == 0:
		return keptFileRow{}, fmt.Errorf("store: import file %s: %w", sha, ErrNotFound)
	case files[0].PurgedAt != nil:
		return keptFileRow{}, fmt.Errorf("store: import file %s: %w", sha, ErrFilePurged)
	}
	return files[0], nil
}

// keptFileRow is an import_files row; Content holds the bytes of files kept
// before chunking (empty for the others).
type keptFileRow struct {
	Size     int64
	Content  []byte
	PurgedAt *time.Time
}

// ImportFileFormat is the format ("xlsx", "csv", …) an import recorded for
// a kept file, so its download gets a name Excel opens; "" when no import
// names it.
func (s *Jobs) ImportFileFormat(ctx context.Context, sha string) (string, error) {
	var formats []string
	if err := s.db.WithContext(ctx).Raw("SELECT format FROM imports WHERE sha256 = ? ORDER BY id LIMIT 1", sha).
		Scan(&formats).Error; err != nil {
		return "", fmt.Errorf("store: import file %s format: %w", sha, err)
	}
	if len(formats) == 0 {
		return "", nil
	}
	return formats[0], nil
}
