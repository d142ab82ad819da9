package importers

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
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

// maxCellStyles bounds the cell styles read: Excel allows 64,000, and a
// style costs a few bytes here, so only a crafted part comes near it.
const maxCellStyles = 1 << 20

// fmtScale is how a number format scales the number it shows: by 100 for
// each %, by 1/1000 for each scaling comma.
type fmtScale struct{ pct, commas int8 }

// exp is the power of ten the number is shown at. The scan keeps the
// percent signs only in percent fields (see checkScale): on an amount a
// percent format is a slip, not a unit.
func (f fmtScale) exp() int { return 2*int(f.pct) - 3*int(f.commas) }

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
	rc, err := e.Open()
	if err != nil {
		return nil, errStyles
	}
	defer rc.Close()
	custom, xfs, err := readStyles(rc)
	if err != nil {
		return nil, errStyles
	}
	var scales []fmtScale
	for i, id := range xfs {
		var sc fmtScale
		if code, ok := custom[int(id)]; ok {
			sc = numberScale(code)
		} else if id == 9 || id == 10 { // the built-in 0% and 0.00%
			sc.pct = 1
		}
		if sc != (fmtScale{}) {
			if scales == nil {
				scales = make([]fmtScale, len(xfs))
			}
			scales[i] = sc
		}
	}
	return scales, nil
}

// readStyles streams a styles part (copying styles between workbooks
// bloats it to megabytes) for its custom number formats and the number
// format of each cell style. Elements are matched by local name, so
// prefixed and Strict parts read too; cellStyleXfs, whose xf elements are
// named styles and not cell styles, is passed over.
func readStyles(r io.Reader) (custom map[int]string, xfs []int32, err error) {
	custom = map[int]string{}
	d := xml.NewDecoder(r)
	inXfs := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return custom, xfs, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "cellXfs":
				inXfs = true
			case t.Name.Local == "xf" && inXfs:
				if len(xfs) == maxCellStyles {
					return nil, nil, errStyles
				}
				id, _ := strconv.Atoi(attrValue(t, "numFmtId"))
				xfs = append(xfs, int32(id))
			case t.Name.Local == "numFmt" && !inXfs:
				if id, err := strconv.Atoi(attrValue(t, "numFmtId")); err == nil {
					custom[id] = attrValue(t, "formatCode")
				}
			}
		case xml.EndElement:
			inXfs = inXfs && t.Name.Local != "cellXfs"
		}
	}
}

// attrValue is the value of an element's attribute by local name, or "".
func attrValue(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// stylesPart is the styles part named by the workbook's relationships,
// falling back to the usual xl/styles.xml.
func stylesPart(zr *zip.Reader) string {
	part, ok := workbookRel(zr, workbookPath(zr), func(r relationship) bool {
		return strings.HasSuffix(r.Type, "/styles") && r.Target != ""
	})
	if !ok {
		return "xl/styles.xml"
	}
	return part
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
