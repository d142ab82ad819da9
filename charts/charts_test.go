package charts

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/configs"
)

// fakeSource answers the aggregates from fixed cells.
type fakeSource struct {
	cells    []model.Cell
	total    model.Cell
	trend    []model.Cell
	choices  []model.Choice
	firms    []model.ExemplarFirm
	lastDim  string
	failWith error
}

func (f *fakeSource) CellsBy(_ context.Context, dim string, _ model.Filter) ([]model.Cell, error) {
	f.lastDim = dim
	return withheldBelow(withExactEstAll(f.cells)), f.failWith
}

// CellTotal is the fixed total, or, without one, the sum of a wave's trend
// cells under the filter's region, as the cube's total of the wave.
func (f *fakeSource) CellTotal(_ context.Context, flt model.Filter) (model.Cell, error) {
	if f.total.N > 0 || len(f.trend) == 0 {
		return withheldBelow([]model.Cell{withExactEst(f.total)})[0], f.failWith
	}
	var sum model.Cell
	for _, c := range f.trend {
		if c.WaveID == flt.WaveID && (flt.Region == "" || c.Key == flt.Region) {
			sum.N, sum.Weight, sum.WAdopted, sum.WNone = sum.N+c.N, sum.Weight+c.Weight, sum.WAdopted+c.WAdopted, sum.WNone+c.WNone
		}
	}
	return withheldBelow([]model.Cell{withExactEst(sum)})[0], f.failWith
}
func (f *fakeSource) CellRest(_ context.Context, _ model.Filter) (model.Cell, error) {
	return f.total, f.failWith
}
func (f *fakeSource) TrendBy(_ context.Context, dim string, _ model.Filter) ([]model.Cell, error) {
	f.lastDim = dim
	return withheldBelow(withExactEstAll(f.trend)), f.failWith
}
func (f *fakeSource) Choices(_ context.Context, _ string, _ model.Filter) ([]model.Choice, error) {
	out := slices.Clone(f.choices)
	for i, ch := range out {
		if ch.Est == (model.Estimate{}) {
			out[i].Est = exactEstimate(ch.Weight, f.total.Weight, ch.N)
		}
		if out[i].N > 0 && out[i].N < fakeSuppress {
			out[i].Est = model.Estimate{Rule: model.RuleSmall, Hidden: true}
		}
	}
	return out, f.failWith
}

// exactEstimate is the estimate y/x with no sampling error, as a fake cell's:
// the layout tests need values, the precision tests set their own.
func exactEstimate(y, x float64, n int) model.Estimate {
	if x == 0 {
		return model.Estimate{N: n}
	}
	return model.Estimate{Value: y / x, Low: y / x, High: y / x, Interval: true, N: n}
}

// ratioEstimates are a fake cell's summary measures, each the ratio y/x
// of its sums (the exemplar share unweighted, as the fixtures give every
// response weight 1) with n responses, as est makes it: exact for the
// layout tests, with an error for the precision tests.
func ratioEstimates(c model.Cell, est func(y, x float64, n int) model.Estimate) map[string]model.Estimate {
	return map[string]model.Estimate{
		cube.MeasureAdoption:     est(c.AdoptedWeight(), c.Weight, c.N),
		cube.MeasureCost:         est(c.WXCost, c.WCost, c.NCost),
		cube.MeasureSupportShare: est(c.WXSupport, c.WXCost, c.NCost),
		cube.MeasureTalentGap:    est(c.Gap, c.Needed, c.N),
		cube.MeasureExemplar:     est(float64(c.NExemplar), float64(c.N), c.N),
	}
}

// withExactEst gives a fake cell without estimates those of its sums, exact.
func withExactEst(cell model.Cell) model.Cell {
	if cell.Est.Measures() != nil {
		return cell
	}
	total := func(y float64) model.Estimate {
		return model.Estimate{Value: y, Low: y, High: y, Interval: true, N: cell.N}
	}
	est := ratioEstimates(cell, exactEstimate)
	est[cube.TotalOf(cube.MeasureStaffCurrent)] = total(cell.Current)
	est[cube.TotalOf(cube.MeasureStaffNeeded)] = total(cell.Needed)
	est[cube.TotalOf(cube.MeasureTalentGap)] = total(cell.Gap)
	for i, s := range model.Stages {
		est[cube.StageMeasure(s)] = exactEstimate(cell.StageWeights()[i], cell.Weight, cell.N)
	}
	cell.Est = model.EstimatesOf(est)
	return cell
}

