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
	rec.Findings = decodeIssues(&d)
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

func decodeCodes[T any](d *decoder, item func(int64, string) T) []T {
	n := d.count()
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
