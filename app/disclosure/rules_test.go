package disclosure

import (
	"context"
	"math"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
)

// The p% rule withholds a magnitude one or two firms dominate, in the
// public view only; medians need median_min firms with a cost and are
// published rounded to median_digits significant digits.
func TestDominanceAndMedians(t *testing.T) {
	cell := func(costs ...int64) []firm {
		var out []firm
		for i, c := range costs {
			out = append(out, firm{region: "11", industry: "C", size: "1-9", adopted: true, cost: c, staff: 1, need: 2, key: i})
		}
		return out
	}
	spread := []int64{1_234_567, 2_345_678, 3_456_789, 4_567_891, 5_678_912, 6_789_123, 7_891_234, 8_912_345, 9_123_456, 1_357_913}
	tests := []struct {
		name           string
		firms          []firm
		cost, median   string // the public rule of each
		publicedMedian float64
	}{
		{"ten comparable costs", cell(spread...), "", "", 0},
		{"one firm is nearly all", cell(append([]int64{900_000_000_000}, spread[:9]...)...), model.RuleDominance, "", 0},
		{"two firms are nearly all", cell(append([]int64{500_000_000_000, 400_000_000_000}, spread[:8]...)...), model.RuleDominance, "", 0},
		{"too few for a median", cell(spread[:6]...), "", model.RuleSmall, 0},
	}
	p := New(testConfig())
	k := cube.Key{Region: "11", Industry: "C", Size: "1-9"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := waveOf(t, tt.firms)
			c := cellAt(t, w, k)
			pub, in := p.Public(w, c), p.Internal(w, c)
			cost, median := pub.Est.Of(cube.MeasureCost), pub.Est.Of(cube.MeasureMedianCost)
			if cost.Rule != tt.cost || cost.Hidden != (tt.cost != "") || in.Est.Of(cube.MeasureCost).Rule != tt.cost || in.Est.Of(cube.MeasureCost).Hidden {
				t.Errorf("cost: public %+v, internal %+v; want rule %q", cost, in.Est.Of(cube.MeasureCost), tt.cost)
			}
			if median.Rule != tt.median || median.Hidden != (tt.median != "") {
				t.Errorf("median: public %+v, want rule %q", median, tt.median)
			}
			if tt.cost != "" && (pub.WXCost != 0 || pub.NCost != 0) {
				t.Errorf("withheld cost left sums: Σw·cost %v, n %d", pub.WXCost, pub.NCost)
			}
			if tt.median != "" && pub.MedianCost != nil {
				t.Errorf("withheld median left %d", *pub.MedianCost)
			}
			if tt.median == "" {
				want := roundSignificant(float64(*c.Median), 2)
				if median.Value != want || pub.MedianCost == nil || float64(*pub.MedianCost) != want || want == float64(*c.Median) {
					t.Errorf("median %v (sums %v), want %v rounded from %d", median.Value, pub.MedianCost, want, *c.Median)
				}
			}
		})
	}
}

// The internal view is the cube: every value as computed, nothing hidden.
func TestInternalViewIsTheCube(t *testing.T) {
	w, _ := thinWave(t)
	_, in := views(w)
	ctx := context.Background()
	set := cube.NewSet([]*cube.Wave{w})
	for _, f := range []model.Filter{{WaveID: 1}, {WaveID: 1, Region: "41", Industry: "L", Size: "300+"}} {
		got, _ := in.CellTotal(ctx, f)
		want, _ := set.CellTotal(ctx, f)
		if got.N != want.N || got.WAdopted != want.WAdopted || got.WXCost != want.WXCost || got.Hidden {
			t.Errorf("%+v: internal n %d adopted %v cost %v hidden %t, cube %d %v %v", f, got.N, got.WAdopted, got.WXCost,
				got.Hidden, want.N, want.WAdopted, want.WXCost)
		}
		for m, e := range want.Est.All() {
			if g := got.Est.Of(m); g.Value != e.Value || g.SE != e.SE || g.Hidden {
				t.Errorf("%+v %s: internal %+v, cube %+v", f, m, g, e)
			}
		}
	}
}

