package importers

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// fakeRows is a rowSource of n rows; Columns fails at badRow, Error is
// end, and panicAt makes Next panic there.
type fakeRows struct {
	n, at, badRow, panicAt int
	end                    error
	closed                 bool
}

func (f *fakeRows) Next() bool {
	if f.at++; f.at == f.panicAt {
		panic("broken sheet")
	}
	return f.at <= f.n
}

func (f *fakeRows) Columns() ([]string, error) {
	if f.at == f.badRow {
		return nil, errors.New("bad row")
	}
	return []string{fmt.Sprint(f.at), "x"}, nil
}

func (f *fakeRows) Error() error { return f.end }
func (f *fakeRows) Close() error { f.closed = true; return nil }

type readOut struct {
	rows []string
	errs []string
	end  error
}

func drain(src rowSource) (out readOut) {
	for src.Next() {
		cells, err := src.Columns()
		if err != nil {
			out.errs = append(out.errs, err.Error())
			continue
		}
		out.rows = append(out.rows, cells[0])
	}
	out.end = src.Error()
	return out
}

// Reading ahead gives the same rows, row errors and end error, in order,
// as reading the source directly, however many rows it holds.
func TestReadAheadSameAsDirect(t *testing.T) {
	for _, tc := range []fakeRows{
		{n: 0}, {n: 1}, {n: (readAheadBatch * readAheadBatches)}, {n: 3*(readAheadBatch*readAheadBatches) + 7},
		{n: 10, badRow: 4}, {n: 500, end: errors.New("zip: checksum error")},
	} {
		direct := tc
		want := drain(&direct)
		ahead := tc
		src := readAhead(&ahead)
		got := drain(src)
		if err := src.Close(); err != nil || src.Next() {
			t.Errorf("%+v: Close %v, or Next after the end", tc, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: read ahead %d rows %v end %v; directly %d rows %v end %v",
				tc, len(got.rows), got.errs, got.end, len(want.rows), want.errs, want.end)
		}
	}
}

// A panic while reading (excelize on a broken sheet) reaches the row pass's
// goroutine, where guard turns it into an issue instead of a crash.
func TestReadAheadPanicReachesReader(t *testing.T) {
	src := readAhead(&fakeRows{n: 50, panicAt: 20})
	defer src.Close()
	defer func() {
		if r := recover(); r != "broken sheet" {
			t.Errorf("recovered %v, want the source's panic", r)
		}
	}()
	drain(src)
	t.Error("no panic reached the reader")
}

// Closing before the end stops the reading goroutine (Close waits for it),
// so the workbook can be closed after.
func TestReadAheadCloseEarly(t *testing.T) {
	f := &fakeRows{n: 100 * (readAheadBatch * readAheadBatches)}
	src := readAhead(f)
	for i := 0; i < 3 && src.Next(); i++ {
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	if f.at >= f.n {
		t.Errorf("the reader went on to row %d of %d after Close", f.at, f.n)
	}
	_ = src.Close() // twice is harmless
	if f.closed {
		t.Error("Close closed the source, which belongs to its owner")
	}
}