func withExactEstAll(cells []model.Cell) []model.Cell {
	out := make([]model.Cell, len(cells))
	for i, c := range cells {
		out[i] = withExactEst(c)
	}
	return out
}
func (f *fakeSource) ExemplarFirms(_ context.Context, _ model.Filter, _ int) ([]model.ExemplarFirm, error) {
	return f.firms, f.failWith
}

// fakeSuppress is the threshold the fake source withholds below.
const fakeSuppress = 5

// withheldBelow stands in for the disclosure layer's public view, which
// the charts only render: a copy of cells with those of 1–4 responses
// withheld (model.RuleSmall, Hidden).
func withheldBelow(cells []model.Cell) []model.Cell {
	out := append([]model.Cell(nil), cells...)
	for i := range out {
		if out[i].N > 0 && out[i].N < fakeSuppress {
			out[i].Rule, out[i].Hidden = model.RuleSmall, true
		}
	}
	return out
}

// rateCell is a cell of n responses of weight w each, adopted of them adopting.
func rateCell(key string, n int, w float64, adopted int) model.Cell {
	return model.Cell{Key: key, N: n, Weight: w * float64(n), WAdopted: w * float64(adopted), WNone: w * float64(n-adopted)}
}

func newCatalogue(t *testing.T) *Catalogue {
	t.Helper()
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	return New(survey, regions, configs.FiguresConfig{SuppressBelow: 5, Source: "테스트 조사"})
}

func TestAdoptionByRegionSuppressesAndOrders(t *testing.T) {
	c := newCatalogue(t)
	src := &fakeSource{cells: []model.Cell{
		rateCell("26", 4, 1, 4), // under 5: suppressed
		rateCell("11", 10, 2, 5),
		rateCell("27", 7, 1, 1),
		rateCell("41", 6, 1, 3), // published: the layer's noise, not a second blank, protects 26
	}}
	tab, err := c.Build(context.Background(), src, "adoption-by-region", model.Filter{WaveID: 1})
	if err != nil {
		t.Fatal(err)
	}
	if src.lastDim != ByRegion || len(tab.Rows) != 17 || tab.N != 23 || tab.Suppressed != 1 {
		t.Fatalf("dim %q, %d rows, n %d", src.lastDim, len(tab.Rows), tab.N)
	}
	tests := []struct {
		row  int
		code string
		n    any
		rate any
	}{
		{0, "11", 10, 50.0},
		{1, "26", nil, nil}, // withheld, n too
		{2, "27", 7, 100.0 / 7},
		{3, "28", 0, nil}, // nobody: n 0
		{8, "41", 6, 50.0},
	}
	for _, tt := range tests {
		r := tab.Rows[tt.row]
		got, _ := number(r[3])
		want, published := number(tt.rate)
		if r[0] != tt.code || r[2] != tt.n || (r[3] != nil) != published || math.Abs(got-want) > 1e-9 {
			t.Errorf("row %d = %v, want code %s n %v rate %v", tt.row, r, tt.code, tt.n, tt.rate)
		}
	}
	if !strings.Contains(strings.Join(tab.Notes, " "), "테스트 조사") {
		t.Errorf("notes %v lack the source", tab.Notes)
	}
}