// The public exemplar list holds only consenting firms, and under a
// filter whose cell is withheld only their names and notes.
func TestExemplarsConsentAndBare(t *testing.T) {
	_, firms := thinWave(t)
	gain := 30.0
	w := waveWith(t, firms, []model.ExemplarFirm{
		{FirmName: "동의", Region: "41", Industry: "L", SizeBand: "300+", Stage: "확산", UseAreas: []string{"품질검사"},
			ProductivityGain: &gain, Note: "불량률 감소", Consent: true},
		{FirmName: "미동의", Region: "41", Industry: "L", SizeBand: "1-9", Stage: "도입", Consent: false},
	})
	pub, in := views(w)
	ctx := context.Background()
	tests := []struct {
		name   string
		view   *View
		filter model.Filter
		names  []string
		bare   bool
	}{
		{"public, whole wave", pub, model.Filter{WaveID: 1}, []string{"동의"}, false},
		{"public, the firm's one-firm cell", pub, model.Filter{WaveID: 1, Region: "41", Industry: "L", Size: "300+"}, []string{"동의"}, true},
		{"internal, whole wave", in, model.Filter{WaveID: 1}, []string{"동의", "미동의"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			firms, err := tt.view.ExemplarFirms(ctx, tt.filter, 10)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range firms {
				names = append(names, f.FirmName)
				if bare := f.Stage == "" && f.ProductivityGain == nil && f.UseAreas == nil && f.Region == ""; bare != tt.bare {
					t.Errorf("%s: %+v, want bare %t", f.FirmName, f, tt.bare)
				}
			}
			if len(names) != len(tt.names) || (len(names) > 0 && names[0] != tt.names[0]) {
				t.Errorf("firms %v, want %v", names, tt.names)
			}
		})
	}
}

// In every published cell the stage shares add up to 100%, the adopting
// stages to the published adoption rate, and the sums the figures read
// give those same numbers.
func TestStagesAgreeWithAdoption(t *testing.T) {
	w, _ := thinWave(t)
	p := New(testConfig())
	checked := 0
	for c := range w.Cells() {
		pub := p.Public(w, c)
		if pub.Hidden || anyHidden(pub, cube.MeasureAdoption) {
			continue // a share withheld (the precision rule) leaves nothing to add up
		}
		checked++
		var all, adopted float64
		for _, s := range model.Stages {
			v := pub.Est.Of(cube.StageMeasure(s)).Value
			all += v
			if model.Adopted(s) {
				adopted += v
			}
		}
		rate := pub.Est.Of(cube.MeasureAdoption).Value
		if math.Abs(all-1) > 1e-9 || math.Abs(adopted-rate) > 1e-9 || math.Abs(pub.AdoptedWeight()/pub.Weight-rate) > 1e-9 {
			t.Errorf("%v: stages add up to %v, adopting ones %v, sums give %v; adoption %v", c.Key, all, adopted,
				pub.AdoptedWeight()/pub.Weight, rate)
		}
	}
	if checked == 0 {
		t.Fatal("no cell publishes its adoption rate and every stage: nothing checked")
	}
}

// anyHidden says whether the cell withholds measure or a stage share.
func anyHidden(c model.Cell, measure string) bool {
	if c.Est.Of(measure).Hidden {
		return true
	}
	for _, s := range model.Stages {
		if c.Est.Of(cube.StageMeasure(s)).Hidden {
			return true
		}
	}
	return false
}

// The utility table counts every cell with responses once per measure,
// withheld or published, and the withheld by their rules.
func TestUtilityCountsCells(t *testing.T) {
	w, _ := thinWave(t)
	u := New(testConfig()).Utility(w)
	cells, small := 0, 0
	for c := range w.Cells() {
		if c.Sums.N > 0 {
			cells++
			if c.Sums.N < 5 {
				small++
			}
		}
	}
	for _, r := range append(u.Measures, u.Headlines...) {
		withheld := 0
		for _, n := range r.Withheld {
			withheld += n
		}
		// The thin wave names no use area: that family has no cells.
		if r.Cells != withheld+r.Published || (r.Cells == 0) != (r.Measure == "use_area:*") {
			t.Errorf("%s: %d cells, %d withheld, %d published", r.Measure, r.Cells, withheld, r.Published)
		}
	}
	if n := u.Measures[0]; n.Measure != "n" || n.Cells != cells || n.Withheld[model.RuleSmall] != small {
		t.Errorf("n row %+v, want %d cells, %d small", n, cells, small)
	}
}
