package charts

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
)

// fullSource has something for every figure: cells keyed for each
// dimension, two waves of trend, choices and one firm.
func fullSource() *fakeSource {
	median := int64(20_000_000)
	cell := func(key string) model.Cell {
		c := rateCell(key, 9, 1, 3)
		c.NCost, c.WCost, c.WXCost, c.WXSupport, c.MedianCost = 6, 6, 6*3e7, 6*1e7, &median
		c.Current, c.Needed, c.Gap, c.NExemplar = 4, 10, 6, 2
		return estimated(c, 0.01)
	}
	trend := func(id int64, wave string) []model.Cell {
		a, b := cell("11"), cell("26")
		a.WaveID, a.Wave, b.WaveID, b.Wave = id, wave, id, wave
		return []model.Cell{a, b}
	}
	gain := 20.0
	return &fakeSource{
		cells:   []model.Cell{cell("11"), cell("26"), cell("C"), cell("J"), cell("10-49")},
		total:   cell(""),
		trend:   append(trend(1, "2025-H2"), trend(2, "2026-H1")...),
		choices: []model.Choice{{Code: "비용부담", N: 6, Weight: 6}, {Code: "마케팅", N: 5, Weight: 5}, {Code: "보안", N: 4, Weight: 4}},
		firms:   []model.ExemplarFirm{{FirmName: "가나다", Region: "11", Industry: "C", SizeBand: "1-9", Stage: "도입", ProductivityGain: &gain}},
	}
}

// TestFigureColumns pins every figure's JSON keys to design §5.
func TestFigureColumns(t *testing.T) {
	c := newCatalogue(t)
	// est is the estimate columns ks after the leading ones, then each's
	// standard error and interval (issue 17).
	est := func(lead []string, ks ...string) []string {
		out := append(slices.Clone(lead), ks...)
		for _, k := range ks {
			out = append(out, k+"_se", k+"_ci_low", k+"_ci_high")
		}
		return out
	}
	region := []string{"region", "region_name", "n"}
	cost := []string{"mean_cost", "median_cost"}
	talent := []string{"staff_current", "staff_needed", "gap", "gap_rate"}
	want := map[string][]string{
		"adoption-by-region":       est(region, "adoption_rate"),
		"region-tiles":             est(region, "adoption_rate"),
		"adoption-stage-by-region": est(region, "stage_none", "stage_review", "stage_pilot", "stage_adopted", "stage_scaled"),
		"adoption-by-industry":     est([]string{"industry", "n"}, "adoption_rate"),
		"adoption-by-size":         est([]string{"size", "n"}, "adoption_rate"),
		"adoption-trend":           est([]string{"wave", "region", "n"}, "adoption_rate"),
		"cost-trend":               est([]string{"wave", "region", "n"}, "mean_cost"),
		"support-share-trend":      est([]string{"wave", "region", "n"}, "support_share"),
		"talent-gap-trend":         est([]string{"wave", "region", "n"}, "gap_rate"),
		"cost-by-size":             est([]string{"size", "n"}, cost...),
		"cost-by-industry":         est([]string{"industry", "n"}, cost...),
		"cost-by-region":           est([]string{"region", "region_name", "n"}, cost...),
		"support-share-by-region":  est(region, "support_share"),
		"talent-gap-by-region":     est([]string{"region", "region_name", "n"}, talent...),
		"talent-gap-by-industry":   est([]string{"industry", "n"}, talent...),
		"barriers":                 est([]string{"code", "label", "n"}, "share"),
		"use-areas":                est([]string{"code", "label", "n"}, "share"),
		"exemplar-firms":           {"firm_name", "region_name", "industry", "size", "stage", "use_areas", "productivity_gain", "note"},
	}
	if got := len(c.Figures()); got != len(want) {
		t.Errorf("catalogue has %d figures, want %d", got, len(want))
	}
	for _, fig := range c.Figures() {
		tab, err := c.Build(context.Background(), fullSource(), fig.ID, model.Filter{WaveID: 2})
		if err != nil {
			t.Fatalf("%s: %v", fig.ID, err)
		}
		var keys []string
		for _, col := range tab.Columns {
			keys = append(keys, col.Key)
		}
		if !slices.Equal(keys, want[fig.ID]) {
			t.Errorf("%s columns = %v, want %v", fig.ID, keys, want[fig.ID])
		}
		for i, row := range tab.Rows {
			if len(row) != len(keys) {
				t.Errorf("%s row %d has %d cells for %d columns", fig.ID, i, len(row), len(keys))
			}
		}
	}
}

