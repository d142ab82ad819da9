package importers

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axdash/importers/importerstest"
)

// filtered runs one part through rules.
func filtered(t *testing.T, in string, gone map[string]bool, rules partRules) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := filterPart(strings.NewReader(in), &out, gone, rules)
	return out.String(), err
}

// startOf is the start element of the XML, as RawToken reads it.
func startOf(t *testing.T, s string) xml.StartElement {
	t.Helper()
	tok, err := xml.NewDecoder(strings.NewReader(s)).RawToken()
	el, ok := tok.(xml.StartElement)
	if err != nil || !ok {
		t.Fatalf("%s: %v", s, err)
	}
	return el
}

// TestSanitizeCells: a formula cell becomes its cached value as a plain
// cell of the same kind; every other cell is copied byte for byte.
func TestSanitizeCells(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"number", `<c r="D2" s="3"><f>2+3</f><v>5</v></c>`, `<c r="D2" s="3"><v>5</v></c>`},
		{"shared master", `<c r="D2"><f t="shared" ref="D2:D9" si="0">B2*2</f><v>1.5E-3</v></c>`, `<c r="D2"><v>1.5E-3</v></c>`},
		{"shared dependant", `<c r="D3" t="n"><f t="shared" si="0"/><v> 8 </v></c>`, `<c r="D3"><v>8</v></c>`},
		{"array master", `<c r="G2"><f t="array" ref="G2:G3">TRANSPOSE({7,8})</f><v>7</v></c>`, `<c r="G2"><v>7</v></c>`},
		{"text", `<c r="A2" t="str"><f>HYPERLINK("http://evil.example/","가&amp;나")</f><v>가&amp;나</v></c>`,
			`<c r="A2" t="inlineStr"><is><t xml:space="preserve">가&amp;나</t></is></c>`},
		{"boolean", `<c r="H2" t="b"><f>TRUE()</f><v>1</v></c>`, `<c r="H2" t="b"><v>1</v></c>`},
		{"error value as text", `<c r="H3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`,
			`<c r="H3" t="inlineStr"><is><t xml:space="preserve">#DIV/0!</t></is></c>`},
		{"shared string result", `<c r="A5" t="s"><f>A4</f><v>3</v></c>`, `<c r="A5" t="s"><v>3</v></c>`},
		{"date result", `<c r="A6" t="d"><f>TODAY()</f><v>2026-07-01</v></c>`, `<c r="A6" t="d"><v>2026-07-01</v></c>`},
		{"inline string result", `<c r="I3" t="inlineStr"><f>"a"</f><is><t>a</t></is></c>`,
			`<c r="I3" t="inlineStr"><is><t>a</t></is></c>`},
		{"no cached value", `<c r="H4" s="2"><f>NOW()</f></c>`, `<c r="H4" s="2"/>`},
		{"empty text result", `<c r="I2" t="str"><f>""</f><v></v></c>`, `<c r="I2"/>`},
		{"a number cell holding text", `<c r="B2"><f>X</f><v>Infinity</v></c>`,
			`<c r="B2" t="inlineStr"><is><t xml:space="preserve">Infinity</t></is></c>`},
		{"a shared string that is no index", `<c r="B3" t="s"><f>X</f><v>x</v></c>`, `<c r="B3"/>`},
		{"dynamic array metadata", `<c r="J2" cm="1" vm="2"><f t="array" ref="J2:J4">SEQUENCE(3)</f><v>1</v></c>`,
			`<c r="J2"><v>1</v></c>`},
		{"namespace prefix", `<x:c r="A2" t="str"><x:f>"a"</x:f><x:v>a</x:v></x:c>`,
			`<x:c r="A2" t="inlineStr"><x:is><x:t xml:space="preserve">a</x:t></x:is></x:c>`},
		{"plain cells as written", `<c r='A2' t="inlineStr" ><is><t>가</t></is></c><c r="B2"/><c r="C2"><v>1</v></c>`,
			`<c r='A2' t="inlineStr" ><is><t>가</t></is></c><c r="B2"/><c r="C2"><v>1</v></c>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wrap := func(cells string) string {
				return `<?xml version="1.0"?><worksheet xmlns:x="urn:x"><sheetData><row r="2">` + cells + `</row></sheetData></worksheet>`
			}
			got, err := filtered(t, wrap(tt.in), nil, sheetRules{})
			if err != nil || got != wrap(tt.want) {
				t.Errorf("got %s (%v)\nwant %s", got, err, wrap(tt.want))
			}
		})
	}
}

// TestSanitizeSheetParts: the worksheet's other live content goes, links
// within the workbook stay, and a container left empty goes with it.
func TestSanitizeSheetParts(t *testing.T) {
	gone := map[string]bool{"rId1": true, "rId3": true}
	const ns = `<worksheet xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
	tests := []struct{ name, in, want string }{
		{"external hyperlinks", `<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="A2" location="S!A1"/>` +
			`<hyperlink ref="A3" r:id="rId2"/></hyperlinks>`, `<hyperlinks><hyperlink ref="A2" location="S!A1"/>` +
			`<hyperlink ref="A3" r:id="rId2"/></hyperlinks>`},
		{"only external hyperlinks", `<hyperlinks><hyperlink ref="A1" r:id="rId1"/></hyperlinks><pageMargins/>`, `<pageMargins/>`},
		{"live elements", `<conditionalFormatting sqref="A1"><cfRule type="expression"><formula>WEBSERVICE("x")</formula>` +
			`</cfRule></conditionalFormatting><dataValidations count="1"><dataValidation><formula1>A1</formula1>` +
			`</dataValidation></dataValidations><oleObjects><oleObject r:id="rId2"/></oleObjects><controls/>` +
			`<mc:AlternateContent xmlns:mc="urn:mc"><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent>` +
			`<webPublishItems count="1"/><extLst><ext uri="{78C0D931}"/></extLst>`, ``},
		{"a picture whose relationship went", `<picture r:id="rId3"/><tableParts count="1"><tablePart r:id="rId4"/></tableParts>`,
			`<tableParts count="1"><tablePart r:id="rId4"/></tableParts>`},
		{"a formula outside a cell", `<sheetData/><f>HYPERLINK("x")</f>`, `<sheetData/>`},
		{"comments stay", `<!-- a note --><sheetData/>`, `<!-- a note --><sheetData/>`},
		{"another prefix for the relationships", `<drawing xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
			`q:id="rId1"/><drawing x:id="rId1" xmlns:x="urn:other"/>`, `<drawing x:id="rId1" xmlns:x="urn:other"/>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := filtered(t, ns+tt.in+`</worksheet>`, gone, sheetRules{})
			if want := ns + tt.want + `</worksheet>`; err != nil || got != want {
				t.Errorf("got %s (%v)\nwant %s", got, err, want)
			}
		})
	}
}

