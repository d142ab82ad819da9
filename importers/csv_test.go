package importers

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/unicode"

	"axdash/app/model"
)

func cp949(t *testing.T, s string) []byte {
	t.Helper()
	b, err := korean.EUCKR.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16be(t *testing.T, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// csvText is a survey table as Korean Excel saves it: a title line, the
// header on line 3, a quoted amount with a thousands separator, and a
// quoted note with a line break inside.
func csvText(sep string) string {
	lines := [][]string{
		{"2026년 AI 도입 실태조사", "", "", "", "", "", "", ""},
		{"", "", "", "", "", "", "", ""},
		{"기업명", "사업자등록번호", "시도", "업종", "종업원수", "AI도입단계", "AI도입비용(만원)", "우수사례내용"},
		{"가나전자", "124-81-00998", "서울", "C", "25", "도입", `"3,000"`, `"비전 검사로` + "\n" + `불량 30% 감소"`},
		{"다라정밀", "", "경기도 수원시", "제조업", `"1,234"`, "미도입", "", ""},
		{"마바", "", "부산", "C", "7", "도입", "5000", `"따옴표 ""인용"" 포함"`},
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.Join(l, sep) + "\r\n")
	}
	return b.String()
}

func TestReadCSVEncodingsAndDelimiters(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) []byte
	}{
		{"utf-8", func(t *testing.T) []byte { return []byte(csvText(",")) }},
		{"utf-8 bom", func(t *testing.T) []byte { return []byte("\uFEFF" + csvText(",")) }},
		{"cp949", func(t *testing.T) []byte { return cp949(t, csvText(",")) }},
		{"cp949 after a long ascii preamble", func(t *testing.T) []byte {
			return cp949(t, strings.Repeat("x", 70_000)+"\r\n"+csvText(","))
		}},
		{"utf-16le tab", func(t *testing.T) []byte { return utf16le(t, csvText("\t")) }},
		{"utf-16be", func(t *testing.T) []byte { return utf16be(t, csvText(",")) }},
		{"semicolon", func(t *testing.T) []byte { return []byte(csvText(";")) }},
		{"tab", func(t *testing.T) []byte { return []byte(csvText("\t")) }},
		{"sep hint", func(t *testing.T) []byte { return []byte("sep=;\r\n" + csvText(";")) }},
		{"mac line endings", func(t *testing.T) []byte {
			return cp949(t, strings.ReplaceAll(strings.ReplaceAll(csvText(","), "\r\n", "\r"), "\n", "\r"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, writeRaw(t, "조사.csv", tt.data(t)), Options{})
			rep := res.Report
			if rep.Status != model.StatusChecked || rep.Format != "csv" || rep.Sheet != "" {
				t.Fatalf("status %s format %s sheet %q, issues %v", rep.Status, rep.Format, rep.Sheet, codes(res))
			}
			if want := 3 + strings.Count(tt.name, "preamble"); rep.HeaderRow != want {
				t.Errorf("header row %d, want %d", rep.HeaderRow, want)
			}
			if rep.Rows != 3 || rep.Valid != 3 || len(res.Records) != 3 {
				t.Fatalf("rows %d valid %d, issues %v", rep.Rows, rep.Valid, codes(res))
			}
			r0, r1 := res.Records[0].Response, res.Records[1].Response
			if r0.FirmName != "가나전자" || *r0.AdoptionCost != 30_000_000 || r0.ExemplarNote != "비전 검사로\n불량 30% 감소" ||
				r1.Employees != 1234 || r1.Region != "41" || res.Records[1].BusinessNo != "" {
				t.Errorf("records %+v / %+v", r0, r1)
			}
			// The bare 5000 has its unit from the header; doubled quotes are
			// one quote each.
			if r2 := res.Records[2].Response; *r2.AdoptionCost != 50_000_000 || r2.ExemplarNote != `따옴표 "인용" 포함` {
				t.Errorf("record 2 = %+v", r2)
			}
		})
	}
}

// TestReadCSVCellsCountRecords: a quoted line break does not shift the row
// numbers, which are those Excel shows when it opens the file.
func TestReadCSVCellsCountRecords(t *testing.T) {
	text := "기업명,시도,업종,종업원수,AI도입단계,AI도입비용,우수사례내용\n" +
		"가,서울,C,5,도입,,\"첫 줄\n둘째 줄\n셋째 줄\"\n" +
		"나,서울시티,C,5,도입,12000000,\n"
	res := readPath(t, writeRaw(t, "a.csv", []byte(text)), Options{})
	if is := issue(res, "region.unknown"); is == nil || is.Cell != "B3" || is.Row != 3 || is.Sheet != "" {
		t.Fatalf("region issue: %v", codes(res))
	}
	// In CSV as in a sheet, a bare number under a header without a unit has
	// no unit.
	if is := issue(res, "adoption_cost.no_unit"); is == nil || is.Cell != "F3" {
		t.Errorf("no_unit issue: %v", codes(res))
	}
}

