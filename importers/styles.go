package importers

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"path"
	"strings"
)

// Excel stores a percent as the fraction it is (35% as 0.35) and shows it
// through the cell's number format; excelize hands over the raw 0.35. For
// percent fields the sheet scan therefore reads each number's style, and
// these are the styles that show a percent.

// errStyles is a styles part that cannot be read while a percent column
// needs it: its numbers could be fractions or percents, and a guess would
// store numbers a hundred times off.
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

// percentColumns returns, indexed by cell style, whether the style shows a
// percent; nil when no column is a percent field or no style is a percent
// (the scan then reads no style at all). A workbook without a styles part
// has only the General format.
func percentColumns(zr *zip.Reader, cols []scanCol) ([]bool, error) {
	want := false
	for _, c := range cols {
		want = want || c&scanPercent != 0
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
	var pct []bool
	for i, xf := range st.Xfs {
		code, ok := custom[xf.NumFmt]
		if (ok && percentFormat(code)) || (!ok && (xf.NumFmt == 9 || xf.NumFmt == 10)) {
			if pct == nil {
				pct = make([]bool, len(st.Xfs))
			}
			pct[i] = true
		}
	}
	return pct, nil
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

// percentFormat reports a number format code that multiplies by 100: a %
// outside quoted text, [brackets] and escaped characters (\% and _% or *%,
// which are a padding and a fill, show a literal %).
func percentFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '%':
			return true
		}
	}
	return false
}
