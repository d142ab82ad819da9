package importers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"reflect"
	"strings"
	"testing"

	"axdash/app/model"
)

func TestSheetScanner(t *testing.T) {
	tests := []struct {
		name, xml string
		want      []string // flagged cells, as "row:col" with 0-based columns
		err       error
	}{
		{"value and no value", `<sheetData><row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f>1+1</f></c></row></sheetData>`,
			[]string{"2:1"}, nil},
		{"empty and blank values", `<sheetData><row r="3"><c r="C3"><f>x</f><v></v></c><c r="D3"><f>x</f><v/></c>` +
			`<c r="E3"><f>x</f><v>  </v></c><c r="F3"><v>7</v></c></row></sheetData>`, []string{"3:2", "3:3", "3:4"}, nil},
		// A formula whose result is the empty string has that as its value.
		{"empty string result", `<sheetData><row r="2"><c r="A2" t="str"><f>IF(1,"","x")</f><v></v></c>` +
			`<c r="B2" t="str"><f>"a"</f></c><c r="C2" t='str'><f>""</f><v/></c></row></sheetData>`, []string{"2:1"}, nil},
		{"shared formula", `<sheetData><row r="5"><c r="D5"><f t="shared" ref="D5:D6" si="0">1+1</f></c></row>` +
			`<row r="6"><c r="D6"><f t="shared" si="0"/></c></row></sheetData>`, []string{"5:3", "6:3"}, nil},
		{"inline string result", `<sheetData><row r="2"><c r="A2" t="inlineStr"><f>x</f><is><t>a</t></is></c></row></sheetData>`, nil, nil},
		{"namespace prefix", `<x:sheetData><x:row r="4"><x:c r="AA4"><x:f>1</x:f></x:c></x:row></x:sheetData>`, []string{"4:26"}, nil},
		{"implicit row and column numbers", `<sheetData><row><c><v>1</v></c><c><f>1</f></c></row><row><c/><c><f>1</f></c></row></sheetData>`,
			[]string{"1:1", "2:1"}, nil},
		{"attributes in any order", `<sheetData><row spans="1:3" r="9"><c s="1" t="n" r="C9"><f>1</f></c></row></sheetData>`,
			[]string{"9:2"}, nil},
		{"after sheetData", `<sheetData><row r="1"/></sheetData><c r="A1"><f>1</f></c>`, nil, nil},
		{"rows out of order", `<sheetData><row r="5"/><row r="3"/></sheetData>`, nil, errRowOrder},
		// excelize stops silently at a cut; the scan must not.
		{"truncated", `<sheetData><row r="2"><c r="A2"><f>1`, nil, errSheetCut},
		{"undefined entity", `<sheetData><row r="2"><c r="A2"><v>&lol9;</v></c></row></sheetData>`, nil, errSheetXML},
		{"not UTF-8", "<sheetData><row r=\"2\"><c r=\"A2\"><v>\xff</v></c></row></sheetData>", nil, errSheetXML},
		{"control character", "<sheetData><row r=\"2\"><c r=\"A2\"><v>\x01</v></c></row></sheetData>", nil, errSheetXML},
		{"DTD", `<!DOCTYPE x [<!ENTITY a "b">]><sheetData></sheetData>`, nil, errSheetXML},
		{"empty sheet", `<sheetData/>`, nil, nil},
		{"long text across buffers", "<sheetData><row r=\"2\"><c r=\"A2\"><is><t>" + strings.Repeat("가&amp;", 70000) + "</t></is></c></row></sheetData>", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			s := &sheetScanner{br: bufio.NewReader(strings.NewReader(`<?xml version="1.0"?><worksheet>` + tt.xml + `</worksheet>`))}
			s.flag = func(row, col int) bool { got = append(got, fmt.Sprintf("%d:%d", row, col)); return true }
			s.rowDone = func(int) bool { return true }
			if err := s.run(); !errors.Is(err, tt.err) || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("flagged %v, err %v; want %v, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

// formulaRows are data rows under craftedSheet's header (A 기업명, B 시도,
// C 업종, D 종업원수, E AI도입단계), with formulas in D and in unmapped F.
func formulaRows() string {
	str := func(ref, v string) string {
		return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, v)
	}
	row := func(n int, d, f string) string {
		r := fmt.Sprint(n)
		return `<row r="` + r + `">` + str("A"+r, "기업"+r) + `<c r="B` + r + `" t="str"><f>"서울"</f><v>서울</v></c>` +
			str("C"+r, "C") + strings.ReplaceAll(d, "@", r) + str("E"+r, "도입") + strings.ReplaceAll(f, "@", r) + `</row>`
	}
	return row(2, `<c r="D@"><f>2+3</f><v>5</v></c>`, "") +
		row(3, `<c r="D@"><f>2+3</f></c>`, "") +
		row(4, `<c r="D@"><f>2+3</f><v></v></c>`, "") +
		row(5, `<c r="D@"><f t="shared" ref="D5:D6" si="0">2+3</f></c>`, "") +
		row(6, `<c r="D@"><f t="shared" si="0"/></c>`, "") +
		row(7, `<c r="D@"><v>9</v></c>`, `<c r="F@"><f>1/0</f></c>`)
}

func TestReadFormulaCells(t *testing.T) {
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	p := rezip(t, base, map[string]string{"xl/worksheets/sheet1.xml": craftedSheet(formulaRows())})
	res := readPath(t, p, Options{})
	rep := res.Report
	if rep.Status != model.StatusChecked || rep.Rows != 6 || rep.Valid != 2 {
		t.Fatalf("status %s rows %d valid %d: %v", rep.Status, rep.Rows, rep.Valid, codes(res))
	}
	var cells []string
	for _, is := range rep.Issues {
		if is.Code != "employees.formula_no_value" || is.Severity != model.SeverityError || is.Header != "종업원수" {
			t.Errorf("unexpected issue %+v", is)
		}
		cells = append(cells, is.Cell)
	}
	if !reflect.DeepEqual(cells, []string{"D3", "D4", "D5", "D6"}) {
		t.Errorf("flagged %v", cells)
	}
	if r := res.Records[0].Response; r.Employees != 5 || r.Region != "11" || res.Records[1].Response.Employees != 9 {
		t.Errorf("records %+v", res.Records)
	}
}

func TestFormulaScanLimit(t *testing.T) {
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	p := rezip(t, base, map[string]string{"xl/worksheets/sheet1.xml": craftedSheet(formulaRows())})
	fc := startFormulaScan(p, "조사표", []scanCol{scanMapped, scanMapped, scanMapped, scanMapped, scanMapped}, 1, 3)
	defer fc.close()
	if err := fc.finish(1 << 30); !errors.Is(err, errFormulaOverflow) {
		t.Errorf("err = %v, want overflow", err)
	}
	if _, _, err := fc.at(2, nil, nil); !errors.Is(err, errFormulaOverflow) {
		t.Errorf("at: %v", err)
	}
	st := newState("a.xlsx", 0)
	(&rowReader{st: st}).formulaError(errFormulaOverflow)
	if is := issue(st.finish(), CodeFileLimit); is == nil || !strings.Contains(is.Message, "수식") {
		t.Errorf("overflow issue: %v", st.res.Report.Issues)
	}
}

// rezipBadCRC copies a workbook storing the named part with a wrong
// checksum, which excelize does not notice.
func rezipBadCRC(t *testing.T, src, part string) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if zf.Name != part {
			w, _ := zw.Create(zf.Name)
			w.Write(body)
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: part, Method: zip.Store, CRC32: crc32.ChecksumIEEE(body) ^ 1,
			CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	zw.Close()
	return writeRaw(t, "badcrc.xlsx", buf.Bytes())
}

func TestReadRefusesDamagedSheets(t *testing.T) {
	base := writeBook(t, oneSheet(stdHeader, goodRow("가"), goodRow("나")))
	tests := []struct {
		name string
		path func() string
	}{
		{"checksum", func() string { return rezipBadCRC(t, base, "xl/worksheets/sheet1.xml") }},
		{"rows out of order", func() string {
			rows := `<row r="5"><c r="A5" t="inlineStr"><is><t>가</t></is></c></row><row r="3"/>`
			return rezip(t, base, map[string]string{"xl/worksheets/sheet1.xml": craftedSheet(rows)})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantRefused(t, readPath(t, tt.path(), Options{}), CodeFileCorrupt)
		})
	}
}

// TestReadRowOfUncalculatedFormulas: a row whose every cell is a formula
// without a value looks blank to excelize, but is not skipped as blank.
func TestReadRowOfUncalculatedFormulas(t *testing.T) {
	row := `<row r="2">` + `<c r="A2"><f>A1</f></c><c r="B2"><f>B1</f></c><c r="C2"><f>C1</f></c>` +
		`<c r="D2"><f>D1</f></c><c r="E2"><f>E1</f></c></row>`
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	res := readPath(t, rezip(t, base, map[string]string{"xl/worksheets/sheet1.xml": craftedSheet(row)}), Options{})
	if res.Report.Rows != 1 || res.Report.Valid != 0 || len(res.Report.Issues) != 5 {
		t.Errorf("rows %d valid %d issues %v", res.Report.Rows, res.Report.Valid, codes(res))
	}
}