// A row is blank, n included, exactly when the view withholds its cell or
// the estimate the row stands for; rules alone (the internal view) blank
// nothing.
func TestPartitionRowsBlankWithheldCells(t *testing.T) {
	hidden := model.EstimatesOf(map[string]model.Estimate{cube.MeasureAdoption: {Rule: model.RuleDominance, Hidden: true}})
	small := model.EstimatesOf(map[string]model.Estimate{cube.MeasureAdoption: {Rule: model.RuleSmall, Hidden: true}})
	pub := model.EstimatesOf(map[string]model.Estimate{cube.MeasureAdoption: {Value: 0.5, N: 7}})
	ruled := model.EstimatesOf(map[string]model.Estimate{cube.MeasureAdoption: {Rule: model.RulePrecision}})
	tests := []struct {
		name        string
		cells       []model.Cell
		blank       []bool // the value, per size band, in band order
		noN         []bool // n blank too
		n, withheld int
	}{
		{"all published", []model.Cell{{Key: "1-9", N: 9, Weight: 9, Est: pub}, {Key: "10-49", N: 7, Weight: 7, Est: pub}}, nil, nil, 16, 0},
		{"a hidden cell", []model.Cell{{Key: "1-9", N: 9, Weight: 9, Est: pub}, {Key: "10-49", Rule: model.RuleSmall, Hidden: true}},
			[]bool{false, true}, []bool{false, true}, 9, 1},
		// Withheld for what it is (p% rule): the cell's n stays published.
		{"a hidden estimate", []model.Cell{{Key: "1-9", N: 9, Weight: 9, Est: hidden}, {Key: "10-49", N: 7, Weight: 7, Est: pub}},
			[]bool{true, false}, []bool{false, false}, 16, 1},
		// Withheld for its count: n goes with it.
		{"a hidden count", []model.Cell{{Key: "1-9", N: 9, Weight: 9, Est: small}, {Key: "10-49", N: 7, Weight: 7, Est: pub}},
			[]bool{true, false}, []bool{true, false}, 7, 1},
		{"rules without hiding", []model.Cell{{Key: "1-9", N: 3, Weight: 3, Rule: model.RuleSmall, Est: ruled}},
			[]bool{false}, []bool{false}, 3, 0},
	}
	c := newCatalogue(t)
	bands := c.keys(c.dim(BySize))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, n, withheld := c.partitionRows(c.dim(BySize), tt.cells, adoptionMeasure())
			if n != tt.n || withheld != tt.withheld {
				t.Errorf("n %d, withheld %d; want %d, %d", n, withheld, tt.n, tt.withheld)
			}
			for i, blank := range tt.blank {
				r := rows[slices.Index(bands, tt.cells[i].Key)]
				if got := r[2] == nil; got != blank {
					t.Errorf("row %v value blank = %t, want %t", r, got, blank)
				}
				if got := r[1] == nil; got != tt.noN[i] {
					t.Errorf("row %v n blank = %t, want %t", r, got, tt.noN[i])
				}
			}
		})
	}
}

