package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"
)

// serverKeyBytes is the length of a shared secret: an HMAC-SHA256 key.
const serverKeyBytes = 32

// ServerKey returns the shared secret called name, creating it on first
// use. A fresh random key is offered with an insert that does nothing when
// the row exists, then the row is read: processes starting together race
// only to insert, and all of them read the one that won.
func (s *Accounts) ServerKey(ctx context.Context, name string, now time.Time) ([]byte, error) {
	fresh := make([]byte, serverKeyBytes)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("store: unable to make server key %s: %w", name, err)
	}
	db := s.db.WithContext(ctx)
	if err := db.Exec("INSERT INTO server_keys (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
		name, fresh, now.UTC()).Error; err != nil {
		return nil, fmt.Errorf("store: unable to create server key %s: %w", name, err)
	}
	var rows []struct{ Secret []byte }
	if err := db.Raw("SELECT secret FROM server_keys WHERE name = ?", name).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read server key %s: %w", name, err)
	}
	if len(rows) != 1 || len(rows[0].Secret) != serverKeyBytes {
		return nil, fmt.Errorf("store: server key %s is missing or not %d bytes", name, serverKeyBytes)
	}
	return rows[0].Secret, nil
}
