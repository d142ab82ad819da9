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
// reads them back in the same order. A field added to model.FirmResponse must
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
	b = appendStr(b, rec.BusinessNo)
	return appendIssues(b, rec.Findings)
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