func TestChoicesSuppressEachCode(t *testing.T) {
	c := newCatalogue(t)
	tab, err := c.Build(context.Background(), fullSource(), "barriers", model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	share := map[string]any{}
	for _, r := range tab.Rows {
		share[r[0].(string)] = r[3]
	}
	if v, ok := share["비용부담"].(float64); !ok || v < 66.6 || v > 66.7 {
		t.Errorf("비용부담 share = %v, want 6/9", share["비용부담"])
	}
	if share["기타"] != nil || tab.N != 9 || len(tab.Rows) != 8 {
		t.Errorf("기타 (nobody) = %v, n %d, %d rows", share["기타"], tab.N, len(tab.Rows))
	}
}

func TestTrendStopsAtTheChosenWave(t *testing.T) {
	c := newCatalogue(t)
	for _, tt := range []struct {
		wave  int64
		waves []string
	}{{1, []string{"2025-H2"}}, {2, []string{"2025-H2", "2026-H1"}}} {
		tab, err := c.Build(context.Background(), fullSource(), "adoption-trend", model.Filter{WaveID: tt.wave})
		if err != nil {
			t.Fatal(err)
		}
		waves := trendWaveNames(tab)
		if !slices.Equal(waves, tt.waves) || len(tab.Rows) != 18*len(tt.waves) { // 17 시도 and 전국 per wave
			t.Errorf("wave %d: waves %v in %d rows, want %v", tt.wave, waves, len(tab.Rows), tt.waves)
		}
	}
}

func TestHeadlinesAndCompare(t *testing.T) {
	c := newCatalogue(t)
	src := fullSource()
	hs, err := c.Headlines(context.Background(), src, model.Filter{WaveID: 2}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 4 || hs[0].Key != "adoption_rate" || hs[0].Change != 0.0 || hs[0].ChangeUnit != "%p" || hs[1].ChangeUnit != "%" {
		t.Errorf("headlines = %+v", hs)
	}
	src.total.N = 4 // under the threshold: rates and the exemplar share hidden
	hs, _ = c.Headlines(context.Background(), src, model.Filter{WaveID: 2}, 0)
	if hs[0].Value != nil || hs[3].Value != nil || hs[0].Change != nil {
		t.Errorf("suppressed headlines = %+v", hs)
	}
	ms, err := c.Compare(context.Background(), fullSource(), model.Filter{WaveID: 2}, "11")
	if err != nil || len(ms) != 7 || ms[0].Key != "n" || ms[0].Change != nil {
		t.Fatalf("compare = %+v, %v", ms, err)
	}
	opt, err := c.CompareOption(ms, "서울", "2026-H1")
	if err != nil || !json.Valid(opt) {
		t.Errorf("compare option: %v %s", err, opt)
	}
}

func TestTilesOption(t *testing.T) {
	c := newCatalogue(t)
	tab, err := c.Build(context.Background(), fullSource(), "region-tiles", model.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	opt, err := c.Option(tab, "w")
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Series []struct {
			Type string `json:"type"`
			Data []struct {
				Name  string `json:"name"`
				Value []any  `json:"value"`
			} `json:"data"`
		} `json:"series"`
		VisualMap map[string]any `json:"visualMap"`
	}
	if err := json.Unmarshal(opt, &o); err != nil {
		t.Fatal(err)
	}
	tiles := 0
	for _, s := range o.Series {
		tiles += len(s.Data)
		if s.Type != "scatter" {
			t.Errorf("series type %q", s.Type)
		}
	}
	if tiles != 17 || len(o.Series[0].Data) != 2 || o.VisualMap["seriesIndex"] != 0.0 {
		t.Errorf("%d tiles, %d coloured, visualMap %v", tiles, len(o.Series[0].Data), o.VisualMap)
	}
	mopt, err := c.MapOption(tab, "w")
	if err != nil || !json.Valid(mopt) {
		t.Errorf("map option: %v", err)
	}
}

func TestFormats(t *testing.T) {
	tests := []struct{ got, want string }{
		{MaskBusinessNo("1234567891"), "123-45-*****"},
		{MaskBusinessNo("123-45-67891"), "123-45-*****"},
		{MaskBusinessNo("12345"), ""},
		{FormatValue("%", 23.456), "23.5%"},
		{FormatValue("원", 45_640_000.0), "45.6백만원"},
		{FormatValue("개", 1234.0), "1,234개"},
		{FormatValue("%", nil), "비공개"},
		{FormatChange("%p", 1.23), "+1.2%p"},
		{FormatChange("%", -3.45), "−3.5%"},
		{FormatChange("%", nil), ""},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %q, want %q", i, tt.got, tt.want)
		}
	}
}
