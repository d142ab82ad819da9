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
// series' error amounts (interval's high − value, value − low, in the
// value's unit and format) and records the series' ranges in bars. It
// returns the columns it used.
func writeErrorAmounts(f *excelize.File, sheet string, t *Table, keys []string, header, col int, bars errorBars) (int, error) {
	used := 0
	first, last := header+1, header+len(t.Rows)
	for _, key := range keys {
		vc, lc, hc := colIndex(t, key), colIndex(t, key+"_"+StatLow), colIndex(t, key+"_"+StatHigh)
		if vc < 0 || lc < 0 || hc < 0 {
			continue
		}
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(numFmt(t.Columns[vc].Unit))})
		if err != nil {
			return used, err
		}
		plus, minus := col+used, col+used+1
		label := DisplayLabel(t.Columns[vc])
		if err := setText(f, sheet, plus, header, label+" 95% 신뢰구간 오차(+)"); err != nil {
			return used, err
		}
		if err := setText(f, sheet, minus, header, label+" 95% 신뢰구간 오차(−)"); err != nil {
			return used, err
		}
		for r, row := range t.Rows {
			v, okV := number(row[vc])
			lo, okL := number(row[lc])
			hi, okH := number(row[hc])
			if !okV || !okL || !okH {
				continue
			}
			if err := setNumber(f, sheet, plus, header+1+r, hi-v, style); err != nil {
				return used, err
			}
			if err := setNumber(f, sheet, minus, header+1+r, v-lo, style); err != nil {
				return used, err
			}
		}
		bars[absRef(sheet, vc+1, first, vc+1, last)] = [2]string{absRef(sheet, plus, first, plus, last), absRef(sheet, minus, first, minus, last)}
		used += 2
	}
	return used, nil
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
