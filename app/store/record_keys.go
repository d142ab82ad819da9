package store

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"

	"axdash/app/disclosure"

	"gorm.io/gorm"
)

// recordKeys deals out the responses' record keys (uniform in
// [0, disclosure.KeyRange), 31 bits), a block of crypto/rand bytes at a
// time: a load of a million rows reads about a thousand blocks instead of
// a million small reads. The keys are the disclosure control's secret
// (app/disclosure): nobody outside may be able to guess them, so they come
// from the operating system's generator, not math/rand.
type recordKeys struct {
	src  io.Reader // nil: crypto/rand
	buf  [4096]byte
	next int
}

// keyBytes is the number of bytes a key is drawn from.
const keyBytes = 4

// key gives the next record key: four bytes, the top bit masked off so
// that the key fits a signed 32-bit column (PostgreSQL's INTEGER).
func (k *recordKeys) key() (int, error) {
	if k.next == 0 || k.next == len(k.buf) {
		if k.src == nil {
			rand.Read(k.buf[:]) // never fails (crypto/rand since Go 1.24)
		} else if _, err := io.ReadFull(k.src, k.buf[:]); err != nil {
			return 0, fmt.Errorf("store: unable to draw record keys: %w", err)
		}
		k.next = 0
	}
	v := binary.LittleEndian.Uint32(k.buf[k.next:]) & (disclosure.KeyRange - 1)
	k.next += keyBytes
	return int(v), nil
}

// keyAllResponses is migration 0140's step: every response stored before
// record keys existed gets a random one in [0, 2³¹) (disclosure.KeyRange),
// and every wave's cube is rebuilt so that its cells carry their keys and
// largest contributions. The
// database's own generator draws these (one statement, whatever the
// number of rows): PostgreSQL's random() and SQLite's, which is seeded
// from the operating system; new rows get crypto/rand's (recordKeys).
func keyAllResponses(ctx context.Context, tx *gorm.DB, dialect string) error {
	q := "UPDATE responses SET record_key = ABS(RANDOM()) % 2147483648"
	if dialect == DialectPostgres {
		q = "UPDATE responses SET record_key = FLOOR(RANDOM() * 2147483648)::INTEGER"
	}
	if err := tx.WithContext(ctx).Exec(q).Error; err != nil {
		return fmt.Errorf("store: unable to give the stored responses record keys: %w", err)
	}
	return rebuildAllCubes(ctx, tx, dialect)
}
