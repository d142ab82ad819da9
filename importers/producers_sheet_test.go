package importers

import (
	"strings"
	"testing"

	"axdash/importers/corpus"
)

// Sheet and package structure as producers other than excelize write it.

// prefixed turns a default-namespace part into one whose elements carry
// the x: prefix, as some .NET exporters write them.
func prefixed(xml string) string {
	xml = strings.Replace(xml, `xmlns="`+mainNS+`"`, `xmlns:x="`+mainNS+`"`, 1)
	var b strings.Builder
	for i := 0; i < len(xml); i++ {
		b.WriteByte(xml[i])
		if xml[i] == '<' && i+1 < len(xml) && xml[i+1] != '?' {
			if xml[i+1] == '/' {
				b.WriteByte('/')
				i++
			}
			b.WriteString("x:")
		}
	}
	return b.String()
}

func producerSheetCases() []producerCase {
	noRefs := `<row><c t="inlineStr"><is><t>기업명</t></is></c><c t="inlineStr"><is><t>시도</t></is></c><c t="inlineStr"><is><t>업종</t></is></c>` +
		`<c t="inlineStr"><is><t>종업원수</t></is></c><c t="inlineStr"><is><t>AI도입단계</t></is></c></row>` +
		`<row><c t="inlineStr"><is><t>가나전자</t></is></c><c t="inlineStr"><is><t>서울</t></is></c><c t="inlineStr"><is><t>C</t></is></c>` +
		`<c><v>25</v></c><c t="inlineStr"><is><t>도입</t></is></c></row>` +
		`<row><c t="inlineStr"><is><t>다라</t></is></c><c t="inlineStr"><is><t>서울</t></is></c><c t="inlineStr"><is><t>C</t></is></c>` +
		`<c><v>7</v></c><c t="inlineStr"><is><t>도입</t></is></c></row>`
	wsHeader := strings.ReplaceAll(prodHeader, `<t>기업명</t>`, `<t xml:space="preserve"> 기업명
</t>`)
	wsHeader = strings.ReplaceAll(wsHeader, `<t>종업원수</t>`, `<t xml:space="preserve">종업원수
(명) </t>`)
	other := sheetXML(prodRow(1, "기업명", "시도", "업종", "종업원수", "AI도입단계")+prodRow(2, "숨은표", "부산", "C", "9", "도입"), "")
	visible := sheetXML(prodHeader+prodData(2, ""), "")
	return []producerCase{
		{name: "rows and cells without r", parts: []corpus.Part{part("xl/worksheets/sheet1.xml", sheetXML(noRefs, ""))},
			want: []string{base, "다라|11|C|7|도입"}},
		{name: "empty styled cells, gaps and spans", parts: []corpus.Part{sheet1(
			`<row r="3" spans="1:9" ht="15"><c r="A3" s="3"/><c r="B3" s="3"/></row>` +
				strings.Replace(prodData(7, `<c r="F7" s="3"/><c r="G7" s="3"/><c r="H7" s="3"/>`), `<row r="7">`, `<row r="7" spans="1:9">`, 1) +
				prodData(12, ""))},
			want: []string{base, base}},
		{name: "shared formulas with cached values", parts: []corpus.Part{sheet1(
			prodData(2, `<c r="F2"><f t="shared" ref="F2:F4" si="0">D2*2</f><v>50</v></c>`) +
				prodData(3, `<c r="F3"><f t="shared" si="0"/><v>50</v></c>`) +
				prodData(4, `<c r="F4"><f t="shared" si="0"/><v>50</v></c>`))},
			want: []string{base + "|cost=50000000", base + "|cost=50000000", base + "|cost=50000000"}},
		{name: "spaces and line breaks in headers", parts: []corpus.Part{part("xl/worksheets/sheet1.xml", sheetXML(wsHeader+prodData(2, ""), ""))},
			want: []string{base}},
		{name: "hidden first sheet", parts: twoSheets("hidden", other, visible), want: []string{base}},
		{name: "very hidden first sheet", parts: twoSheets("veryHidden", other, visible), want: []string{base}},
		{name: "merged title over the header", parts: []corpus.Part{part("xl/worksheets/sheet1.xml", sheetXML(
			`<row r="1"><c r="A1" t="inlineStr"><is><t>2026년 AI 도입 실태조사</t></is></c><c r="B1" s="0"/><c r="C1" s="0"/></row>`+
				prodHeaderAt(2)+prodData(3, ""),
			`<mergeCells count="1"><mergeCell ref="A1:I1"/></mergeCells>`))},
			want: []string{base}},
		// Merges that leave no data row empty: a footnote box below the
		// table, and a vertical merge in a column nobody reads.
		{name: "merged footnote and unread column", parts: []corpus.Part{part("xl/worksheets/sheet1.xml", sheetXML(
			prodHeader+prodData(2, `<c r="J2" t="inlineStr"><is><t>비고</t></is></c>`)+prodData(3, "")+
				`<row r="5"><c r="A5" t="inlineStr"><is><t>※ 단위 및 주석</t></is></c></row>`,
			`<mergeCells count="2"><mergeCell ref="A5:I7"/><mergeCell ref="J2:J3"/></mergeCells>`))},
			want: []string{base, base}, codes: []string{CodeRowNote}},
		// A two-row header merges its single-row titles down over both rows.
		{name: "two-row header with vertical merges", parts: []corpus.Part{part("xl/worksheets/sheet1.xml", sheetXML(
			prodRow(1, "기업명", "시도", "업종", "종업원수", "AI도입단계", "AI인력", "")+prodRow(2, "", "", "", "", "", "현원", "필요")+
				prodRow(3, "가나전자", "서울", "C", "25", "도입", "1", "2"),
			`<mergeCells count="6"><mergeCell ref="A1:A2"/><mergeCell ref="B1:B2"/><mergeCell ref="C1:C2"/>`+
				`<mergeCell ref="D1:D2"/><mergeCell ref="E1:E2"/><mergeCell ref="F1:G1"/></mergeCells>`))},
			want: []string{base}},
		// An Excel table (표) with its total row, labelled 요약 by Korean
		// Excel, and an average row under it.
		{name: "table total and average rows", parts: []corpus.Part{sheet1(prodData(2, `<c r="F2"><v>30</v></c>`) +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>요약</t></is></c><c r="D3"><f>SUBTOTAL(109,[종업원수])</f><v>25</v></c>` +
			`<c r="F3"><f>SUBTOTAL(109,[AI도입비용(백만원)])</f><v>30</v></c></row>` +
			`<row r="4"><c r="A4" t="inlineStr"><is><t>평균</t></is></c><c r="D4"><f>AVERAGE(D2:D2)</f><v>25</v></c></row>`)},
			want: []string{base + "|cost=30000000"}, codes: []string{CodeRowTotal}},
		{name: "header repeated on each printed page", parts: []corpus.Part{sheet1(prodData(2, "") +
			prodHeaderAt(3) + prodData(4, "") + prodRow(5, "기업명", "서울", "C", "3", "도입"))},
			want: []string{base, base, "기업명|11|C|3|도입"}, codes: []string{CodeRowHeader}},
		{name: "x: prefixed parts", parts: []corpus.Part{
			part("xl/workbook.xml", prefixed(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="`+mainNS+`" xmlns:r="`+relNS+`">`+
				`<sheets><sheet name="조사표" sheetId="1" r:id="rId1"/></sheets></workbook>`)),
			part("xl/sharedStrings.xml", prefixed(corpus.SST(`<si><t>서울</t></si>`))),
			part("xl/worksheets/sheet1.xml", prefixed(sheetXML(prodHeader+
				`<row r="2"><c r="A2" t="inlineStr"><is><t>가나전자</t></is></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>C</t></is></c>`+
				`<c r="D2"><v>25</v></c><c r="E2" t="inlineStr"><is><t>도입</t></is></c></row>`, "")))},
			want: []string{base}},
		// Exporters built on XML writers indent their parts.
		{name: "pretty-printed parts", parts: []corpus.Part{
			part("xl/sharedStrings.xml", corpus.SST("\n  <si>\n    <t>서울</t>\n  </si>\n")),
			part("xl/worksheets/sheet1.xml", corpus.SheetHead+"\n"+strings.ReplaceAll(strings.ReplaceAll(prodHeader+
				`<row r="2"><c r="A2" t="inlineStr"><is><t>가나전자</t></is></c><c r="B2" t="s"><v>0</v></c>`+
				`<c r="C2" t="inlineStr"><is><t>C</t></is></c><c r="D2"><f>20+5</f><v>25</v></c>`+
				`<c r="E2" t="inlineStr"><is><t>도입</t></is></c></row>`, "<c ", "\n    <c "), "<is>", "<is>\n      ")+
				"\n</sheetData>\n<mergeCells count=\"1\">\n  <mergeCell ref=\"J1:J2\"/>\n</mergeCells>\n</worksheet>\n")},
			want: []string{base}},
		{name: "strict OOXML", parts: strictParts(append(corpus.Book(""), part("xl/styles.xml", stylesXML(nil, 0, 9)),
			sheet1(prodData(2, `<c r="G2" s="1"><v>0.35</v></c>`)))), want: []string{base + "|gain=35"}},
		{name: "absolute targets and a default content type", parts: []corpus.Part{
			part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
				`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
				`<Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
				`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
			part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
				`<Relationship Id="rId1" Type="`+relNS+`/officeDocument" Target="/xl/workbook.xml"/></Relationships>`),
			part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
				`<Relationship Id="rId1" Type="`+wsType+`" Target="/xl/worksheets/sheet1.xml"/>`+
				`<Relationship Id="rId2" Type="`+relNS+`/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`),
			sheet1(prodData(2, ""))},
			want: []string{base}},
	}
}

