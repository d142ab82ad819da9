package parseworker

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
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
// gob, tried before, lost the first. A multi-select travels as its codes:
// the ids of its rows are the store's to set.
const (
	frameRecord byte = 'r'
	framePeak   byte = 'm' // the child's own peak memory, just before the result
	frameResult byte = 'z'
)

// maxFrame bounds what the parent accepts from a child. A record holds at
// most a few dozen cells of at most 32,767 characters.
const maxFrame = 32 << 20

type frameWriter struct {
	w      *bufio.Writer
	fields *model.Table
	buf    []byte
}

func (fw *frameWriter) record(rec *model.FirmResponse) error {
	fw.buf = appendRecord(fw.buf[:0], fw.fields, rec)
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

// appendRecord encodes rec: its ids, then every field of the table in the
// table's order, then the business number's findings; decodeRecord reads
// them back in the same order. Parent and child use the same table
// (model.Fields() of the same binary), so a field added to the table
// travels without a change here.
func appendRecord(b []byte, fields *model.Table, rec *model.FirmResponse) []byte {
	r := &rec.Response
	for _, v := range [...]int64{r.ID, r.WaveID, r.ImportID, r.FirmID, int64(r.SourceRow)} {
		b = binary.AppendVarint(b, v)
	}
	for i := range fields.Len() {
		b = appendField(b, fields.At(i), rec)
	}
	return appendIssues(b, rec.Findings)
}

// appendField encodes one field by the Go type of its value.
func appendField(b []byte, f *model.Field, rec *model.FirmResponse) []byte {
	switch a := f.Access.(type) {
	case model.Access[string]:
		return appendStr(b, a.Get(rec))
	case model.Access[int]:
		return appendInt(b, a.Get(rec))
	case model.Access[*int]:
		return appendOpt(b, a.Get(rec), appendInt)
	case model.Access[*int64]:
		return appendOpt(b, a.Get(rec), binary.AppendVarint)
	case model.Access[float64]:
		return appendFloat(b, a.Get(rec))
	case model.Access[*float64]:
		return appendOpt(b, a.Get(rec), appendFloat)
	case model.Access[bool]:
		return appendBool(b, a.Get(rec))
	case model.Access[*time.Time]:
		return appendOpt(b, a.Get(rec), appendTime)
	case model.Access[[]string]:
		return appendCodes(b, a.Get(rec))
	}
	// model.Table.Validate admits no other type; were one to slip by,
	// decodeRecord fails on it, so the record is refused, not garbled.
	return b
}

// appendIssues writes len+1 (0 for nil), then each issue's fields.
func appendIssues(b []byte, issues []model.Issue) []byte {
	if issues == nil {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(issues))+1)
	for _, is := range issues {
		for _, s := range [...]string{is.Severity, is.Code, is.Sheet, is.Cell, is.Header, is.Value, is.Message} {
			b = appendStr(b, s)
		}
		b = binary.AppendVarint(b, int64(is.Row))
	}
	return b
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
func appendCodes(b []byte, codes []string) []byte {
	if codes == nil {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(codes))+1)
	for _, c := range codes {
		b = appendStr(b, c)
	}
	return b
}