func TestCostAndTalentTables(t *testing.T) {
	c := newCatalogue(t)
	costCell := func(key string, n int, mean float64, median int64) model.Cell {
		return model.Cell{Key: key, N: n + 3, NCost: n, WCost: float64(n), WXCost: mean * float64(n), MedianCost: &median}
	}
	few := costCell("300+", 2, 1e8, 1e8) // its cell is published, its cost withheld
	few.Est = model.EstimatesOf(map[string]model.Estimate{cube.MeasureCost: {Rule: model.RuleSmall, Hidden: true}})
	src := &fakeSource{cells: []model.Cell{
		costCell("1-9", 5, 1e7, 1e7),
		costCell("10-49", 6, 12_345_678.4, 10_000_000),
		few,
	}}
	cost, err := c.Build(context.Background(), src, "cost-by-size", model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if r := cost.Rows[1]; r[0] != "10-49" || r[2] != 12_345_678.0 || r[3] != 10_000_000.0 {
		t.Errorf("10-49 row = %v", r)
	}
	if r := cost.Rows[0]; r[1] != 5 || r[2] != 1e7 {
		t.Errorf("1-9 row = %v, want published", r)
	}
	if r := cost.Rows[4]; r[1] != nil || r[2] != nil || r[3] != nil {
		t.Errorf("row %v: want withheld, n too", r)
	}
	src = &fakeSource{cells: []model.Cell{{Key: "41", N: 8, Current: 10, Needed: 40, Gap: 6}}}
	tal, err := c.Build(context.Background(), src, "talent-gap-by-region", model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if r := tal.Rows[8]; r[0] != "41" || r[5] != 6.0 || r[6] != 15.0 {
		t.Errorf("경기 row = %v, want gap 6 and rate 15%%", r)
	}
}

func TestBuildErrors(t *testing.T) {
	c := newCatalogue(t)
	if _, err := c.Build(context.Background(), &fakeSource{}, "no-such-figure", model.Filter{}); !errors.Is(err, ErrUnknownFigure) {
		t.Errorf("unknown id: err = %v", err)
	}
	boom := errors.New("db down")
	if _, err := c.Build(context.Background(), &fakeSource{failWith: boom}, "cost-by-size", model.Filter{}); !errors.Is(err, boom) {
		t.Errorf("source failure not wrapped: %v", err)
	}
}

// TestOptionIsSafeForHostileLabels puts script-breaking and go-echarts
// function-marker payloads in every kind of label and checks that the
// option JSON can neither close the script element nor carry a function.
func TestOptionIsSafeForHostileLabels(t *testing.T) {
	c := newCatalogue(t)
	gain := 12.5
	evil := "</script><script>alert(1)</script>__f__alert(2)__f__<b>&"
	src := &fakeSource{firms: []model.ExemplarFirm{{FirmName: evil, Region: "11", Industry: "C", SizeBand: "1-9",
		Stage: "도입", ProductivityGain: &gain, Note: evil}}}
	tab, err := c.Build(context.Background(), src, "exemplar-firms", model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	opt, err := c.Option(tab, "wave "+evil)
	if err != nil {
		t.Fatal(err)
	}
	s := string(opt)
	for _, bad := range []string{"</script", "<script", "__f__", "<b>"} {
		if strings.Contains(s, bad) {
			t.Errorf("option contains %q: %s", bad, s)
		}
	}
	var back map[string]any
	if err := json.Unmarshal(opt, &back); err != nil {
		t.Fatalf("option is not JSON: %v", err)
	}
	if !strings.Contains(s, `\u003c/script\u003e`) {
		t.Errorf("the label should survive, escaped: %s", s)
	}
}

func TestOptionForEveryFigure(t *testing.T) {
	c := newCatalogue(t)
	src := fullSource()
	for _, fig := range c.Figures() {
		tab, err := c.Build(context.Background(), src, fig.ID, model.Filter{WaveID: 2})
		if err != nil {
			t.Fatalf("%s: %v", fig.ID, err)
		}
		opt, err := c.Option(tab, "2026-H1")
		if err != nil {
			t.Fatalf("%s option: %v", fig.ID, err)
		}
		var o struct {
			Series []any `json:"series"`
			Title  struct {
				Text string `json:"text"`
			} `json:"title"`
		}
		if err := json.Unmarshal(opt, &o); err != nil || len(o.Series) == 0 || o.Title.Text != fig.Title {
			t.Errorf("%s: option has no series (%v): %s", fig.ID, err, opt)
		}
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct {
		col  Column
		v    any
		want string
	}{
		{Column{Unit: "원"}, int64(12_345_678), "12.3"},
		{Column{Unit: "원"}, 1_234_567_890.0, "1,234.6"},
		{Column{Unit: "%"}, 18.249, "18.2"},
		{Column{Unit: "명"}, 12345.4, "12,345"},
		{Column{Unit: "개"}, 1234567, "1,234,567"},
		{Column{Unit: "%"}, nil, ""},
		{Column{}, "서울\x07", "서울"},
		{Column{Unit: "%"}, -4.06, "-4.1"},
	}
	for _, tt := range tests {
		if got := Display(tt.col, tt.v); got != tt.want {
			t.Errorf("Display(%+v, %v) = %q, want %q", tt.col, tt.v, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := map[string]string{
		"__f__alert(1)__f__": "alert(1)",
		"____f__f__x":        "x", // removing the inner marker joins an outer one
		"a\x00b\nc":          "abc",
		"ok \xff":            "ok \uFFFD",
	}
	for in, want := range tests {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
