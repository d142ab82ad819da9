package cube

import (
	"context"
	"math"
	"slices"
	"testing"

	"axdash/app/model"
	"axdash/configs"
)

// Each estimate's N is the responses in its denominator: the domain's for
// a rate, those with a cost for the mean cost and the support share, those
// needing AI staff for the gap rate; the median counts those with a cost
// and has no interval.
func TestEstimateN(t *testing.T) {
	rows, _ := referenceWave(3, false)
	set := NewSet([]*Wave{NewWave(1, "N", 1, referenceRows(t, rows), configs.DefaultDesign())})
	for _, f := range []model.Filter{{WaveID: 1}, {WaveID: 1, Region: "26"}, {WaveID: 1, Industry: "C", Size: "10-49"}} {
		cell, err := set.CellTotal(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for i := range rows {
			r := &rows[i]
			if f.Region != "" && r.Region != f.Region || f.Industry != "" && r.Industry != f.Industry || f.Size != "" && r.SizeBand != f.Size {
				continue
			}
			_, _, has := costOf(r)
			_, need, _ := staffOf(r)
			for m, in := range map[string]bool{MeasureAdoption: true, MeasureCost: has, MeasureSupportShare: has,
				MeasureMedianCost: has, MeasureTalentGap: need > 0, TotalOf(MeasureTalentGap): true} {
				if in {
					want[m]++
				}
			}
		}
		for m, n := range want {
			if e := cell.Est.Of(m); e.N != n || e.N == 0 {
				t.Errorf("%+v %s: N %d, want %d", f, m, e.N, n)
			}
		}
		if e := cell.Est.Of(MeasureMedianCost); e.Interval || e.SE != 0 || e.Value != float64(*cellMedian(t, set, f)) {
			t.Errorf("%+v median estimate %+v", f, e)
		}
	}
}

func cellMedian(t *testing.T, s *Set, f model.Filter) *int64 {
	t.Helper()
	c, _ := s.CellTotal(context.Background(), f)
	if c.MedianCost == nil {
		t.Fatal("no median")
	}
	return c.MedianCost
}

// The precision rules mark an estimate at the caution threshold and give it
// RulePrecision at the withhold threshold, never Hidden; a rate's logit
// interval stays inside 0–1 where the Wald one would not.
func TestPrecisionRulesAndLogit(t *testing.T) {
	p := configs.DefaultDesign().Precision
	for _, tt := range []struct {
		value, se     float64
		caution, rule bool
	}{
		{0.4, 0.01, false, false},
		{0.4, 0.4 * p.CautionRSE, true, false},
		{0.4, 0.4 * (p.WithholdRSE - 0.01), true, false},
		{0.4, 0.4 * p.WithholdRSE, true, true},
		{-2, 2 * p.WithholdRSE, true, true},
		{0, 0.3, false, false}, // no relative error of a zero
	} {
		e := model.Estimate{Value: tt.value, SE: tt.se}
		flag(p, &e)
		if e.Caution != tt.caution || (e.Rule == model.RulePrecision) != tt.rule || e.Hidden {
			t.Errorf("value %v se %v: caution %v rule %q hidden %v", tt.value, tt.se, e.Caution, e.Rule, e.Hidden)
		}
	}
	for _, tt := range []struct{ p, se float64 }{{0.02, 0.03}, {0.97, 0.05}, {0.5, 0.2}, {0, 0}, {1, 0}} {
		low, high := logit(tt.p, tt.se)
		if low < 0 || high > 1 || low > tt.p || high < tt.p || math.IsNaN(low+high) {
			t.Errorf("logit(%v, %v) = [%v, %v]", tt.p, tt.se, low, high)
		}
	}
	for _, tt := range []struct {
		measure string
		want    bool
	}{{MeasureAdoption, true}, {StageMeasure(model.Stages[0]), true}, {ChoiceMeasure(model.ChoiceBarrier, "x"), true},
		{MeasureTalentGap, true}, {MeasureCost, false}, {TotalOf(MeasureAdoption), false}, {MeasureStaffNeeded, false}} {
		if bounded(tt.measure) != tt.want {
			t.Errorf("bounded(%s) = %v", tt.measure, !tt.want)
		}
	}
}

// Two independent estimates differ when |a − b| exceeds 1.96 times the
// root of the sum of their variances; without an interval, or withheld,
// they are not tested.
func TestDiffer(t *testing.T) {
	est := func(v, se float64) model.Estimate { return model.Estimate{Value: v, SE: se, Interval: true} }
	se := math.Hypot(0.03, 0.04) // 0.05: the difference's standard error
	for _, tt := range []struct {
		name           string
		a, b           model.Estimate
		differs, tests bool
	}{
		{"beyond", est(0.2+z95*se*1.01, 0.03), est(0.2, 0.04), true, true},
		{"within", est(0.2+z95*se*0.99, 0.03), est(0.2, 0.04), false, true},
		{"below", est(0.2-z95*se*1.01, 0.03), est(0.2, 0.04), true, true},
		{"no interval", model.Estimate{Value: 9}, est(0.2, 0.04), false, false},
		{"withheld", est(0.9, 0.01), model.Estimate{Interval: true, Hidden: true}, false, false},
	} {
		if d, ok := Differ(tt.a, tt.b); d != tt.differs || ok != tt.tests {
			t.Errorf("%s: Differ = %v, %v", tt.name, d, ok)
		}
	}
}

// The file's strata change nothing under region_size (they only split the
// moments), and rows without a stratum keep their 시도 × size band under
// column; the column design with strata that cut across 시도 × size band
// gives other standard errors (the R check says which are right).
func TestFileStrataOnlyUnderColumn(t *testing.T) {
	withStrata, _ := referenceWave(5, true)
	without := slices.Clone(withStrata)
	for i := range without {
		without[i].Stratum = ""
	}
	column := configs.DefaultDesign()
	column.Strata = configs.StrataColumn
	base := NewSet([]*Wave{NewWave(1, "W", 1, referenceRows(t, without), configs.DefaultDesign())})
	for _, tt := range []struct {
		name  string
		rows  []model.Response
		d     configs.Design
		equal bool
	}{
		{"region_size with strata", withStrata, configs.DefaultDesign(), true},
		{"column without strata", without, column, true},
		{"column with strata", withStrata, column, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := NewSet([]*Wave{NewWave(1, "W", 1, referenceRows(t, tt.rows), tt.d)})
			same := true
			for _, f := range []model.Filter{{WaveID: 1}, {WaveID: 1, Region: "26"}, {WaveID: 1, Industry: "C", Size: "10-49"}} {
				got, _ := set.CellTotal(context.Background(), f)
				want, _ := base.CellTotal(context.Background(), f)
				for _, m := range []string{MeasureAdoption, MeasureTalentGap, ChoiceMeasure(model.ChoiceUseArea, "a"), TotalOf(MeasureStaffCurrent)} {
					g, w := got.Est.Of(m), want.Est.Of(m)
					if math.Abs(g.Value-w.Value) > 1e-9*math.Abs(w.Value) {
						t.Errorf("%+v %s: value %v, without strata %v", f, m, g.Value, w.Value)
					}
					same = same && math.Abs(g.SE-w.SE) <= 1e-9*w.SE
				}
			}
			if same != tt.equal {
				t.Errorf("standard errors the same as without strata: %v, want %v", same, tt.equal)
			}
		})
	}
}

// A share of the responses is a measure with x = 1 and y an indicator; a
// ratio of two magnitudes is bounded but no share, and a total is neither.
func TestShare(t *testing.T) {
	for _, tt := range []struct {
		measure string
		want    bool
	}{
		{MeasureAdoption, true}, {MeasureExemplar, true}, {StageMeasure(model.Stages[2]), true},
		{ChoiceMeasure(model.ChoiceUseArea, "a"), true}, {ChoiceMeasure(model.ChoiceBarrier, "x"), true},
		{MeasureSupportShare, false}, {MeasureTalentGap, false}, {MeasureCost, false}, {MeasureMedianCost, false},
		{MeasureStaffCurrent, false}, {TotalOf(MeasureAdoption), false}, {TotalOf(StageMeasure(model.Stages[0])), false},
	} {
		if Share(tt.measure) != tt.want {
			t.Errorf("Share(%s) = %v", tt.measure, !tt.want)
		}
	}
}
