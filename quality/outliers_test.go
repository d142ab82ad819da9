package quality

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"axdash/app/model"
)

func costRow(row int, cost int64, firm string) *model.FirmResponse {
	return &model.FirmResponse{Response: model.Response{SourceRow: row, FirmName: firm, Industry: "C", SizeBand: "10-49",
		AdoptionCost: &cost}}
}

func testConfig() OutlierConfig {
	return OutlierConfig{Fields: []string{"adoption_cost"}, Threshold: 5, MinGroup: 30, MaxRows: 3}
}

// TestHistogramStats checks median and MAD from the histogram against the
// exact values, within the stated precision of one bin (0.01 decade).
func TestHistogramStats(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, spread := range []float64{0.05, 0.3, 1} {
		o := NewOutliers(testConfig())
		logs := make([]float64, 2001)
		for i := range logs {
			logs[i] = 7.4 + spread*r.NormFloat64()
			o.Observe(costRow(i, int64(math.Pow(10, logs[i])), ""))
		}
		med, mad := o.groups[groupKey{"adoption_cost", "C", "10-49"}].stats()
		wantMed := exactMedian(logs)
		dev := make([]float64, len(logs))
		for i, l := range logs {
			dev[i] = math.Abs(l - wantMed)
		}
		wantMAD := max(exactMedian(dev), minMAD)
		if math.Abs(med-wantMed) > 0.011 || math.Abs(mad-wantMAD) > 0.021 {
			t.Errorf("spread %g: median %.3f MAD %.3f, exact %.3f and %.3f", spread, med, mad, wantMed, wantMAD)
		}
	}
}

func exactMedian(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func TestOutlierFindings(t *testing.T) {
	// 100 firms spending 10–40 백만원, log-uniformly.
	base := func(o *Outliers) {
		for i := range 100 {
			o.Observe(costRow(10+i, int64(1e7*math.Pow(4, float64(i)/99)), ""))
		}
	}
	tests := []struct {
		name  string
		cfg   func(*OutlierConfig)
		plant map[int]int64 // row → cost
		want  []int         // flagged rows
	}{
		{"clean", nil, nil, nil},
		{"원 for 백만원", nil, map[int]int64{500: 2e13}, []int{500}},
		{"×100", nil, map[int]int64{501: 2e9}, []int{501}},
		{"÷1000 (천원 read as 원)", nil, map[int]int64{502: 20_000}, []int{502}},
		{"within the band", nil, map[int]int64{503: 9e7}, nil},
		{"tail bounded to MaxRows", nil, map[int]int64{600: 2e13, 601: 3e13, 602: 4e13, 603: 5e13}, []int{601, 602, 603}},
		{"group below the minimum", func(c *OutlierConfig) { c.MinGroup = 500 }, map[int]int64{500: 2e13}, nil},
		{"higher threshold", func(c *OutlierConfig) { c.Threshold = 50 }, map[int]int64{501: 2e9}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			o := NewOutliers(cfg)
			base(o)
			for row, v := range tt.plant {
				o.Observe(costRow(row, v, "기업"))
			}
			got := o.Findings("조사표", map[string]Column{"adoption_cost": {Letter: "G", Header: "AI도입비용(백만원)"}})
			var rows []int
			for _, f := range got {
				rows = append(rows, f.Issue.Row)
				if f.Issue.Code != "adoption_cost.outlier" || f.Issue.Cell != "G"+strconv.Itoa(f.Issue.Row) || f.Firm != "기업" ||
					f.Issue.Header != "AI도입비용(백만원)" {
					t.Errorf("finding %+v", f)
				}
			}
			if !slices.Equal(rows, tt.want) {
				t.Errorf("flagged rows %v, want %v", rows, tt.want)
			}
		})
	}
}

func TestBaselineJoinsTheFile(t *testing.T) {
	o := NewOutliers(testConfig())
	bin := int(math.Floor(7.3 * PerDecade)) // 20 백만원
	o.AddBaseline("adoption_cost", "C", "10-49", bin-20, 20)
	o.AddBaseline("adoption_cost", "C", "10-49", bin+20, 20)
	o.Observe(costRow(5, 2e13, ""))
	f := o.Findings("", nil)
	if len(f) != 1 || f[0].Issue.Row != 5 || f[0].Issue.Cell != "" {
		t.Fatalf("findings %+v", f)
	}
	if v := f[0].Issue.Value; v != "20,000,000 백만원" {
		t.Errorf("value %q, want it in the message's unit", v)
	}
	msg := f[0].Issue.Message
	for _, w := range []string{"업종 C", "10-49명", "큽니다", "예상 범위", "백만원", "비교 41곳"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
}

func TestSig3(t *testing.T) {
	for v, want := range map[float64]string{0.012345: "0.0123", 1.256: "1.26", 25: "25.0", 1234.5: "1,230", 25_123_456: "25,100,000", 0: "0"} {
		if got := sig3(v); got != want {
			t.Errorf("sig3(%g) = %q, want %q", v, got, want)
		}
	}
}

// BenchmarkObserve is the per-row cost of the outlier test on three fields.
func BenchmarkObserve(b *testing.B) {
	o := NewOutliers(OutlierConfig{Fields: []string{"adoption_cost", "gov_support", "revenue"}, Threshold: 5, MinGroup: 30, MaxRows: 200})
	r := costRow(1, 25_000_000, "기업")
	support, revenue := int64(10_000_000), int64(3_000_000_000)
	r.Response.GovSupport, r.Response.Revenue = &support, &revenue
	b.ReportAllocs()
	for b.Loop() {
		o.Observe(r)
	}
}
