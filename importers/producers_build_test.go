package importers

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"axdash/importers/corpus"
)

// Workbooks as Excel, Hancom Office, LibreOffice, Google Sheets and
// government exporters write them, which excelize never does: the parts are
// written as raw XML over corpus.Book, so each case shows the very markup
// it is about.

const (
	mainNS = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	relNS  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	wsType = relNS + `/worksheet`
)

// prodHeader is the header every producer case starts with, in inline
// strings, with the column letters its data rows use.
var prodHeader = prodHeaderAt(1)

// prodHeaderAt is that header in row r.
func prodHeaderAt(r int) string {
	return prodRow(r, "기업명", "시도", "업종", "종업원수", "AI도입단계", "AI도입비용(백만원)", "생산성향상률(%)", "조사일", "우수사례여부")
}

// prodRow is a row of inline-string cells from column A; an empty string
// leaves its cell out.
func prodRow(r int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, c := range cells {
		if c != "" {
			fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, r, c)
		}
	}
	return b.String() + `</row>`
}

// prodData is the usual data row 2 (가나전자, 서울, C, 25, 도입) with extra
// raw cells appended before </row>.
func prodData(r int, extra string) string {
	return strings.TrimSuffix(prodRow(r, "가나전자", "서울", "C", "25", "도입"), `</row>`) + extra + `</row>`
}

// sheetXML is a worksheet part around the given sheetData content and
// anything after it (mergeCells).
func sheetXML(rows, after string) string {
	return corpus.SheetHead + rows + `</sheetData>` + after + `</worksheet>`
}

// stylesXML is a styles part whose cellXfs are xf elements with the given
// numFmtId each (index 0 first), and custom formats as id→code.
func stylesXML(numFmts map[int]string, xfNumFmts ...int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="` + mainNS + `">`)
	if len(numFmts) > 0 {
		fmt.Fprintf(&b, `<numFmts count="%d">`, len(numFmts))
		for id, code := range numFmts {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="%s"/>`, id, strings.ReplaceAll(code, `"`, "&quot;"))
		}
		b.WriteString(`</numFmts>`)
	}
	b.WriteString(`<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>`)
	fmt.Fprintf(&b, `<cellXfs count="%d">`, len(xfNumFmts))
	for _, id := range xfNumFmts {
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`, id)
	}
	return b.String() + `</cellXfs></styleSheet>`
}

// twoSheets replaces the workbook with sheets 1 and 2 (the first with the
// given state attribute) and their parts.
func twoSheets(state, sheet1, sheet2 string) []corpus.Part {
	wb := `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="` + mainNS + `" xmlns:r="` + relNS + `"><sheets>` +
		`<sheet name="숨김" sheetId="1" state="` + state + `" r:id="rId1"/><sheet name="조사표" sheetId="2" r:id="rId4"/></sheets></workbook>`
	rels := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + wsType + `" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId4" Type="` + wsType + `" Target="worksheets/sheet2.xml"/>` +
		`<Relationship Id="rId2" Type="` + relNS + `/sharedStrings" Target="sharedStrings.xml"/>` +
		`<Relationship Id="rId3" Type="` + relNS + `/styles" Target="styles.xml"/></Relationships>`
	return []corpus.Part{{Name: "xl/workbook.xml", Body: []byte(wb)}, {Name: "xl/_rels/workbook.xml.rels", Body: []byte(rels)},
		{Name: "xl/worksheets/sheet1.xml", Body: []byte(sheet1)}, {Name: "xl/worksheets/sheet2.xml", Body: []byte(sheet2)}}
}

// strictParts rewrites parts into Strict OOXML ("Strict Open XML
// Spreadsheet" in Excel's save dialog), whose namespaces differ from
// transitional ones; the content types keep theirs.
func strictParts(parts []corpus.Part) []corpus.Part {
	out := make([]corpus.Part, len(parts))
	for i, p := range parts {
		s := strings.ReplaceAll(string(p.Body), mainNS, "http://purl.oclc.org/ooxml/spreadsheetml/main")
		if p.Name != "[Content_Types].xml" {
			s = strings.ReplaceAll(s, relNS, "http://purl.oclc.org/ooxml/officeDocument/relationships")
		}
		out[i] = corpus.Part{Name: p.Name, Body: []byte(s)}
	}
	return out
}

// part is a shorthand for a replaced zip entry.
func part(name, body string) corpus.Part { return corpus.Part{Name: name, Body: []byte(body)} }

// writeParts writes corpus.Book with the parts replaced or added.
func writeParts(t *testing.T, name string, parts []corpus.Part) string {
	t.Helper()
	all := corpus.Book("")
	for _, p := range parts {
		all = corpus.With(all, p)
	}
	b, err := corpus.Zip(all)
	if err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, name, b)
}

// summary renders the fields the producer cases check, so that a table row
// states a record in one line.
func summary(r Record) string {
	x := r.Response
	s := fmt.Sprintf("%s|%s|%s|%d|%s", x.FirmName, x.Region, x.Industry, x.Employees, x.Stage)
	if x.AdoptionCost != nil {
		s += fmt.Sprintf("|cost=%d", *x.AdoptionCost)
	}
	if x.ProductivityGain != nil {
		s += fmt.Sprintf("|gain=%g", *x.ProductivityGain)
	}
	if x.SurveyedOn != nil {
		s += "|on=" + x.SurveyedOn.Format(time.DateOnly)
	}
	if x.Exemplar {
		s += "|exemplar"
	}
	return s
}

// summaries is summary for every record of a result.
func summaries(res *Result) []string {
	var out []string
	for _, r := range res.Records {
		out = append(out, summary(r))
	}
	return out
}
