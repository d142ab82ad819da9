package importers

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"axdash/app/model"
)

func TestReadStreamsRecordsInOrder(t *testing.T) {
	path := writeBook(t, oneSheet(stdHeader, goodRow("가"), []any{"나", "", "서울시티", "C", 5, "도입", 1}, goodRow("다"), goodRow("라")))
	s, r := loadConfigs(t)
	im := New(s, r, Options{})
	var names []string
	res, err := im.Read(context.Background(), path, func(rec Record) error {
		names = append(names, rec.Response.FirmName)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(names, []string{"가", "다", "라"}) || res.Records != nil || res.Report.Valid != 3 || res.Report.Rows != 4 {
		t.Errorf("sink got %v, records %v, report %+v", names, res.Records, res.Report)
	}
	all, err := im.ReadFile(context.Background(), path)
	if err != nil || len(all.Records) != 3 || !reflect.DeepEqual(all.Report, res.Report) {
		t.Errorf("ReadFile: %v, %d records, report %+v", err, len(all.Records), all.Report)
	}
	if res, err := im.Read(context.Background(), path, nil); err != nil || res.Report.Valid != 3 {
		t.Errorf("nil sink: %v %+v", err, res)
	}
}

var errStore = errors.New("store is full")

func TestReadSinkErrorStops(t *testing.T) {
	for _, name := range []string{"a.xlsx", "a.csv"} {
		t.Run(name, func(t *testing.T) {
			var path string
			if name == "a.csv" {
				path = writeRaw(t, name, []byte("기업명,시도,업종,종업원수,AI도입단계\n가,서울,C,1,도입\n나,서울,C,1,도입\n다,서울,C,1,도입\n"))
			} else {
				path = writeBook(t, oneSheet(stdHeader, goodRow("가"), goodRow("나"), goodRow("다")))
			}
			s, r := loadConfigs(t)
			calls := 0
			res, err := New(s, r, Options{}).Read(context.Background(), path, func(Record) error {
				if calls++; calls == 2 {
					return errStore
				}
				return nil
			})
			if !errors.Is(err, errStore) || res != nil || calls != 2 {
				t.Errorf("err %v, result %v, calls %d; want the sink error after two calls", err, res, calls)
			}
		})
	}
}

func TestReadSinkPanicIsNotSwallowed(t *testing.T) {
	path := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	s, r := loadConfigs(t)
	defer func() {
		if recover() == nil {
			t.Error("a panic in the caller's sink must reach the caller, not become file.corrupt")
		}
	}()
	New(s, r, Options{}).Read(context.Background(), path, func(Record) error { panic("caller bug") })
}

func TestReadIssuesTotal(t *testing.T) {
	rows := [][]any{stdHeader}
	for range 10 {
		rows = append(rows, []any{"가", "", "서울시티", "우주", 5, "도입", 1})
	}
	tests := []struct {
		max, listed, total int
	}{
		{3, 4, 20}, // three issues and the truncation note; twenty found
		{100, 20, 20},
	}
	for _, tt := range tests {
		res := read(t, oneSheet(rows...), Options{MaxIssues: tt.max})
		rep := res.Report
		if len(rep.Issues) != tt.listed || rep.IssuesTotal != tt.total {
			t.Errorf("max %d: listed %d total %d; want %d, %d", tt.max, len(rep.Issues), rep.IssuesTotal, tt.listed, tt.total)
		}
	}
	res := read(t, oneSheet([]any{"기업명", "시도"}), Options{})
	if res.Report.IssuesTotal != len(res.Report.Issues) || res.Report.IssuesTotal == 0 {
		t.Errorf("refusal: total %d, issues %v", res.Report.IssuesTotal, codes(res))
	}
}

// TestReadBusinessNoSeenIsCompact: duplicate detection keys on the number
// itself, whatever its spelling.
func TestReadBusinessNoSeenIsCompact(t *testing.T) {
	res := read(t, oneSheet(stdHeader,
		[]any{"가", "124-81-00998", "서울", "C", 3, "N", ""},
		[]any{"나", "220-81-62517", "서울", "C", 3, "N", ""},
		[]any{"다", "1248100998", "서울", "C", 3, "N", ""},
	), Options{})
	if is := issue(res, "business_no.duplicate"); is == nil || is.Cell != "B4" || is.Message != "2행과 같은 사업자등록번호입니다." {
		t.Errorf("duplicate: %v", res.Report.Issues)
	}
	if res.Report.Status != model.StatusChecked || res.Report.Valid != 3 {
		t.Errorf("report %+v", res.Report)
	}
}