func TestReadCSVRefusals(t *testing.T) {
	header := "기업명,시도,업종,종업원수,AI도입단계\n"
	tests := []struct {
		name, text string
		opts       Options
		code, word string
	}{
		{"bare quote", header + "가,서울,C,5,도입\n나\"다,서울,C,5,도입\n", Options{}, CodeFileCorrupt, "3번째 줄"},
		{"unclosed quote", header + "가,서울,C,5,\"도입\n", Options{}, CodeFileCorrupt, "닫히지"},
		{"no header", "이름,주소\n가,서울\n", Options{}, CodeHeaderNotFound, "구분 기호"},
		{"missing column", "기업명,시도,종업원수,AI도입단계\n가,서울,5,도입\n", Options{}, CodeHeaderMissing, "업종"},
		{"rows", header + strings.Repeat("가,서울,C,5,도입\n", 5), Options{MaxRows: 3}, CodeFileLimit, "행 수"},
		{"columns", header + "가,서울,C,5,도입,,,,,,x\n", Options{MaxColumns: 8}, CodeFileLimit, "열 수"},
		{"size", header, Options{MaxFileBytes: 10}, CodeFileTooLarge, "최대"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, writeRaw(t, "a.csv", []byte(tt.text)), tt.opts)
			wantRefused(t, res, tt.code)
			if is := issue(res, tt.code); !strings.Contains(is.Message, tt.word) {
				t.Errorf("message %q does not name %q", is.Message, tt.word)
			}
		})
	}
}

func TestDetectDelimiter(t *testing.T) {
	tests := []struct {
		text  string
		comma rune
		sep   bool
	}{
		{"a,b,c\n1,2,3\n", ',', false},
		{"a\tb\tc\n1\t2\t3\n", '\t', false},
		{"a;b;c\n1;2;3\n", ';', false},
		// Amounts with thousands separators in a tab file: the tabs are
		// consistent, the commas are not.
		{"a\tb\tc\n1,000\t2\t3\n4\t5,000,000\t6\n", '\t', false},
		// Quoted commas do not count.
		{"a;b\n\"1,5\";\"2,5\"\n\"3,5\";4\n", ';', false},
		{"sep=|\na|b\n", '|', true},
		{"one column\nno separators\n", ',', false},
		{"", ',', false},
	}
	for _, tt := range tests {
		if c, sep := detectDelimiter(tt.text); c != tt.comma || sep != tt.sep {
			t.Errorf("detectDelimiter(%q) = %q, %v; want %q, %v", tt.text, c, sep, tt.comma, tt.sep)
		}
	}
}

func TestDetectEncoding(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		more bool
		rest string
		want textEncoding
	}{
		{"ascii", []byte("a,b\n"), false, "", encUTF8},
		{"utf-8", []byte("기업명,시도\n"), false, "", encUTF8},
		{"utf-8 cut mid-rune", []byte("기업명")[:7], true, "", encUTF8},
		{"bom", []byte("\uFEFFa"), false, "", encUTF8BOM},
		{"cp949", cp949(t, "기업명,시도\n"), false, "", encCP949},
		{"utf-16le", []byte{0xFF, 0xFE, 'a', 0}, false, "", encUTF16LE},
		{"utf-16be", []byte{0xFE, 0xFF, 0, 'a'}, false, "", encUTF16BE},
		{"ascii prefix, cp949 later", []byte("a,b\n"), true, string(cp949(t, "가,나\n")), encCP949},
		{"ascii prefix, utf-8 later", []byte("a,b\n"), true, "가,나\n", encUTF8},
	}
	for _, tt := range tests {
		if got := detectEncoding(tt.data, strings.NewReader(tt.rest), tt.more); got != tt.want {
			t.Errorf("%s: detectEncoding = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestReadCSVRecordBounds: a record too wide or too long is refused as it
// streams in, before it is built in memory.
func TestReadCSVRecordBounds(t *testing.T) {
	header := "기업명,시도,업종,종업원수,AI도입단계\n"
	tests := []struct {
		name, text, word string
	}{
		{"fields", header + strings.Repeat(",", maxCSVFields+10) + "\n", "최대 열 수"},
		{"bytes", header + "가,\"" + strings.Repeat("가", maxCSVRecordBytes/3+10), "크기 제한"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, writeRaw(t, "a.csv", []byte(tt.text)), Options{MaxFileBytes: 64 << 20})
			wantRefused(t, res, CodeFileLimit)
			if is := issue(res, CodeFileLimit); !strings.Contains(is.Message, tt.word) || !strings.Contains(is.Message, "2행") {
				t.Errorf("message %q", is.Message)
			}
		})
	}
}

// TestReadCSVEmptyLinesAreRows: Excel shows an empty line as an empty row,
// so the rows after it keep Excel's numbers.
func TestReadCSVEmptyLinesAreRows(t *testing.T) {
	text := "\n제목\n\n기업명,시도,업종,종업원수,AI도입단계,비고\r\n\r\n가,서울,C,5,도입,\"두\r\n줄\"\n\n\n나,서울시티,C,5,도입,\n"
	for _, prefix := range []string{"", "sep=,\n"} {
		res := readPath(t, writeRaw(t, "a.csv", []byte(prefix+text)), Options{})
		if res.Report.HeaderRow != 4 || res.Report.Rows != 2 {
			t.Fatalf("header row %d rows %d: %v", res.Report.HeaderRow, res.Report.Rows, codes(res))
		}
		if res.Records[0].Response.SourceRow != 6 {
			t.Errorf("first record on row %d", res.Records[0].Response.SourceRow)
		}
		if is := issue(res, "region.unknown"); is == nil || is.Cell != "B9" { // the two-line record is one row
			t.Errorf("region issue %v", codes(res))
		}
	}
}
