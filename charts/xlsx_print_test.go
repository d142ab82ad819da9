package charts

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// briefingBook writes the briefing workbook of fullSource's wave 2; keep
// says which rows of each table stay as they are, the others get n = 0 as
// in a region's briefing.
func briefingBook(t *testing.T, keep func(row []any, n int) bool) ([]byte, []*Table, []BriefingMeasure) {
	t.Helper()
	c := newCatalogue(t)
	src := fullSource()
	var tables []*Table
	for _, fig := range c.BriefingFigures() {
		tab, err := c.Build(context.Background(), src, fig.ID, model.Filter{WaveID: 2})
		if err != nil {
			t.Fatal(err)
		}
		if n := colIndex(tab, "n"); n >= 0 {
			for _, row := range tab.Rows {
				if !keep(row, n) {
					row[n] = 0
				}
			}
		}
		tables = append(tables, tab)
	}
	ms, err := c.BriefingMeasures(context.Background(), src, model.Filter{WaveID: 2}, 1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteBriefingXLSX(&buf, "브리핑", ms, tables, ExportMeta{Wave: "2026-H1", Source: "테스트 조사"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), tables, ms
}

// TestBriefingWorkbookPrintSetup: every sheet prints on one A4 page with
// its chart inside the print area and the table's header repeated, for the
// nation and for a region (whose other 시도, at n = 0, are left out).
func TestBriefingWorkbookPrintSetup(t *testing.T) {
	cases := []struct {
		name string
		keep func(row []any, n int) bool
		rows int // the rows of adoption-by-region's sheet; 0: those with responses
	}{
		{"national", func([]any, int) bool { return true }, 0},
		{"region 11", func(row []any, _ int) bool { return row[0] == "11" }, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, tables, _ := briefingBook(t, tc.keep)
			x, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			areas, titles := printNames(x)
			for i, sheet := range x.GetSheetList() {
				checkPageLayout(t, x, sheet)
				area, ok := areas[sheet]
				if !ok {
					t.Errorf("%s has no print area", sheet)
					continue
				}
				if to, ok := chartEnd(t, b, i+1); ok && (to[0] > area[0] || to[1] > area[1]) {
					t.Errorf("%s: the chart ends at column %d row %d, outside the print area to %v", sheet, to[0], to[1], area)
				}
				if i == 0 {
					continue
				}
				tab := tables[i-1]
				header := findHeader(t, x, sheet, tab)
				if titles[sheet] != header {
					t.Errorf("%s repeats row %d, want the header row %d", sheet, titles[sheet], header)
				}
				if n := colIndex(tab, "n"); n >= 0 {
					got := checkNoEmptyRows(t, x, sheet, header, n, tab)
					if tab.Figure.ID == "adoption-by-region" && tc.rows > 0 && got != tc.rows {
						t.Errorf("%s lists %d 시도, want %d", sheet, got, tc.rows)
					}
				}
			}
		})
	}
}

func checkPageLayout(t *testing.T, x *excelize.File, sheet string) {
	t.Helper()
	pl, err := x.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != a4PaperSize {
		t.Errorf("%s: paper size %v, want A4 (%d)", sheet, pl.Size, a4PaperSize)
	}
	if pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 1 {
		t.Errorf("%s: fit to %v × %v pages, want 1 × 1", sheet, pl.FitToWidth, pl.FitToHeight)
	}
	props, err := x.GetSheetProps(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("%s: fitToPage is off, so Excel ignores the fit", sheet)
	}
}

// checkNoEmptyRows checks the sheet lists the table's rows, those of a
// 시도 without responses left out, and returns how many rows it lists.
func checkNoEmptyRows(t *testing.T, x *excelize.File, sheet string, header, n int, tab *Table) int {
	t.Helper()
	want := 0
	for _, row := range tab.Rows {
		if !isZero(row[n]) || colIndex(tab, "region_name") < 0 {
			want++
		}
	}
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, r := range rows[header:] {
		if len(r) == 0 || r[0] == "" {
			break
		}
		got++
	}
	if got != want {
		t.Errorf("%s lists %d rows, want the %d with responses", sheet, got, want)
	}
	return got
}

var refEnd = regexp.MustCompile(`\$([A-Z]+)\$(\d+)$`)

// printNames are each sheet's print area's last (column, row) and its
// repeated row.
func printNames(x *excelize.File) (map[string][2]int, map[string]int) {
	areas, titles := map[string][2]int{}, map[string]int{}
	for _, dn := range x.GetDefinedName() {
		switch dn.Name {
		case "_xlnm.Print_Area":
			if m := refEnd.FindStringSubmatch(dn.RefersTo); m != nil {
				col, _ := excelize.ColumnNameToNumber(m[1])
				row, _ := strconv.Atoi(m[2])
				areas[dn.Scope] = [2]int{col, row}
			}
		case "_xlnm.Print_Titles":
			parts := strings.Split(dn.RefersTo, "$")
			row, _ := strconv.Atoi(parts[len(parts)-1])
			titles[dn.Scope] = row
		}
	}
	return areas, titles
}

var drawingTo = regexp.MustCompile(`<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`)

// chartEnd is the 1-based last column and row the chart of the n-th sheet
// reaches, read from the drawing its sheet refers to.
func chartEnd(t *testing.T, b []byte, n int) ([2]int, bool) {
	t.Helper()
	rels := tryZipPart(b, "xl/worksheets/_rels/sheet"+strconv.Itoa(n)+".xml.rels")
	m := regexp.MustCompile(`Target="\.\./drawings/(drawing\d+\.xml)"`).FindStringSubmatch(rels)
	if m == nil {
		return [2]int{}, false
	}
	to := drawingTo.FindStringSubmatch(zipPart(t, b, "xl/drawings/"+m[1]))
	if to == nil {
		t.Fatalf("sheet%d's drawing has no anchor", n)
	}
	col, _ := strconv.Atoi(to[1])
	row, _ := strconv.Atoi(to[2])
	// xdr:to is 0-based and names the cell the chart ends in.
	return [2]int{col + 1, row + 1}, true
}

func tryZipPart(b []byte, name string) string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return ""
	}
	f, err := zr.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	return string(data)
}