// TestSanitizeDropsDTD: a DTD, which no OOXML part has, is not passed on
// to the readers of the copy, whichever part it is in.
func TestSanitizeDropsDTD(t *testing.T) {
	const in = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "http://evil.example/e">]><x><y/></x>`
	for _, rules := range []partRules{sheetRules{}, tableRules{}, refRules{}, &workbookRules{}} {
		got, err := filtered(t, in, nil, rules)
		if want := `<?xml version="1.0"?><x><y/></x>`; err != nil || got != want {
			t.Errorf("%T: %s (%v), want %s", rules, got, err, want)
		}
	}
}

// TestSanitizeRefusesBrokenXML: a part that is not well-formed stops the
// copy rather than passing on what the rules could not see.
func TestSanitizeRefusesBrokenXML(t *testing.T) {
	for _, in := range []string{
		`<worksheet><sheetData><row><c><f>1</c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row><c><f>1</f>`,
		`<worksheet><v>&evil;</v></worksheet>`,
	} {
		if out, err := filtered(t, in, nil, sheetRules{}); err == nil {
			t.Errorf("%s: no error, wrote %s", in, out)
		}
	}
}

func TestPlainRangeName(t *testing.T) {
	tests := []struct {
		name, attrs, value string
		want               bool
	}{
		{"print area", ``, `조사표!$A$1:$H$20`, true},
		{"quoted sheet with parentheses", ``, `'조사표 (2)'!$A$1:$H$20,'a''b'!$1:$1`, true},
		{"print titles", ` localSheetId="0"`, `Sheet1!$1:$2`, true},
		{"function", ``, `HYPERLINK("http://evil.example/")`, false},
		{"other workbook", ``, `[1]Sheet1!$A$1`, false},
		{"other workbook in quotes", ``, `'[other.xlsx]Sheet1'!$A$1`, false},
		{"DDE", ``, `cmd|'/c calc'!A1`, false},
		{"array", ``, `{1,2}`, false},
		{"macro flag", ` function="1"`, `Sheet1!$A$1`, false},
		{"empty", ``, ``, false},
	}
	for _, tt := range tests {
		for _, name := range []string{"_xlnm.Print_Area", "Auto_Open"} {
			el := startOf(t, `<definedName name="`+name+`"`+tt.attrs+`/>`)
			if got := plainRangeName(el, tt.value); got != (tt.want && name != "Auto_Open") {
				t.Errorf("%s %s: %v", tt.name, name, got)
			}
		}
	}
}

// TestSanitizeHostileBook copies Hostile without excelize in between: the
// checks of importerstest, and the sheet positions renumbered past the
// macro sheet that went.
func TestSanitizeHostileBook(t *testing.T) {
	src := writeRaw(t, "hostile.xlsm", importerstest.Hostile(t))
	out := filepath.Join(t.TempDir(), "clean.xlsx")
	if err := sanitizeBook(src, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	importerstest.Check(t, b)
	wb := string(importerstest.Part(t, b, "xl/workbook.xml"))
	for _, want := range []string{`<workbookView activeTab="1"/>`,
		`<definedName name="_xlnm.Print_Area" localSheetId="1">'참고'!$A$1:$B$3</definedName>`,
		`<definedName name="_xlnm.Print_Area" localSheetId="0">조사표!$A$1:$I$4</definedName>`} {
		if !strings.Contains(wb, want) {
			t.Errorf("workbook.xml lacks %s:\n%s", want, wb)
		}
	}
	if strings.Contains(wb, "Macro1") || strings.Contains(wb, "Print_Titles") {
		t.Errorf("the macro sheet or its print titles stayed:\n%s", wb)
	}
}

// errorLog is a testing.TB that keeps what a check reports instead of
// failing, so that a test can see the check fail.
type errorLog struct {
	testing.TB
	msgs []string
}

func (l *errorLog) Errorf(format string, args ...any) {
	l.msgs = append(l.msgs, fmt.Sprintf(format, args...))
}
func (l *errorLog) Error(args ...any) { l.msgs = append(l.msgs, fmt.Sprint(args...)) }

// TestHostileCheckFailsOnTheUpload: importerstest.Check, which the copies
// must pass, fails on the upload itself for each kind of live content.
func TestHostileCheckFailsOnTheUpload(t *testing.T) {
	log := &errorLog{TB: t}
	importerstest.Check(log, importerstest.Hostile(t))
	all := strings.Join(log.msgs, "\n")
	for _, want := range []string{"sheet1.xml keeps <f>", "sheet2.xml keeps <f>", "keeps <conditionalFormatting>",
		"keeps <oleObjects>", "drawing1.xml links out", "part xl/vbaProject.bin", "part xl/externalLinks/externalLink1.xml",
		"part xl/connections.xml", "part xl/macrosheets/sheet1.xml", "keeps a relationship", "not a plain .xlsx",
		"external references", "defined name Leak", "calculatedColumnFormula", "조사표!H3 = {Type:e Text:#DIV/0!}"} {
		if !strings.Contains(all, want) {
			t.Errorf("the check does not report %q; it reported:\n%s", want, all)
		}
	}
}
