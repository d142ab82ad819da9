package charts

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// TestXLSXErrorBars: the native chart's series carry custom error bars
// whose plus and minus ranges hold, row by row, the interval's high minus
// the value and the value minus its low; a withheld value has none.
func TestXLSXErrorBars(t *testing.T) {
	_, tab := precisionTable(t)
	data := xlsxOf(t, tab, ExportMeta{})
	chart := zipPart(t, data, "xl/charts/chart1.xml")
	m := regexp.MustCompile(`<errBars>.*?<plus><numRef><f>([^<]+)</f>.*?<minus><numRef><f>([^<]+)</f>.*?</errBars><cat>`).FindStringSubmatch(chart)
	if m == nil {
		t.Fatalf("chart1.xml has no custom error bars before the categories:\n%s", chart)
	}
	x, sheet := openXLSX(t, data)
	header := findHeader(t, x, sheet, tab)
	plusCol, minusCol := rangeColumn(t, html.UnescapeString(m[1])), rangeColumn(t, html.UnescapeString(m[2]))
	v, lo, hi := colIndex(tab, "adoption_rate"), colIndex(tab, "adoption_rate_ci_low"), colIndex(tab, "adoption_rate_ci_high")
	for r, row := range tab.Rows {
		plus, _ := x.GetCellValue(sheet, cellName(plusCol, header+1+r), excelize.Options{RawCellValue: true})
		minus, _ := x.GetCellValue(sheet, cellName(minusCol, header+1+r), excelize.Options{RawCellValue: true})
		val, ok := number(row[v])
		if !ok {
			if plus != "" || minus != "" {
				t.Errorf("row %v: withheld, but error amounts %q %q", row[:2], plus, minus)
			}
			continue
		}
		l, _ := number(row[lo])
		h, _ := number(row[hi])
		p, errP := strconv.ParseFloat(plus, 64)
		n, errN := strconv.ParseFloat(minus, 64)
		if errP != nil || errN != nil || !near(p, h-val) || !near(n, val-l) {
			t.Errorf("row %v: error amounts %q %q, want %v %v", row[:2], plus, minus, h-val, val-l)
		}
	}
}

// rangeColumn is the column of a one-column range 'Sheet'!$J$15:$J$31.
func rangeColumn(t *testing.T, ref string) string {
	t.Helper()
	m := regexp.MustCompile(`!\$([A-Z]+)\$\d+:\$([A-Z]+)\$\d+$`).FindStringSubmatch(ref)
	if m == nil || m[1] != m[2] {
		t.Fatalf("range %q is not one column", ref)
	}
	return m[1]
}

func cellName(col string, row int) string { return col + strconv.Itoa(row) }

// TestXLSXErrorBarsInLibreOffice: LibreOffice opens the workbook and reads
// the error bars as cell ranges (skipped without soffice).
func TestXLSXErrorBarsInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("no soffice")
	}
	_, tab := precisionTable(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "figure.xlsx")
	if err := os.WriteFile(in, xlsxOf(t, tab, ExportMeta{}), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "ods", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "figure.ods"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no workbook: %v", err)
	}
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "content.xml") {
			continue
		}
		body, err := readPart(f)
		if err != nil {
			t.Fatal(err)
		}
		found = found || bytes.Contains(body, []byte(`error-category="cell-range"`)) && bytes.Contains(body, []byte("error-upper-range="))
	}
	if !found {
		t.Error("LibreOffice read no error bars from the chart")
	}
}

// TestXLSXTrendErrorBars: the trend's native line chart has error bars on
// the lines the page draws a band for (전국 and the highlighted 시도), not
// on the others.
func TestXLSXTrendErrorBars(t *testing.T) {
	c := newCatalogue(t)
	for _, tt := range []struct {
		highlight []string
		bars      int
	}{{nil, 1}, {[]string{"48"}, 2}, {[]string{"11", "26"}, 3}} {
		tab, err := c.Build(context.Background(), twoWaveTrend(), "adoption-trend", model.Filter{WaveID: 2})
		if err != nil {
			t.Fatal(err)
		}
		tab.Highlight = tt.highlight
		chart := zipPart(t, xlsxOf(t, tab, ExportMeta{}), "xl/charts/chart1.xml")
		if got := strings.Count(chart, "<errBars>"); got != tt.bars || !strings.Contains(chart, "<lineChart>") {
			t.Errorf("highlight %v: %d error bars, want %d", tt.highlight, got, tt.bars)
		}
	}
}
