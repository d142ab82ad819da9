package importers

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"axdash/app/model"
)

func TestReadFileRefusesFiles(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	tests := []struct {
		name string
		path func(t *testing.T) string
		code string
	}{
		{"empty", func(t *testing.T) string { return writeRaw(t, "a.xlsx", nil) }, CodeFileEmpty},
		{"pdf renamed", func(t *testing.T) string {
			return writeRaw(t, "a.xlsx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))
		}, CodeFileNotSpreadsheet},
		{"legacy xls", func(t *testing.T) string { return writeRaw(t, "a.xlsx", ole) }, CodeFileLegacyXLS},
		{"encrypted", func(t *testing.T) string {
			spec := oneSheet(stdHeader, goodRow("가"))
			spec.password = "secret"
			return writeBook(t, spec)
		}, CodeFileEncrypted},
		{"broken zip", func(t *testing.T) string {
			return writeRaw(t, "a.xlsx", []byte("PK\x03\x04 this is not really a zip file at all"))
		}, CodeFileCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, tt.path(t), Options{})
			wantRefused(t, res, tt.code)
			if is := issue(res, tt.code); is.Cell != "" || is.Severity != model.SeverityError || is.Message == "" {
				t.Errorf("file issue = %+v", *is)
			}
		})
	}
}

func TestReadFileLimits(t *testing.T) {
	rows := [][]any{stdHeader, goodRow("가"), goodRow("나"), goodRow("다")}
	wide := append(append([]any(nil), stdHeader...), "x", "y", "z")
	tests := []struct {
		name string
		spec bookSpec
		opts Options
		code string
		msg  string // a word the message must contain
	}{
		{"file size", oneSheet(rows...), Options{MaxFileBytes: 100}, CodeFileTooLarge, "최대"},
		{"rows", oneSheet(rows...), Options{MaxRows: 2}, CodeFileLimit, "행 수"},
		{"columns", oneSheet(wide), Options{MaxColumns: 9}, CodeFileLimit, "열 수"},
		{"columns in data", oneSheet(stdHeader, append(goodRow("가"), "", "넘침")), Options{MaxColumns: 9}, CodeFileLimit, "10열"},
		{"unzipped size", oneSheet(rows...), Options{MaxUnzipped: 1000}, CodeFileLimit, "압축"},
		{"missing column", oneSheet([]any{"기업명", "시도", "종업원수", "AI도입단계"}), Options{}, CodeHeaderMissing, "업종"},
		{"no header", oneSheet([]any{"이름", "주소"}, []any{"가", "서울"}), Options{}, CodeHeaderNotFound, "머리글"},
		{"unknown sheet", oneSheet(rows...), Options{Sheet: "없는시트"}, CodeHeaderNotFound, "없는시트"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, tt.spec, tt.opts)
			wantRefused(t, res, tt.code)
			if is := issue(res, tt.code); !strings.Contains(is.Message, tt.msg) {
				t.Errorf("message %q does not name %q", is.Message, tt.msg)
			}
		})
	}
}

func TestReadFileMissingColumnNamesHeader(t *testing.T) {
	res := read(t, oneSheet([]any{"기업명", "시도", "종업원수", "비고"}, []any{"가", "서울", 3}), Options{})
	var missing []string
	for _, is := range res.Report.Issues {
		if is.Code == CodeHeaderMissing {
			missing = append(missing, is.Header)
		}
	}
	if !reflect.DeepEqual(missing, []string{"업종", "AI도입단계"}) || res.Report.HeaderRow != 1 {
		t.Errorf("missing = %v, header row %d", missing, res.Report.HeaderRow)
	}
	if len(res.Report.Mapping) != 3 {
		t.Errorf("the mapping should still be shown: %+v", res.Report.Mapping)
	}
}

func TestReadFileChoosesSheet(t *testing.T) {
	spec := bookSpec{sheets: []sheetSpec{
		{name: "안내", rows: [][]any{{"이 파일은 조사 결과입니다."}}},
		{name: "숨김", rows: [][]any{stdHeader, goodRow("숨은기업")}, hidden: true},
		{name: "조사표", rows: [][]any{stdHeader, goodRow("가"), goodRow("나")}},
	}}
	path := writeBook(t, spec)
	if res := readPath(t, path, Options{}); res.Report.Sheet != "조사표" || res.Report.Valid != 2 {
		t.Errorf("sheet %q valid %d; want the first visible sheet with a header", res.Report.Sheet, res.Report.Valid)
	}
	res := readPath(t, path, Options{Sheet: "숨김"})
	if res.Report.Sheet != "숨김" || len(res.Records) != 1 || res.Records[0].Response.FirmName != "숨은기업" {
		t.Errorf("chosen sheet: %+v", res.Report)
	}
}

