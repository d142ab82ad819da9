package charts

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"axdash/app/model"
)

// TestCSVPrecision: numbers are rounded to the digits the page shows, and
// the header says to how many decimals.
func TestCSVPrecision(t *testing.T) {
	cases := []struct {
		col          Column
		v            any
		cell, header string
	}{
		{Column{Key: "rate", Label: "AI 도입률", Unit: "%"}, 22.530528265498045, "22.5", "AI 도입률(%, 소수 첫째 자리)"},
		{Column{Key: "rate", Label: "AI 도입률", Unit: "%"}, 22.55, "22.6", "AI 도입률(%, 소수 첫째 자리)"},
		{Column{Key: "rate", Label: "AI 도입률", Unit: "%"}, -0.04, "0.0", "AI 도입률(%, 소수 첫째 자리)"},
		{Column{Key: "cost", Label: "평균 도입비용", Unit: "원"}, 31_249_999.7, "31.2", "평균 도입비용(백만원, 소수 첫째 자리)"},
		{Column{Key: "n", Label: "응답 기업 수", Unit: "개"}, 1234.0, "1234", "응답 기업 수(개)"},
		{Column{Key: "gap", Label: "부족 인원", Unit: "명"}, 6.4, "6", "부족 인원(명)"},
	}
	for _, c := range cases {
		t.Run(c.header+"="+c.cell, func(t *testing.T) {
			tab := &Table{Columns: []Column{c.col}, Rows: [][]any{{c.v}}}
			var buf bytes.Buffer
			if err := WriteCSV(&buf, tab, ExportMeta{}); err != nil {
				t.Fatal(err)
			}
			recs := readCSV(t, buf.Bytes())
			if recs[0][0] != c.header || recs[1][0] != c.cell {
				t.Errorf("CSV %q, want header %q and cell %q", recs, c.header, c.cell)
			}
			if c.v != nil && strings.ReplaceAll(Display(c.col, c.v), ",", "") != c.cell {
				t.Errorf("the page shows %q, the CSV %q", Display(c.col, c.v), c.cell)
			}
		})
	}
}

// TestCSVTotalAndSynthetic: a by-region figure over every region ends with
// a 전국 row computed over all responses, other figures and a one-region
// view have none; a synthetic wave's CSV starts with the notice.
func TestCSVTotalAndSynthetic(t *testing.T) {
	c := newCatalogue(t)
	cases := []struct {
		name, figure string
		filter       model.Filter
		meta         ExportMeta
		total        bool
	}{
		{"by region", "adoption-by-region", model.Filter{WaveID: 2}, ExportMeta{}, true},
		{"stages by region", "adoption-stage-by-region", model.Filter{WaveID: 2}, ExportMeta{}, true},
		{"one region", "adoption-by-region", model.Filter{WaveID: 2, Region: "11"}, ExportMeta{}, false},
		{"by industry", "adoption-by-industry", model.Filter{WaveID: 2}, ExportMeta{}, false},
		{"synthetic", "adoption-by-region", model.Filter{WaveID: 2}, ExportMeta{Synthetic: true}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := fullSource()
			src.total = rateCell("", 40, 1, 10) // 25.0%
			tab, err := c.Build(context.Background(), src, tc.figure, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WriteCSV(&buf, tab, tc.meta); err != nil {
				t.Fatal(err)
			}
			recs := readCSV(t, buf.Bytes())
			if got := recs[0][0] == SyntheticNotice; got != tc.meta.Synthetic {
				t.Errorf("first line %q: synthetic notice %v, want %v", recs[0], got, tc.meta.Synthetic)
			}
			last := recs[len(recs)-1]
			hasTotal := len(last) > 1 && last[1] == "전국"
			if hasTotal != tc.total {
				t.Fatalf("last line %q: 전국 row %v, want %v", last, hasTotal, tc.total)
			}
			if tc.figure == "adoption-by-region" && hasTotal && (last[2] != "40" || last[3] != "25.0") {
				t.Errorf("전국 row %q, want n 40 and 25.0%%", last)
			}
		})
	}
}

// TestXLSXMarksSynthetic: a synthetic wave's workbook names it in the
// first meta cell; a real wave's starts with the wave.
func TestXLSXMarksSynthetic(t *testing.T) {
	c := newCatalogue(t)
	tab, err := c.Build(context.Background(), fullSource(), "adoption-by-region", model.Filter{WaveID: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		synthetic bool
		a2, b2    string
	}{{true, "자료 구분", SyntheticNotice}, {false, "조사 차수", "W"}} {
		f, sheet := openXLSX(t, xlsxOf(t, tab, ExportMeta{Wave: "W", Synthetic: tc.synthetic}))
		a2, _ := f.GetCellValue(sheet, "A2")
		b2, _ := f.GetCellValue(sheet, "B2")
		if a2 != tc.a2 || b2 != tc.b2 {
			t.Errorf("synthetic %v: A2 %q B2 %q, want %q %q", tc.synthetic, a2, b2, tc.a2, tc.b2)
		}
	}
}