func TestReadProducerSheets(t *testing.T) { runProducerCases(t, producerSheetCases()) }

// TestReadProducerRefusals: structures no streaming reader can place, and
// parts where excelize does not look, are refused with a message, never
// read in part.
func TestReadProducerRefusals(t *testing.T) {
	elsewhere := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + wsType + `" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + relNS + `/sharedStrings" Target="strings.xml"/></Relationships>`
	tests := []struct {
		name        string
		parts       []corpus.Part
		code, words string
	}{
		{"rows out of order", []corpus.Part{sheet1(prodData(5, "") + prodData(3, ""))}, CodeFileCorrupt, "행 순서"},
		{"a row twice", []corpus.Part{sheet1(prodData(2, "") + prodData(2, ""))}, CodeFileCorrupt, "행 순서"},
		// Only B2 holds 서울; B3 and B4 look empty to any streaming reader.
		{"region merged down a group", []corpus.Part{part("xl/worksheets/sheet1.xml", sheetXML(prodHeader+prodData(2, "")+
			prodRow(3, "다라", "", "C", "5", "도입")+prodRow(4, "마바", "", "C", "5", "도입"),
			`<mergeCells count="1"><x:mergeCell xmlns:x="`+mainNS+`" ref="$B$2:$B$4"/></mergeCells>`))}, CodeFileMerged, "B2:B4"},
		// excelize reads xl/sharedStrings.xml whatever the relationships
		// say: here it would read 부산 for 서울.
		{"shared strings elsewhere", []corpus.Part{part("xl/_rels/workbook.xml.rels", elsewhere),
			part("xl/strings.xml", corpus.SST(`<si><t>서울</t></si>`)), part("xl/sharedStrings.xml", corpus.SST(`<si><t>부산</t></si>`)),
			sheet1(`<row r="2"><c r="A2" t="inlineStr"><is><t>가</t></is></c><c r="B2" t="s"><v>0</v></c></row>`)},
			CodeFileCorrupt, "sharedStrings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, writeParts(t, "조사표.xlsx", tt.parts), Options{})
			wantRefused(t, res, tt.code)
			if is := issue(res, tt.code); !strings.Contains(is.Message, tt.words) {
				t.Errorf("message %q", is.Message)
			}
		})
	}
}
