package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"axdash/app/model"
)

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
	if got, want := StatusText(tab, 1), Withheld+"("+tab.Reasons[model.RuleSmall]+")"; got != want {
		t.Errorf("부산 status %q, want %s: the cell's own rule", got, want)
	}
}
