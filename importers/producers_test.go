package importers

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/importers/corpus"
)

// base is the summary of prodData's cells alone.
const base = "가나전자|11|C|25|도입"

// producerCase is one workbook written the way some producer writes it.
type producerCase struct {
	name  string
	parts []corpus.Part // replace or add parts of corpus.Book
	want  []string      // summaries of the valid records, in order
	codes []string      // issue codes the report must hold
}

// sheet1 is the usual worksheet part holding rows after the header.
func sheet1(rows string) corpus.Part {
	return part("xl/worksheets/sheet1.xml", sheetXML(prodHeader+rows, ""))
}

func producerCellCases() []producerCase {
	const serial, serial1904 = "46204", "44742" // 2026-07-01
	return []producerCase{
		{name: "inline rich text", parts: []corpus.Part{sheet1(`<row r="2"><c r="A2" t="inlineStr"><is><r><t>가나</t></r><r><rPr><b/></rPr>` +
			`<t>전자</t></r><rPh sb="0" eb="2"><t>カナ</t></rPh></is></c><c r="B2" t="inlineStr"><is><t>서울</t></is></c><c r="C2" t="inlineStr"><is><t>C</t></is></c>` +
			`<c r="D2"><v>25</v></c><c r="E2" t="inlineStr"><is><t>도입</t></is></c></row>`)},
			want: []string{base}},
		{name: "rich shared strings with phonetic runs", parts: []corpus.Part{
			part("xl/sharedStrings.xml", corpus.SST(`<si><r><rPr><sz val="11"/><rFont val="맑은 고딕"/></rPr><t>가나</t></r>`+
				`<r><t>전자</t></r><rPh sb="0" eb="2"><t>カナ</t></rPh><phoneticPr fontId="1"/></si>`+
				`<si><t>서울</t><rPh sb="0" eb="2"><t>ソウル</t></rPh></si>`)),
			sheet1(`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><t>C</t></is></c>` +
				`<c r="D2"><v>25</v></c><c r="E2" t="inlineStr"><is><t>도입</t></is></c></row>`)},
			want: []string{base}},
		{name: "cached formula strings and booleans", parts: []corpus.Part{sheet1(prodData(2,
			`<c r="F2"><f>10*3</f><v>30</v></c><c r="I2" t="b"><v>1</v></c>`) +
			`<row r="3"><c r="A3" t="str"><f>"다라"&amp;"정밀"</f><v>다라정밀</v></c><c r="B3" t="str"><f>"서울"</f><v>서울</v></c>` +
			`<c r="C3" t="inlineStr"><is><t>C</t></is></c><c r="D3"><v>25</v></c><c r="E3" t="inlineStr"><is><t>도입</t></is></c>` +
			`<c r="I3" t="b"><v>0</v></c></row>`)},
			want: []string{base + "|cost=30000000|exemplar", "다라정밀|11|C|25|도입"}},
		{name: "error cells", parts: []corpus.Part{sheet1(
			prodData(2, `<c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`) +
				prodData(3, `<c r="G3" t="e"><f>NA()</f><v>#N/A</v></c>`) +
				`<row r="4"><c r="A4" t="e"><f>VLOOKUP(1,Z:Z,2,0)</f><v>#N/A</v></c><c r="B4" t="inlineStr"><is><t>서울</t></is></c>` +
				`<c r="C4" t="inlineStr"><is><t>C</t></is></c><c r="D4"><v>5</v></c><c r="E4" t="inlineStr"><is><t>도입</t></is></c></row>`)},
			codes: []string{"adoption_cost.formula_error", "productivity_gain.formula_error", "firm_name.formula_error"}},
		{name: "date serials under date formats", parts: []corpus.Part{
			part("xl/styles.xml", stylesXML(map[int]string{176: `yyyy"년" m"월" d"일"`, 177: `[$-412]yyyy-mm-dd;@`}, 0, 14, 176, 177, 22)),
			sheet1(prodData(2, `<c r="H2" s="1"><v>`+serial+`</v></c>`) + prodData(3, `<c r="H3" s="2"><v>`+serial+`</v></c>`) +
				prodData(4, `<c r="H4" s="3"><v>`+serial+`</v></c>`) + prodData(5, `<c r="H5" s="4"><v>`+serial+`.5</v></c>`))},
			want: []string{base + "|on=2026-07-01", base + "|on=2026-07-01", base + "|on=2026-07-01", base + "|on=2026-07-01"}},
		// Strict-minded writers (and Excel for some imports) store ISO dates.
		{name: "ISO date cells", parts: []corpus.Part{sheet1(prodData(2, `<c r="H2" t="d"><v>2026-07-01T00:00:00</v></c>`) +
			prodData(3, `<c r="H3" t="d"><v>2026-07-01</v></c>`))},
			want: []string{base + "|on=2026-07-01", base + "|on=2026-07-01"}},
		{name: "1904 date system", parts: []corpus.Part{
			part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="`+mainNS+`" xmlns:r="`+relNS+`">`+
				`<workbookPr date1904="1"/><sheets><sheet name="조사표" sheetId="1" r:id="rId1"/></sheets></workbook>`),
			part("xl/styles.xml", stylesXML(nil, 0, 14)),
			sheet1(prodData(2, `<c r="H2" s="1"><v>`+serial1904+`</v></c>`))},
			want: []string{base + "|on=2026-07-01"}},
		{name: "numbers as text and in scientific notation", parts: []corpus.Part{
			part("xl/sharedStrings.xml", corpus.SST(`<si><t>1,234</t></si><si><t xml:space="preserve"> 30 </t></si>`)),
			part("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="`+mainNS+`"><fonts count="1"><font/></fonts>`+
				`<fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0"/>`+
				`<xf numFmtId="49" quotePrefix="1" applyNumberFormat="1"/></cellXfs></styleSheet>`),
			sheet1(`<row r="2"><c r="A2" t="inlineStr"><is><t>가나전자</t></is></c><c r="B2" t="inlineStr"><is><t>서울</t></is></c>` +
				`<c r="C2" t="inlineStr"><is><t>C</t></is></c><c r="D2" s="1" t="s"><v>0</v></c><c r="E2" t="inlineStr"><is><t>도입</t></is></c>` +
				`<c r="F2" s="1" t="s"><v>1</v></c></row>` + prodRow(3, "다라", "서울", "C", "", "도입") +
				`<row r="4"><c r="A4" t="inlineStr"><is><t>마바</t></is></c><c r="B4" t="inlineStr"><is><t>서울</t></is></c>` +
				`<c r="C4" t="inlineStr"><is><t>C</t></is></c><c r="D4"><v>1.2E+2</v></c><c r="E4" t="inlineStr"><is><t>도입</t></is></c>` +
				`<c r="F4"><v>1.5E-2</v></c></row>`)},
			want:  []string{"가나전자|11|C|1234|도입|cost=30000000", "마바|11|C|120|도입|cost=15000"},
			codes: []string{"employees.required"}},
		{name: "percent format stores fractions", parts: []corpus.Part{
			part("xl/styles.xml", stylesXML(map[int]string{180: `0.0%`}, 0, 9, 10, 180)),
			sheet1(prodData(2, `<c r="G2" s="1"><v>0.35</v></c>`) + prodData(3, `<c r="G3" s="2"><v>0.125</v></c>`) +
				prodData(4, `<c r="G4" s="3"><v>1.5</v></c>`) + prodData(5, `<c r="G5"><v>12.5</v></c>`) +
				prodData(6, `<c r="G6" s="1" t="inlineStr"><is><t>35%</t></is></c>`) +
				prodData(7, `<c r="G7" s="1"><f>7/100</f><v>7.0000000000000007E-2</v></c>`) +
				prodData(8, `<c r="F8" s="1"><v>30</v></c>`))},
			want: []string{base + "|gain=35", base + "|gain=12.5", base + "|gain=150", base + "|gain=12.5", base + "|gain=35",
				base + "|gain=7", base + "|cost=30000000"}},
		// Amounts stored in 원 and shown in 백만원 or 천원 by trailing commas,
		// under a header that names the unit shown.
		{name: "thousands-scaling formats", parts: []corpus.Part{
			part("xl/styles.xml", stylesXML(map[int]string{181: `#,##0,,`, 182: `#,##0,`, 183: `#,##0`, 184: `_-* #,##0,,_-;-* #,##0,,_-;_-* "-"_-;_-@_-`},
				0, 181, 182, 183, 184)),
			sheet1(prodData(2, `<c r="F2" s="1"><v>30000000</v></c>`) + prodData(3, `<c r="F3" s="2"><v>30000</v></c>`) +
				prodData(4, `<c r="F4" s="3"><v>30</v></c>`) + prodData(5, `<c r="F5" s="4"><v>1500000</v></c>`) +
				strings.Replace(prodData(6, ""), `<c r="D6" t="inlineStr"><is><t>25</t></is></c>`, `<c r="D6" s="3"><v>1234</v></c>`, 1))},
			want: []string{base + "|cost=30000000", base + "|cost=30000000", base + "|cost=30000000", base + "|cost=1500000",
				"가나전자|11|C|1234|도입"}},
		{name: "percent format as style 0 and in prefixed styles", parts: []corpus.Part{
			part("xl/styles.xml", prefixed(stylesXML(nil, 10, 0))),
			sheet1(prodData(2, `<c r="G2"><v>0.35</v></c>`) + prodData(3, `<c r="G3" s="1"><v>0.35</v></c>`))},
			want: []string{base + "|gain=35", base + "|gain=0.35"}},
		{name: "Excel's seventeen digits", parts: []corpus.Part{sheet1(
			`<row r="2"><c r="A2" t="inlineStr"><is><t>가나전자</t></is></c><c r="B2" t="inlineStr"><is><t>서울</t></is></c>` +
				`<c r="C2" t="inlineStr"><is><t>C</t></is></c><c r="D2"><f>0.1*250</f><v>25.000000000000004</v></c>` +
				`<c r="E2" t="inlineStr"><is><t>도입</t></is></c><c r="F2"><f>0.1*3</f><v>0.30000000000000004</v></c></row>`)},
			want: []string{base + "|cost=300000"}},
	}
}

func TestReadProducerCells(t *testing.T) { runProducerCases(t, producerCellCases()) }

func runProducerCases(t *testing.T, cases []producerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := readPath(t, writeParts(t, "조사표.xlsx", tc.parts), Options{})
			checkProducerResult(t, res, tc.want, tc.codes)
		})
	}
}

// checkProducerResult compares the valid records and the issue codes.
func checkProducerResult(t *testing.T, res *Result, want, wantCodes []string) {
	t.Helper()
	if res.Report.Status != model.StatusChecked {
		t.Fatalf("status %q, issues %v", res.Report.Status, res.Report.Issues)
	}
	if got := summaries(res); !reflect.DeepEqual(got, want) {
		t.Errorf("records\n got %q\nwant %q\nissues %v", got, want, codes(res))
	}
	for _, c := range wantCodes {
		if issue(res, c) == nil {
			t.Errorf("no %s issue; issues %v", c, codes(res))
		}
	}
	// Any other error is a misreading the case did not expect.
	for _, is := range res.Report.Issues {
		if is.Severity == model.SeverityError && !slices.Contains(wantCodes, is.Code) {
			t.Errorf("unexpected error %s at %s: %s", is.Code, is.Cell, is.Message)
		}
	}
}
