package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"

	"gorm.io/gorm"
)

// recordKeys deals out the responses' record keys (0–255), a block of
// crypto/rand bytes at a time: a load of a million rows reads 250 blocks
// instead of a million single bytes. The keys are the disclosure control's
// secret (app/disclosure): nobody outside may be able to guess them, so
// they come from the operating system's generator, not math/rand.
type recordKeys struct {
	src  io.Reader // nil: crypto/rand
	buf  [4096]byte
	next int
}

// key gives the next record key.
func (k *recordKeys) key() (int, error) {
	if k.next == 0 || k.next == len(k.buf) {
		if k.src == nil {
			rand.Read(k.buf[:]) // never fails (crypto/rand since Go 1.24)
		} else if _, err := io.ReadFull(k.src, k.buf[:]); err != nil {
			return 0, fmt.Errorf("store: unable to draw record keys: %w", err)
		}
		k.next = 0
	}
	v := k.buf[k.next]
	k.next++
	return int(v), nil
}

// keyAllResponses is migration 0140's step: every response stored before
// record keys existed gets a random one, and every wave's cube is rebuilt
// so that its cells carry their keys and largest contributions. The
// database's own generator draws these (one statement, whatever the
// number of rows): PostgreSQL's random() and SQLite's, which is seeded
// from the operating system; new rows get crypto/rand's (recordKeys).
func keyAllResponses(ctx context.Context, tx *gorm.DB, dialect string) error {
	q := "UPDATE responses SET record_key = ABS(RANDOM()) % 256"
	if dialect == DialectPostgres {
		q = "UPDATE responses SET record_key = FLOOR(RANDOM() * 256)::INTEGER"
	}
	if err := tx.WithContext(ctx).Exec(q).Error; err != nil {
		return fmt.Errorf("store: unable to give the stored responses record keys: %w", err)
	}
	return rebuildAllCubes(ctx, tx, dialect)
}
