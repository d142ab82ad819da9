package importers

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"path"
	"strings"
)

// Excel stores a number as it is and shows it through the cell's number
// format, and some formats show it scaled: a percent format shows 0.35 as
// 35%, and a comma after the digits ("#,##0,") shows 30,000,000 as 30,000,
// each comma dividing by 1,000, which Korean tables use to show 원 in 천원.
// excelize hands over the stored number, so for number fields the sheet
// scan reads each number's style, and these are the styles that scale.

// errStyles is a styles part that cannot be read while a number column
// needs it: its numbers could be shown scaled or not, and a guess could
// store numbers a hundred or a thousand times off.
var errStyles = errors.New("styles part unreadable")

// maxStylesPart bounds the styles part: real ones are kilobytes, and a
// workbook with tens of thousands of cell styles stays under a few MB.
const maxStylesPart = 16 << 20

// styleSheet is the part of xl/styles.xml that says which number format each
// cell style uses. Elements are matched by local name, so prefixed parts
// (x:styleSheet) read too.
type styleSheet struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Xfs []struct {
		NumFmt int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// fmtScale is how a number format scales the number it shows: by 100 for
// each %, by 1/1000 for each scaling comma.
type fmtScale struct{ pct, commas int8 }

// exp is the power of ten a field shows the number at: a percent field
// honours both, other number fields only the commas (a percent format on
// an amount is a slip, not a unit).
func (f fmtScale) exp(percentField bool) int {
	if percentField {
		return 2*int(f.pct) - 3*int(f.commas)
	}
	return -3 * int(f.commas)
}

// formatScales returns, indexed by cell style, how the style scales its
// number; nil when no column is a number field or no style scales (the
// scan then reads no style at all). A workbook without a styles part has
// only General.
func formatScales(zr *zip.Reader, cols []scanCol) ([]fmtScale, error) {
	want := false
	for _, c := range cols {
		want = want || c&scanScaled != 0
	}
	if !want {
		return nil, nil
	}
	e := findEntry(zr, stylesPart(zr))
	if e == nil {
		return nil, nil
	}
	b, err := readEntry(e, maxStylesPart)
	if err != nil {
		return nil, errStyles
	}
	var st styleSheet
	if err := xml.Unmarshal(b, &st); err != nil {
		return nil, errStyles
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	var scales []fmtScale
	for i, xf := range st.Xfs {
		var sc fmtScale
		if code, ok := custom[xf.NumFmt]; ok {
			sc = numberScale(code)
		} else if xf.NumFmt == 9 || xf.NumFmt == 10 { // the built-in 0% and 0.00%
			sc.pct = 1
		}
		if sc != (fmtScale{}) {
			if scales == nil {
				scales = make([]fmtScale, len(st.Xfs))
			}
			scales[i] = sc
		}
	}
	return scales, nil
}

// stylesPart is the styles part named by the workbook's relationships,
// falling back to the usual xl/styles.xml.
func stylesPart(zr *zip.Reader) string {
	wb := workbookPath(zr)
	dir, base := path.Split(wb)
	for _, r := range readRels(zr, dir+"_rels/"+base+".rels").Rels {
		if strings.HasSuffix(r.Type, "/styles") && r.Target != "" {
			return resolvePart(dir, r.Target)
		}
	}
	return "xl/styles.xml"
}

// numberScale reads how a number format code scales what it shows: each
// % multiplies by 100, each comma after the last digit placeholder (before
// the decimal point, a literal or the end) divides by 1,000, as Excel reads
// them. Only the first section counts (positive numbers); quoted text,
// [brackets] and escaped characters (\x, and _x and *x, a padding and a
// fill) show literally and scale nothing.
func numberScale(code string) fmtScale {
	pct, commas, pending, afterDigit := 0, 0, 0, false
	for i := 0; i < len(code) && code[i] != ';'; i++ {
		c := code[i]
		switch {
		case c == '0' || c == '#' || c == '?':
			pending, afterDigit = 0, true // commas between digits group thousands
			continue
		case c == ',' && afterDigit:
			pending++
			continue
		case c == '%':
			pct++
		case c == '"':
			i = skipPast(code, i, '"')
		case c == '[':
			i = skipPast(code, i, ']')
		case c == '\\' || c == '_' || c == '*':
			i++
		}
		commas, pending, afterDigit = commas+pending, 0, false
	}
	return fmtScale{pct: int8(min(pct, 8)), commas: int8(min(commas+pending, 8))}
}

// skipPast returns the index of the next end after i, or the end of code.
func skipPast(code string, i int, end byte) int {
	if j := strings.IndexByte(code[i+1:], end); j >= 0 {
		return i + 1 + j
	}
	return len(code)
}
