package charts

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// TestExportStatusColumn: the CSV and XLSX of an aggregate figure end each
// row with 상태, 비공개 exactly where the table's values are blank; a table
// that is not an aggregate (the exemplar list) has no such column.
func TestExportStatusColumn(t *testing.T) {
	c := newCatalogue(t)
	// One row under the threshold and one hidden with it, by region and by size.
	src := &fakeSource{cells: []model.Cell{rateCell("11", 20, 1, 5), rateCell("26", 3, 1, 1), rateCell("27", 8, 1, 2),
		rateCell("1-9", 20, 1, 5), rateCell("10-49", 3, 1, 1), rateCell("50-99", 8, 1, 2)},
		total: rateCell("", 31, 1, 8), firms: fullSource().firms}
	tests := []struct {
		id     string
		status bool
	}{
		{"adoption-by-region", true},
		{"adoption-by-size", true},
		{"exemplar-firms", false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			tab, err := c.Build(context.Background(), src, tt.id, model.Filter{WaveID: 2})
			if err != nil {
				t.Fatal(err)
			}
			var csvBuf, xlsxBuf bytes.Buffer
			if err := WriteCSV(&csvBuf, tab, ExportMeta{}); err != nil {
				t.Fatal(err)
			}
			if err := WriteXLSX(&xlsxBuf, tab, ExportMeta{}); err != nil {
				t.Fatal(err)
			}
			recs := readCSV(t, csvBuf.Bytes())
			x, err := excelize.OpenReader(bytes.NewReader(xlsxBuf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			sheet := x.GetSheetList()[0]
			header := findHeader(t, x, sheet, tab)
			last := len(tab.Columns) + 1
			cellName, _ := excelize.CoordinatesToCellName(last, header)
			xlsxHead, _ := x.GetCellValue(sheet, cellName)
			if got := recs[0][len(recs[0])-1] == "상태"; got != tt.status || (xlsxHead == "상태") != tt.status {
				t.Fatalf("status column in CSV %q / XLSX %q, want %v", recs[0], xlsxHead, tt.status)
			}
			if !tt.status {
				return
			}
			withheld := 0
			for r, row := range tab.Rows {
				want := ""
				if !rowPublished(tab, row) {
					want = NoData
					if n, ok := number(row[colIndex(tab, "n")]); !ok || n > 0 {
						want, withheld = Withheld, withheld+1
					}
				}
				cellName, _ := excelize.CoordinatesToCellName(last, header+1+r)
				got, _ := x.GetCellValue(sheet, cellName)
				same := func(s string) bool { // a withheld row names its rule
					return s == want || want == Withheld && strings.HasPrefix(s, Withheld+"(")
				}
				if !same(recs[r+1][last-1]) || !same(got) {
					t.Errorf("row %v: CSV %q, XLSX %q, want %q", row[:2], recs[r+1][last-1], got, want)
				}
			}
			if withheld == 0 {
				t.Error("the case withholds nothing")
			}
		})
	}
}

// TestCellText: a page's table shows a blank rate as the row's status and
// leaves labels, counts and published values as Display shows them.
func TestCellText(t *testing.T) {
	tab := &Table{Columns: []Column{{Key: "region", Label: "시도 코드"}, {Key: "n", Label: "응답 기업 수", Unit: "개"},
		{Key: "adoption_rate", Label: "AI 도입률", Unit: "%"}}}
	tests := []struct {
		row  []any
		col  int
		want string
	}{
		{[]any{"11", 120, 31.26}, 2, "31.3"},
		{[]any{"29", 3, nil}, 2, Withheld},
		{[]any{"29", nil, nil}, 2, Withheld},
		{[]any{"50", 0, nil}, 2, NoData},
		{[]any{"50", 0, nil}, 1, "0"},
		{[]any{"50", 0, nil}, 0, "50"},
	}
	for _, tt := range tests {
		tab.Rows = [][]any{tt.row}
		if got := CellText(tab, 0, tt.col); got != tt.want {
			t.Errorf("CellText(%v, %d) = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
}
