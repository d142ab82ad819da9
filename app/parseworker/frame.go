package parseworker

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"axdash/app/model"
	"axdash/importers"
)

// Frames on the pipe: a kind byte, the payload's length as a uvarint, the
// payload. Records are a compact binary form, written and read field by
// field without reflection (JSON framing cost about a tenth of the parent's
// CPU in an import); the one result frame at the end is JSON. Every optional
// field carries a presence byte, so that a pointer to zero ("0 AI staff")
// stays apart from nil ("no answer"), and a nil slice from an empty one —
// gob, tried before, lost the first.
const (
	frameRecord byte = 'r'
	frameResult byte = 'z'
)

// maxFrame bounds what the parent accepts from a child. A record holds at
// most a few dozen cells of at most 32,767 characters.
const maxFrame = 32 << 20

type frameWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (fw *frameWriter) record(rec *model.FirmResponse) error {
	fw.buf = appendRecord(fw.buf[:0], rec)
	return fw.frame(frameRecord, fw.buf)
}

func (fw *frameWriter) result(res *importers.Result) error {
	b, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("encode result: %w", err)
	}
	return fw.frame(frameResult, b)
}

func (fw *frameWriter) frame(kind byte, p []byte) error {
	var hdr [1 + binary.MaxVarintLen64]byte
	hdr[0] = kind
	n := binary.PutUvarint(hdr[1:], uint64(len(p)))
	if _, err := fw.w.Write(hdr[:1+n]); err != nil {
		return err
	}
	_, err := fw.w.Write(p)
	return err
}

// readFrame reads the next frame into buf (grown as needed) and returns
// its kind and payload, which is only valid until the next call.
func readFrame(r *bufio.Reader, buf []byte) (kind byte, payload []byte, err error) {
	if kind, err = r.ReadByte(); err != nil {
		return 0, buf, err
	}
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return 0, buf, fmt.Errorf("frame length: %w", err)
	}
	if n > maxFrame {
		return 0, buf, fmt.Errorf("frame of %d bytes is over the %d-byte limit", n, maxFrame)
	}
	if uint64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		return 0, buf, fmt.Errorf("frame body: %w", err)
	}
	return kind, buf, nil
}

// appendRecord encodes every field of rec in a fixed order; decodeRecord
// reads them back in the same order. A field added to model.Response must
// be added to both (TestRecordRoundTrip fills every field to catch that).
func appendRecord(b []byte, rec *model.FirmResponse) []byte {
	r := &rec.Response
	for _, v := range [...]int64{r.ID, r.WaveID, r.ImportID, r.FirmID, int64(r.SourceRow)} {
		b = binary.AppendVarint(b, v)
	}
	b = appendStr(b, r.FirmName)
	b = appendStr(b, r.Region)
	b = appendStr(b, r.Sigungu)
	b = appendStr(b, r.Industry)
	b = binary.AppendVarint(b, int64(r.Employees))
	b = appendStr(b, r.SizeBand)
	b = appendOpt(b, r.Revenue, binary.AppendVarint)
	b = appendStr(b, r.Stage)
	b = appendOpt(b, r.AdoptionCost, binary.AppendVarint)
	b = appendOpt(b, r.GovSupport, binary.AppendVarint)
	b = appendOpt(b, r.AIStaffCurrent, appendInt)
	b = appendOpt(b, r.AIStaffNeeded, appendInt)
	b = appendOpt(b, r.ProductivityGain, appendFloat)
	b = appendBool(b, r.Exemplar)
	b = appendStr(b, r.ExemplarNote)
	b = appendFloat(b, r.Weight)
	b = appendOpt(b, r.SurveyedOn, appendTime)
	b = appendCodes(b, r.UseAreas, func(a model.ResponseUseArea) (int64, string) { return a.ResponseID, a.Code })
	b = appendCodes(b, r.Barriers, func(a model.ResponseBarrier) (int64, string) { return a.ResponseID, a.Code })
	return appendStr(b, rec.BusinessNo)
}

func appendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendInt(b []byte, v int) []byte { return binary.AppendVarint(b, int64(v)) }

func appendFloat(b []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendTime keeps the instant and the zone offset, as JSON did.
func appendTime(b []byte, t time.Time) []byte {
	enc, err := t.MarshalBinary()
	if err != nil { // an offset time cannot encode: keep the instant
		enc, _ = t.UTC().MarshalBinary()
	}
	return appendStr(b, string(enc))
}

func appendOpt[T any](b []byte, p *T, enc func([]byte, T) []byte) []byte {
	if p == nil {
		return append(b, 0)
	}
	return enc(append(b, 1), *p)
}

// appendCodes writes len+1, so that 0 stands for a nil slice.
func appendCodes[T any](b []byte, items []T, get func(T) (int64, string)) []byte {
	if items == nil {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(items))+1)
	for _, it := range items {
		id, code := get(it)
		b = appendStr(binary.AppendVarint(b, id), code)
	}
	return b
}

var errShortFrame = errors.New("record frame is cut short")

// decoder reads a record frame; the first problem sticks in err and every
// later read returns a zero value.
type decoder struct {
	b   []byte
	err error
}

func decodeRecord(p []byte, rec *model.FirmResponse) error {
	d := decoder{b: p}
	r := &rec.Response
	r.ID, r.WaveID, r.ImportID, r.FirmID, r.SourceRow = d.varint(), d.varint(), d.varint(), d.varint(), int(d.varint())
	r.FirmName, r.Region, r.Sigungu, r.Industry = d.str(), d.str(), d.str(), d.str()
	r.Employees, r.SizeBand = int(d.varint()), d.str()
	r.Revenue = decodeOpt(&d, (*decoder).varint)
	r.Stage = d.str()
	r.AdoptionCost = decodeOpt(&d, (*decoder).varint)
	r.GovSupport = decodeOpt(&d, (*decoder).varint)
	r.AIStaffCurrent = decodeOpt(&d, (*decoder).int)
	r.AIStaffNeeded = decodeOpt(&d, (*decoder).int)
	r.ProductivityGain = decodeOpt(&d, (*decoder).float)
	r.Exemplar = d.byte() == 1
	r.ExemplarNote = d.str()
	r.Weight = d.float()
	r.SurveyedOn = decodeOpt(&d, (*decoder).time)
	r.UseAreas = decodeCodes(&d, func(id int64, code string) model.ResponseUseArea {
		return model.ResponseUseArea{ResponseID: id, Code: code}
	})
	r.Barriers = decodeCodes(&d, func(id int64, code string) model.ResponseBarrier {
		return model.ResponseBarrier{ResponseID: id, Code: code}
	})
	rec.BusinessNo = d.str()
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("record frame has %d bytes left over", len(d.b))
	}
	return d.err
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

func decodeCodes[T any](d *decoder, item func(int64, string) T) []T {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)) { // each item takes at least two bytes
		d.fail(errShortFrame)
		return nil
	}
	d.b = d.b[k:]
	if n == 0 {
		return nil
	}
	out := make([]T, 0, n-1)
	for range n - 1 {
		id := d.varint()
		out = append(out, item(id, d.str()))
	}
	return out
}
