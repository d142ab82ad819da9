package charts

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
)

// ruledCell is a cell of 20 responses whose adoption estimate is v ± se
// (a Wald interval) with the marks given: what the cube and the disclosure
// layer hand the charts.
func ruledCell(key string, v, se float64, mark Mark) model.Cell {
	cell := rateCell(key, 20, 1, 10)
	e := model.Estimate{Value: v, SE: se, Low: v - 1.96*se, High: v + 1.96*se, Interval: true, N: 20,
		Caution: mark.Caution, Rule: mark.Rule, Hidden: mark.Hidden}
	if e.Hidden {
		e.Value, e.SE, e.Low, e.High = 0, 0, 0, 0
	}
	cell.Est = model.EstimatesOf(map[string]model.Estimate{cube.MeasureAdoption: e})
	return cell
}

// precisionSource is adoption by region with one cell of each kind: plain
// (서울), imprecise (부산), withheld for precision in the public view (대구),
// withheld for its count (인천), and an analyst's unhidden precision rule (광주).
func precisionSource() *fakeSource {
	return &fakeSource{cells: []model.Cell{
		ruledCell("11", 0.30, 0.02, Mark{}),
		ruledCell("26", 0.20, 0.06, Mark{Caution: true}),
		ruledCell("27", 0.10, 0.06, Mark{Caution: true, Rule: model.RulePrecision, Hidden: true}),
		ruledCell("28", 0.40, 0.05, Mark{Rule: model.RuleSmall, Hidden: true}),
		ruledCell("29", 0.12, 0.07, Mark{Caution: true, Rule: model.RulePrecision}),
	}}
}

// precisionTable is adoption by region built from precisionSource.
func precisionTable(t *testing.T) (*Catalogue, *Table) {
	t.Helper()
	c := newCatalogue(t)
	tab, err := c.Build(context.Background(), precisionSource(), "adoption-by-region", model.Filter{WaveID: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c, tab
}

// TestPrecisionMarksInTables: values and intervals come from the
// estimates in percent; a hidden estimate is blank with its interval; the
// status says 주의, 비공개 with its reason, or, to an analyst, that the
// public would not see the value; the notes name each withheld cell's rule
// and the caution threshold; a page shows "*", "±" and the analyst's label.
func TestPrecisionMarksInTables(t *testing.T) {
	_, tab := precisionTable(t)
	rate, se, lo, hi := colIndex(tab, "adoption_rate"), colIndex(tab, "adoption_rate_se"), colIndex(tab, "adoption_rate_ci_low"), colIndex(tab, "adoption_rate_ci_high")
	tests := []struct {
		row          int
		value        float64 // the estimate's, in percent; 0 for withheld
		se           float64
		status, page string
	}{
		{0, 30, 2, "", "30.0 ±3.9"},
		{1, 20, 6, Caution, "20.0* ±11.8"},
		{2, 0, 0, Withheld + "(상대표준오차 50% 이상)", Withheld},
		{3, 0, 0, Withheld + "(응답 수 기준 미만)", Withheld},
		{4, 12, 7, "공개 시 비공개(상대표준오차 50% 이상)", "12.0* ±13.7 (공개 시 비공개: 상대표준오차 50% 이상)"},
	}
	for _, tt := range tests {
		row := tab.Rows[tt.row]
		v, published := number(row[rate])
		s, _ := number(row[se])
		l, _ := number(row[lo])
		h, _ := number(row[hi])
		switch {
		case tt.value == 0 && (published || row[se] != nil || row[lo] != nil || row[hi] != nil):
			t.Errorf("row %v: a hidden estimate shows numbers", row)
		case tt.value != 0 && (!near(v, tt.value) || !near(s, tt.se) || !near(l, tt.value-1.96*tt.se) || !near(h, tt.value+1.96*tt.se)):
			t.Errorf("row %v: want %v ± %v in percent", row, tt.value, tt.se)
		}
		if got := StatusText(tab, tt.row); got != tt.status {
			t.Errorf("row %v status %q, want %q", row[:2], got, tt.status)
		}
		if got := CellText(tab, tt.row, rate); got != tt.page {
			t.Errorf("row %v page text %q, want %q", row[:2], got, tt.page)
		}
	}
	notes := strings.Join(tab.Notes, "\n")
	for _, want := range []string{"* 상대표준오차 25% 이상: 이용에 주의", "공개하지 않은 칸(사유: 상대표준오차 50% 이상): 대구.",
		"공개하지 않은 칸(사유: 응답 수 기준 미만): 인천.", "공개 시 비공개인 칸(사유: 상대표준오차 50% 이상): 광주."} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// TestPrecisionInCSV: the CSV keeps every estimate column's SE and interval
// (in percent) and writes each row's status with its reason.
func TestPrecisionInCSV(t *testing.T) {
	_, tab := precisionTable(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tab, ExportMeta{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Join(recs[0], "|")
	for _, want := range []string{"AI 도입률 표준오차(%", "AI 도입률 95% 신뢰구간 하한(%", "AI 도입률 95% 신뢰구간 상한(%", "상태"} {
		if !strings.Contains(header, want) {
			t.Errorf("header %q lacks %q", header, want)
		}
	}
	for _, tt := range []struct {
		line int
		want string
	}{
		{1, "11,서울,20,30.0,2.0,26.1,33.9,"},
		{2, "26,부산,20,20.0,6.0,8.2,31.8," + Caution},
		{3, "27,대구,20,,,,," + Withheld + "(상대표준오차 50% 이상)"},
	} {
		if got := strings.Join(recs[tt.line], ","); got != tt.want {
			t.Errorf("line %d = %q, want %q", tt.line, got, tt.want)
		}
	}
}
