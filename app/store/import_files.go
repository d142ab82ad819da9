package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"
)

// storeOriginal keeps the uploaded file's bytes under its SHA-256 for audit,
// inside the load's transaction. The bytes must hash to the import's
// SHA-256: the record would otherwise point at a different file. They go in
// as one bound value, which is fine up to the upload limit (50 MiB by
// default). A file already kept (its earlier import since deleted) stays.
func (l *Load) storeOriginal(original io.Reader) error {
	h := sha256.New()
	buf := bytes.NewBuffer(make([]byte, 0, sizeHint(original)))
	if _, err := io.Copy(io.MultiWriter(buf, h), original); err != nil {
		return fmt.Errorf("store: read original file: %w", err)
	}
	content := buf.Bytes()
	if sum := hex.EncodeToString(h.Sum(nil)); sum != l.imp.SHA256 {
		return fmt.Errorf("store: original file hashes to %s, not the import's %s", sum, l.imp.SHA256)
	}
	err := l.tx.exec(l.ctx, "INSERT INTO import_files (sha256, size, content, created_at) VALUES (?, ?, ?, ?) "+
		"ON CONFLICT (sha256) DO NOTHING", l.imp.SHA256, int64(len(content)), content, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: keep original file: %w", err)
	}
	return nil
}

// sizeHint is the file's size when original is a file, so that its bytes
// are read into one buffer of the right size rather than a growing one.
func sizeHint(r io.Reader) int {
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Size() > 0 && fi.Size() < 1<<31 {
			return int(fi.Size()) + bytes.MinRead // room to see EOF without growing
		}
	}
	return 0
}

// ImportFile returns the original bytes of an imported file by its SHA-256;
// ErrNotFound when none was kept.
func (s *Store) ImportFile(ctx context.Context, sha string) ([]byte, error) {
	var content []byte
	row := s.db.WithContext(ctx).Raw("SELECT content FROM import_files WHERE sha256 = ?", sha).Row()
	err := row.Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: import file %s: %w", sha, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: import file %s: %w", sha, err)
	}
	return content, nil
}
