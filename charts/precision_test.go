package charts

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
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
	cell.Est = map[string]model.Estimate{cube.MeasureAdoption: e}
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

// TestPrecisionInChart: a chart marks an imprecise bar's category "*", gives its
// tooltip each value's interval and n and an analyst's value the public
// would not see its label, draws a whisker per published interval over
// its own bar, and none for a withheld value.
func TestPrecisionInChart(t *testing.T) {
	tab, b := builtOption(t, newCatalogue(t), precisionSource(), "adoption-by-region")
	var o struct {
		Series []struct {
			Name       string   `json:"name"`
			Type       string   `json:"type"`
			RenderItem string   `json:"renderItem"`
			Intervals  [][]any  `json:"intervals"`
			Caution    []bool   `json:"caution"`
			Internal   []string `json:"internal"`
			Data       []json.RawMessage
		} `json:"series"`
		Toolbox struct {
			Feature map[string]json.RawMessage `json:"feature"`
		} `json:"toolbox"`
		XAxis []struct {
			Data []string `json:"data"`
		} `json:"xAxis"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Series) != 2 || o.Series[1].Name != IntervalSeries || o.Series[1].Type != "custom" || o.Series[1].RenderItem != renderWhisker {
		t.Fatalf("series %+v, want the bars and the whiskers", o.Series)
	}
	bars, whiskers := o.Series[0], o.Series[1]
	published := 0
	for i, row := range tab.Rows {
		_, ok := number(row[colIndex(tab, "adoption_rate")])
		if ok {
			published++
		}
		if hasInterval := i < len(bars.Intervals) && bars.Intervals[i] != nil; hasInterval != ok {
			t.Errorf("row %v: tooltip interval %v", row[:2], bars.Intervals)
		}
		mark := tab.MarksOf(i)["adoption_rate"]
		wantStar := mark.Caution && !mark.Hidden
		if got := i < len(bars.Caution) && bars.Caution[i]; got != wantStar {
			t.Errorf("row %v: caution %v, want %v", row[:2], got, wantStar)
		}
		wantInternal := mark.Rule != "" && !mark.Hidden
		if got := i < len(bars.Internal) && strings.Contains(bars.Internal[i], "공개 시 비공개"); got != wantInternal {
			t.Errorf("row %v: internal label %v, want %v", row[:2], bars.Internal, wantInternal)
		}
		if got := strings.HasSuffix(o.XAxis[0].Data[i], CautionMark); got != wantStar {
			t.Errorf("row %v: category %q, want * %v", row[:2], o.XAxis[0].Data[i], wantStar)
		}
	}
	if len(whiskers.Data) != published {
		t.Errorf("%d whiskers for %d published values", len(whiskers.Data), published)
	}
	if _, ok := o.Toolbox.Feature["myIntervals"]; !ok {
		t.Errorf("toolbox %v has no intervals switch", o.Toolbox.Feature)
	}
}

// TestPrecisionOnTileMap: the tile map marks an imprecise 시도 with "*"
// after its rate and a dashed outline; a precise one keeps the series'
// label and a withheld one is no rate tile.
func TestPrecisionOnTileMap(t *testing.T) {
	c := newCatalogue(t)
	_, b := builtOption(t, c, precisionSource(), "region-tiles")
	var o struct {
		Series []struct {
			Data []tile `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	for _, d := range o.Series[0].Data {
		f, _ := d.Label["formatter"].(string)
		dashed := d.ItemStyle["borderType"] == "dashed"
		if strings.HasSuffix(f, CautionMark) != dashed {
			t.Errorf("tile %s: label %q, outline %v", d.Name, f, d.ItemStyle)
		}
		marked[d.Name] = dashed
	}
	want := map[string]bool{"서울": false, "부산": true, "광주": true}
	for name, w := range want {
		if got, ok := marked[name]; !ok || got != w {
			t.Errorf("tile %s marked %v (drawn %v), want %v", name, got, ok, w)
		}
	}
	if _, ok := marked["대구"]; ok {
		t.Error("withheld 대구 drawn with a rate")
	}
}

// TestCompareChartIntervals: the region-against-nation chart draws each
// published rate's interval over its own bar (series j of 2) and none for a
// withheld one.
func TestCompareChartIntervals(t *testing.T) {
	c := newCatalogue(t)
	ms := []Measure{
		{Key: "adoption_rate", Label: "AI 도입률", Unit: "%", Value: 16.3, Low: 12.1, High: 20.5, Other: 20.0, OtherLow: 19.0, OtherHigh: 21.0},
		{Key: "gap_rate", Label: "AI 인력 부족률", Unit: "%", Other: 30.0, OtherLow: 28.0, OtherHigh: 32.0}, // the region's withheld
		{Key: "mean_cost", Label: "평균 AI 도입비용", Unit: "원", Value: 2e7, Low: 1e7, High: 3e7},            // not drawn
	}
	b, err := c.CompareOption(ms, "경남", "w")
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Series []struct {
			Name      string  `json:"name"`
			Intervals [][]any `json:"intervals"`
			Data      []any   `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Series) != 3 || o.Series[2].Name != IntervalSeries {
		t.Fatalf("series %+v, want 경남, 전국 and the intervals", o.Series)
	}
	want := [][]any{{0.0, 12.1, 20.5, 0.0, 2.0}, {0.0, 19.0, 21.0, 1.0, 2.0}, {1.0, 28.0, 32.0, 1.0, 2.0}}
	got, _ := json.Marshal(o.Series[2].Data)
	if w, _ := json.Marshal(want); string(got) != string(w) {
		t.Errorf("whiskers %s, want %s", got, w)
	}
	if iv := o.Series[0].Intervals; len(iv) != 2 || iv[0] == nil || iv[1] != nil || iv[0][2] != nil {
		t.Errorf("경남's tooltip intervals %v, want the first without n, none for the withheld", iv)
	}
}

// TestCautionOnHorizontalBars: a horizontal bar chart marks the category
// of an imprecise share "*" on its vertical axis, and no other.
func TestCautionOnHorizontalBars(t *testing.T) {
	c := newCatalogue(t)
	share := func(code string, v float64, caution bool) model.Choice {
		return model.Choice{Code: code, N: 10, Weight: 10, Est: model.Estimate{Value: v, SE: v / 3, Low: v / 3, High: 5 * v / 3, Interval: true, N: 40, Caution: caution}}
	}
	src := &fakeSource{total: rateCell("", 40, 1, 10), choices: []model.Choice{share("비용부담", 0.5, false), share("보안우려", 0.1, true)}}
	_, b := builtOption(t, c, src, "barriers")
	var o struct {
		YAxis []struct {
			Data []string `json:"data"`
		} `json:"yAxis"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	var marked []string
	for _, name := range o.YAxis[0].Data {
		if strings.HasSuffix(name, CautionMark) {
			marked = append(marked, name)
		}
	}
	if strings.Join(marked, ",") != "보안우려"+CautionMark {
		t.Errorf("categories %q: marked %q, want 보안우려 alone", o.YAxis[0].Data, marked)
	}
}

// TestStageChartTooltipIntervals: the stacked stage shares draw no
// whiskers (a share's interval is not its segment's) but give every
// published share's interval in the tooltip.
func TestStageChartTooltipIntervals(t *testing.T) {
	tab, b := builtOption(t, newCatalogue(t), fullSource(), "adoption-stage-by-region")
	var o struct {
		Series []struct {
			Name      string  `json:"name"`
			Intervals [][]any `json:"intervals"`
		} `json:"series"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Series) != len(StageKeys()) {
		t.Fatalf("%d series, want the %d stages and no intervals' series", len(o.Series), len(StageKeys()))
	}
	rows := reversed(tab) // drawn bottom-up
	for j, key := range StageKeys() {
		for i, row := range rows.Rows {
			_, published := number(row[colIndex(tab, key)])
			if got := i < len(o.Series[j].Intervals) && o.Series[j].Intervals[i] != nil; got != published {
				t.Errorf("%s, row %v: tooltip interval %v, published %v", key, row[:2], got, published)
			}
		}
	}
}

// TestSuppressedRowDropsItsMarks: a row the suppression rule blanks shows
// no "*" and no analyst's label, and the notes name neither; a shown
// imprecise row keeps its mark.
func TestSuppressedRowDropsItsMarks(t *testing.T) {
	sized := func(cell model.Cell, n int) model.Cell { cell.N = n; return cell }
	src := &fakeSource{cells: []model.Cell{
		sized(ruledCell("11", 0.30, 0.09, Mark{Caution: true}), 40),
		sized(ruledCell("26", 0.20, 0.15, Mark{Caution: true, Rule: model.RulePrecision}), 3), // under 5: blanked
		sized(ruledCell("27", 0.10, 0.01, Mark{}), 30),                                        // blanked with it
	}}
	tab, b := builtOption(t, newCatalogue(t), src, "adoption-by-region")
	var o struct {
		XAxis []struct {
			Data []string `json:"data"`
		} `json:"xAxis"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	for i, name := range o.XAxis[0].Data {
		if want := tab.Rows[i][0] == "11"; strings.HasSuffix(name, CautionMark) != want {
			t.Errorf("category %q: marked %v, want %v", name, !want, want)
		}
	}
	notes := strings.Join(tab.Notes, "\n")
	if !strings.Contains(notes, newCatalogue(t).CautionNote()) || strings.Contains(notes, "공개 시 비공개") {
		t.Errorf("notes, want the caution note and no analyst's label:\n%s", notes)
	}
	if got := StatusText(tab, 1); got != Withheld {
		t.Errorf("부산 status %q, want %s", got, Withheld)
	}
}
