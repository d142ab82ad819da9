package importers

import (
	"errors"
	"io"
)

// Bounds on one CSV record, checked while the bytes stream in, before
// encoding/csv builds the record: it keeps a whole record (and a slice
// entry per field) in memory, so a file of 50 MB of commas, or one quote
// that never closes, would otherwise become one enormous record. Excel
// itself writes at most 16,384 columns, and a survey row is kilobytes.
const (
	maxCSVFields      = 16384
	maxCSVRecordBytes = 16 << 20
)

var (
	errCSVFields = errors.New("csv record has too many fields")
	errCSVRecord = errors.New("csv record is too long")
)

// recordGuard passes text through, counting delimiters and bytes of the
// current record; a quote toggles quoting, which is exact for valid CSV
// (a doubled quote toggles twice) and harmless for invalid CSV, where
// encoding/csv stops at the bad quote anyway.
type recordGuard struct {
	r      io.Reader
	comma  byte
	quoted bool
	fields int
	bytes  int
	err    error
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; i++ {
		g.bytes++
		switch c := p[i]; {
		case c == '"':
			g.quoted = !g.quoted
		case g.quoted:
		case c == '\n':
			g.fields, g.bytes = 0, 0
		case c == g.comma:
			g.fields++
		}
		switch {
		case g.fields >= maxCSVFields:
			g.err = errCSVFields
		case g.bytes > maxCSVRecordBytes:
			g.err = errCSVRecord
		default:
			continue
		}
		return i, g.err
	}
	return n, err
}
