package parseworker

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"axdash/app/model"
)

var errShortFrame = errors.New("record frame is cut short")

// decoder reads a record frame; the first problem sticks in err and every
// later read returns a zero value.
type decoder struct {
	b   []byte
	err error
}

func decodeRecord(p []byte, fields *model.Table, rec *model.FirmResponse) error {
	d := decoder{b: p}
	r := &rec.Response
	r.ID, r.WaveID, r.ImportID, r.FirmID, r.SourceRow = d.varint(), d.varint(), d.varint(), d.varint(), int(d.varint())
	for i := range fields.Len() {
		d.field(fields.At(i), rec)
	}
	rec.Findings = decodeIssues(&d)
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("record frame has %d bytes left over", len(d.b))
	}
	return d.err
}

// field decodes one field by the Go type of its value, as appendField
// wrote it.
func (d *decoder) field(f *model.Field, rec *model.FirmResponse) {
	switch a := f.Access.(type) {
	case model.Access[string]:
		a.Set(rec, d.str())
	case model.Access[int]:
		a.Set(rec, d.int())
	case model.Access[*int]:
		a.Set(rec, decodeOpt(d, (*decoder).int))
	case model.Access[*int64]:
		a.Set(rec, decodeOpt(d, (*decoder).varint))
	case model.Access[float64]:
		a.Set(rec, d.float())
	case model.Access[*float64]:
		a.Set(rec, decodeOpt(d, (*decoder).float))
	case model.Access[bool]:
		a.Set(rec, d.byte() == 1)
	case model.Access[*time.Time]:
		a.Set(rec, decodeOpt(d, (*decoder).time))
	case model.Access[[]string]:
		a.Set(rec, d.codes())
	default:
		d.fail(fmt.Errorf("field %s: no codec for %T", f.Key, f.Access))
	}
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail(errShortFrame)
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail(errShortFrame)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int { return int(d.varint()) }

func (d *decoder) bytes() []byte {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.fail(errShortFrame)
		return nil
	}
	out := d.b[k : k+int(n)]
	d.b = d.b[k+int(n):]
	return out
}

func (d *decoder) str() string { return string(d.bytes()) }

func (d *decoder) float() float64 {
	if len(d.b) < 8 {
		d.fail(errShortFrame)
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return f
}

func (d *decoder) time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary(d.bytes()); err != nil {
		d.fail(fmt.Errorf("record frame time: %w", err))
	}
	return t
}

func decodeOpt[T any](d *decoder, read func(*decoder) T) *T {
	if d.byte() == 0 {
		return nil
	}
	v := read(d)
	return &v
}

func decodeIssues(d *decoder) []model.Issue {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]model.Issue, n-1)
	for i := range out {
		is := &out[i]
		for _, f := range [...]*string{&is.Severity, &is.Code, &is.Sheet, &is.Cell, &is.Header, &is.Value, &is.Message} {
			*f = d.str()
		}
		is.Row = d.int()
	}
	return out
}

// count reads a len+1 prefix; each item takes at least one byte, so a
// count past what is left is damage, not a reason to allocate.
func (d *decoder) count() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)) {
		d.fail(errShortFrame)
		return 0
	}
	d.b = d.b[k:]
	return n
}

// codes reads a list appendCodes wrote; the slice is the caller's.
func (d *decoder) codes() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n-1)
	for range n - 1 {
		out = append(out, d.str())
	}
	return out
}