// TestBriefingCoverChangeFormats: a rate's change is in percentage points
// and shows "%p"; any other change is relative and shows "%".
func TestBriefingCoverChangeFormats(t *testing.T) {
	b, _, ms := briefingBook(t, func([]any, int) bool { return true })
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := map[string]string{"%p": fmtPoint, "%": fmtRate}
	seen := map[string]bool{}
	for _, m := range ms {
		if _, ok := number(m.Trend.Change); !ok {
			continue
		}
		cell := "E" + strconv.Itoa(findRow(t, x, "요약", m.Trend.Label))
		if got := numFmtOf(t, x, "요약", cell); got != want[m.Trend.ChangeUnit] {
			t.Errorf("%s change (%s) format = %q, want %q", m.Trend.Label, m.Trend.ChangeUnit, got, want[m.Trend.ChangeUnit])
		}
		seen[m.Trend.ChangeUnit] = true
	}
	if !seen["%p"] {
		t.Error("no measure with a change in percentage points: the case is not exercised")
	}
}

// TestBriefingChartLegend: a one-series native chart has one colour and no
// legend (not one entry per 시도); a chart of several series keeps its.
func TestBriefingChartLegend(t *testing.T) {
	b, tables, _ := briefingBook(t, func([]any, int) bool { return true })
	cases := map[string]bool{"adoption-by-region": false, "adoption-stage-by-region": true}
	for i, tab := range tables {
		legend, ok := cases[tab.Figure.ID]
		if !ok {
			continue
		}
		delete(cases, tab.Figure.ID)
		chart := tryZipPart(b, "xl/charts/chart"+strconv.Itoa(i+1)+".xml")
		if got := strings.Contains(chart, "<legend>"); got != legend {
			t.Errorf("%s: legend = %v, want %v", tab.Figure.ID, got, legend)
		}
		if !legend && !strings.Contains(chart, `<varyColors val="0"`) {
			t.Errorf("%s: one series varies its colours by point", tab.Figure.ID)
		}
	}
	if len(cases) > 0 {
		t.Errorf("briefing has no figure %v", cases)
	}
}
