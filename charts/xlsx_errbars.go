package charts

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// errorBars maps a chart series' value range (as the chart part holds it,
// 'Sheet'!$D$15:$D$31) to the ranges of its error amounts above and below:
// excelize draws no error bars, so they are added to the saved workbook
// (writeWithErrorBars).
type errorBars map[string][2]string

// writeErrorAmounts writes, at column col beside the table, each bar
// series' error amounts (writeErrorPair) and records the series' ranges in
// bars. It returns the columns it used.
func writeErrorAmounts(f *excelize.File, sheet string, t *Table, keys []string, header, col int, bars errorBars) (int, error) {
	used := 0
	for _, key := range keys {
		vc, lc, hc := colIndex(t, key), colIndex(t, key+"_"+StatLow), colIndex(t, key+"_"+StatHigh)
		if vc < 0 || lc < 0 || hc < 0 {
			continue
		}
		err := writeErrorPair(f, sheet, col+used, header, len(t.Rows), DisplayLabel(t.Columns[vc])+" 95% 신뢰구간", t.Columns[vc].Unit,
			func(r int) (any, any, any) { return t.Rows[r][vc], t.Rows[r][lc], t.Rows[r][hc] })
		if err != nil {
			return used, err
		}
		bars.add(sheet, vc+1, col+used, header, len(t.Rows))
		used += 2
	}
	return used, nil
}

// writeTrendErrors writes, at column col beside the trend's pivot (its
// values at pivotCol+1+region, one row per wave), the error amounts of the
// lines the page draws a band for (banded: 전국 and the highlighted 시도),
// and records their ranges in bars. It returns the columns it used.
func writeTrendErrors(f *excelize.File, sheet string, t *Table, p trendPivot, header, pivotCol, col int, bars errorBars) (int, error) {
	key := trendKey(t)
	vc, lc, hc := colIndex(t, key), colIndex(t, key+"_"+StatLow), colIndex(t, key+"_"+StatHigh)
	if vc < 0 || lc < 0 || hc < 0 {
		return 0, nil
	}
	used := 0
	for i, band := range banded(p.regions, t.Highlight) {
		if !band {
			continue
		}
		name, _ := ExportValue(t.Columns[colIndex(t, "region")], p.regions[i]).(string)
		vcol := t.Columns[vc]
		err := writeErrorPair(f, sheet, col+used, header, len(p.waves), name, vcol.Unit, func(w int) (any, any, any) {
			ri, ok := p.at[[2]int{w, i}]
			if !ok {
				return nil, nil, nil
			}
			row := t.Rows[ri]
			return ExportValue(vcol, row[vc]), ExportValue(vcol, row[lc]), ExportValue(vcol, row[hc])
		})
		if err != nil {
			return used, err
		}
		bars.add(sheet, pivotCol+1+i, col+used, header, len(p.waves))
		used += 2
	}
	return used, nil
}

// writeErrorPair writes one series' error amounts in columns col (above)
// and col+1 (below), headed by label, in the unit's format: for each of n
// rows below the header the interval's high − value and value − low of
// at(r); a row without all three is left blank.
func writeErrorPair(f *excelize.File, sheet string, col, header, n int, label, unit string, at func(r int) (v, lo, hi any)) error {
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(numFmt(unit))})
	if err != nil {
		return err
	}
	if err := setText(f, sheet, col, header, label+" 오차(+)"); err != nil {
		return err
	}
	if err := setText(f, sheet, col+1, header, label+" 오차(−)"); err != nil {
		return err
	}
	for r := range n {
		a, b, c := at(r)
		v, okV := number(a)
		lo, okL := number(b)
		hi, okH := number(c)
		if !okV || !okL || !okH {
			continue
		}
		if err := setNumber(f, sheet, col, header+1+r, hi-v, style); err != nil {
			return err
		}
		if err := setNumber(f, sheet, col+1, header+1+r, v-lo, style); err != nil {
			return err
		}
	}
	return nil
}

// add records that the series of values in column valCol (n rows below
// the header) has its error amounts in columns col and col+1.
func (bars errorBars) add(sheet string, valCol, col, header, n int) {
	first, last := header+1, header+n
	bars[absRef(sheet, valCol, first, valCol, last)] = [2]string{absRef(sheet, col, first, col, last), absRef(sheet, col+1, first, col+1, last)}
}

// writeWithErrorBars writes the workbook to w with custom error bars
// (c:errBars, the amounts' ranges as plus and minus) on every chart series
// bars names: the saved package is copied part by part, the chart parts
// with their series' error bars inserted where the schema puts them,
// before the categories.
func writeWithErrorBars(f *excelize.File, w io.Writer, bars errorBars) error {
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	if len(bars) == 0 {
		_, err := buf.WriteTo(w)
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return err
	}
	// A chart series and its value range, in a chart part.
	serValue := regexp.MustCompile(`(?s)<ser>.*?<val><numRef><f>([^<]*)</f>.*?</ser>`)
	zw := zip.NewWriter(w)
	for _, part := range zr.File {
		body, err := readPart(part)
		if err != nil {
			return err
		}
		if strings.HasPrefix(part.Name, "xl/charts/chart") {
			body = serValue.ReplaceAllFunc(body, func(ser []byte) []byte {
				ref := html.UnescapeString(string(serValue.FindSubmatch(ser)[1]))
				eb, ok := bars[ref]
				if !ok {
					return ser
				}
				return bytes.Replace(ser, []byte("<cat>"), []byte(errBarsXML(eb)+"<cat>"), 1)
			})
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: part.Name, Method: zip.Deflate, Modified: part.Modified})
		if err != nil {
			return err
		}
		if _, err := out.Write(body); err != nil {
			return err
		}
	}
	return zw.Close()
}

func readPart(part *zip.File) ([]byte, error) {
	rc, err := part.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// errBarsXML is one series' custom error bars, dark and capped.
func errBarsXML(eb [2]string) string {
	ref := func(r string) string { return "<numRef><f>" + html.EscapeString(r) + "</f></numRef>" }
	return fmt.Sprintf(`<errBars><errBarType val="both"/><errValType val="cust"/><noEndCap val="0"/>`+
		`<plus>%s</plus><minus>%s</minus>`+
		`<spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="262626"/></a:solidFill></a:ln></spPr></errBars>`, ref(eb[0]), ref(eb[1]))
}
