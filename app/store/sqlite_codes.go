package store

import "errors"

// SQLite's primary result codes that the store tells apart: its file out
// of reach (IOERR, CANTOPEN), and a full disk (FULL).
const (
	sqliteIOErr    = 10
	sqliteFull     = 13
	sqliteCantOpen = 14
)

// sqliteCode is the primary result code of the SQLite error in err's
// chain: the low byte of the driver's extended code (SQLITE_IOERR_READ is
// IOERR). ok is false when the chain holds none.
func sqliteCode(err error) (code int, ok bool) {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return 0, false
	}
	return se.Code() & 0xff, true
}
