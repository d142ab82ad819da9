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
	"time"
)

// chunkSize is how much of an original file one chunk row holds.
const chunkSize = 1 << 20

// storeOriginal keeps the uploaded file's bytes under its SHA-256 for audit,
// inside the load's transaction, in chunks, so memory stays flat however
// large the file. The bytes must hash to the import's SHA-256: the record
// would otherwise point at a different file, and the mismatch fails the
// load. A file already kept (its earlier import since deleted) stays.
func (l *Load) storeOriginal(original io.Reader) error {
	_, kept, err := l.tx.queryInt64(l.ctx, "SELECT 1 FROM import_files WHERE sha256 = ?", l.imp.SHA256)
	if err != nil {
		return fmt.Errorf("store: check kept file: %w", err)
	}
	if kept {
		return nil
	}
	err = l.tx.exec(l.ctx, "INSERT INTO import_files (sha256, size, content, created_at) VALUES (?, 0, ?, ?)",
		l.imp.SHA256, []byte{}, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: keep original file: %w", err)
	}
	h := sha256.New()
	buf := make([]byte, chunkSize)
	var size int64
	for seq := 0; ; seq++ {
		n, rerr := io.ReadFull(original, buf)
		if n > 0 {
			h.Write(buf[:n])
			size += int64(n)
			if err := l.tx.exec(l.ctx, "INSERT INTO import_file_chunks (sha256, seq, content) VALUES (?, ?, ?)",
				l.imp.SHA256, seq, buf[:n]); err != nil {
				return fmt.Errorf("store: keep original file, chunk %d: %w", seq, err)
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return fmt.Errorf("store: read original file: %w", rerr)
		}
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != l.imp.SHA256 {
		return fmt.Errorf("store: original file hashes to %s, not the import's %s", sum, l.imp.SHA256)
	}
	if err := l.tx.exec(l.ctx, "UPDATE import_files SET size = ? WHERE sha256 = ?", size, l.imp.SHA256); err != nil {
		return fmt.Errorf("store: keep original file size: %w", err)
	}
	return nil
}

// ImportFile returns the original bytes of an imported file by its SHA-256;
// ErrNotFound when none was kept. Files kept before chunking have their
// bytes in import_files.content.
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
	rows, err := s.db.WithContext(ctx).Raw("SELECT content FROM import_file_chunks WHERE sha256 = ? ORDER BY seq", sha).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: import file %s chunks: %w", sha, err)
	}
	defer rows.Close()
	var out bytes.Buffer
	out.Write(content)
	for rows.Next() {
		var chunk []byte
		if err := rows.Scan(&chunk); err != nil {
			return nil, fmt.Errorf("store: import file %s chunk: %w", sha, err)
		}
		out.Write(chunk)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: import file %s chunks: %w", sha, err)
	}
	return out.Bytes(), nil
}