func TestReadFileTwoRowHeader(t *testing.T) {
	spec := oneSheet(
		[]any{"기업명", "시도", "업종", "종업원수", "AI도입단계", "AI인력", ""},
		[]any{"", "", "", "", "", "현원", "필요"},
		[]any{"가", "서울", "C", 10, "도입", 2, 5},
	)
	spec.sheets[0].merges = []string{"F1:G1", "A1:A2"}
	res := read(t, spec, Options{})
	if res.Report.HeaderRow != 2 || len(res.Records) != 1 {
		t.Fatalf("header row %d, records %d, issues %v", res.Report.HeaderRow, len(res.Records), codes(res))
	}
	r := res.Records[0].Response
	if *r.AIStaffCurrent != 2 || *r.AIStaffNeeded != 5 {
		t.Errorf("staff %d/%d", *r.AIStaffCurrent, *r.AIStaffNeeded)
	}
	last := res.Report.Mapping[len(res.Report.Mapping)-1]
	if last != (model.ColumnMapping{Column: "G", Header: "AI인력 필요", Field: "ai_staff_needed"}) {
		t.Errorf("last mapping = %+v", last)
	}
}

func TestReadFileTruncatesIssues(t *testing.T) {
	rows := [][]any{stdHeader}
	for range 10 {
		rows = append(rows, []any{"가", "", "서울시티", "C", 5, "도입", 1})
	}
	res := read(t, oneSheet(rows...), Options{MaxIssues: 3})
	rep := res.Report
	if rep.Rows != 10 || rep.Valid != 0 || len(rep.Issues) != 4 || rep.Status != model.StatusChecked {
		t.Fatalf("rows %d valid %d issues %v", rep.Rows, rep.Valid, codes(res))
	}
	if last := rep.Issues[3]; last.Code != CodeIssuesTruncated || last.Severity != model.SeverityWarning {
		t.Errorf("last issue = %+v", last)
	}
}

func TestReadFileDuplicateHeaderAndBusinessNo(t *testing.T) {
	res := read(t, oneSheet(
		[]any{"기업명", "업체명", "사업자번호", "시도", "업종", "종업원수", "AI도입단계"},
		[]any{"가", "가2", "1248100998", "서울", "C", 3, "N"},
		[]any{"나", "나2", "124-81-00998", "서울", "C", 3, "N"},
	), Options{})
	if is := issue(res, CodeHeaderDuplicate); is == nil || is.Cell != "B1" {
		t.Errorf("duplicate header issue: %v", codes(res))
	}
	if is := issue(res, "business_no.duplicate"); is == nil || is.Cell != "C3" || res.Report.Valid != 2 {
		t.Errorf("duplicate business number: %v, valid %d", codes(res), res.Report.Valid)
	}
}

func TestReadFileCancelled(t *testing.T) {
	path := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	s, r := loadConfigs(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(s, r, Options{}).ReadFile(ctx, path); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestReadFileMissingPath(t *testing.T) {
	s, r := loadConfigs(t)
	if _, err := New(s, r, Options{}).ReadFile(context.Background(), t.TempDir()+"/nope.xlsx"); err == nil {
		t.Error("a missing file should be an error")
	}
}

func TestStoppedContext(t *testing.T) {
	st := newState("a.xlsx", 0)
	rr := &rowReader{st: st, sheet: "조사표", row: 1500}
	if err := rr.stopped(context.DeadlineExceeded); err != nil {
		t.Errorf("a deadline is the time limit, not an error: %v", err)
	}
	if res := st.finish(); issue(res, CodeFileLimit) == nil || res.Report.Status != model.StatusRefused {
		t.Errorf("deadline: %v", codes(res))
	}
	if err := rr.stopped(context.Canceled); !errors.Is(err, context.Canceled) {
		t.Errorf("cancel: %v", err)
	}
}
