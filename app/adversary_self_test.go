package main

// The adversary's own checks: once the disclosure layer holds, the
// adversary finds nothing, so these prove that it would find a leak if
// one came back: each attack recovers a planted firm from exact figures
// published the way main published them before the layer.

import (
	"math"
	"slices"
	"testing"

	"axdash/app/model"
)

// plantedTruth is one 시도 × industry with five small firms that never
// adopted and one large firm alone in its size band that did, beside a
// 시도 of firms without any cost; the revised wave adds a late firm. Equal
// weights let the mean cost be differenced too.
func plantedTruth() truth {
	small := func(id string, cost int64) firm {
		return firm{id: id, region: "11", industry: "C", size: "1-9", stage: "검토", cost: cost, staffCur: 0,
			staffNeed: 1, weight: 1, codes: map[string]bool{"barriers:비용부담": true}}
	}
	big := firm{id: "big", region: "11", industry: "C", size: "300+", stage: "도입", cost: 52_000_000,
		staffCur: 6, staffNeed: 7, weight: 1, codes: map[string]bool{"use-areas:품질검사": true}}
	late := firm{id: "late", region: "11", industry: "C", size: "10-49", stage: "확산", cost: 31_000_000,
		staffCur: 2, staffNeed: 5, weight: 1, codes: map[string]bool{"use-areas:마케팅": true}}
	w1 := []firm{small("s1", 10_000_000), small("s2", 12_000_000), small("s3", 14_000_000),
		small("s4", 16_000_000), small("s5", 18_000_000), big}
	for _, id := range []string{"o1", "o2", "o3", "o4", "o5", "o6", "o7"} { // most firms have no cost
		w1 = append(w1, firm{id: id, region: "26", industry: "C", size: "1-9", stage: "미도입", weight: 1})
	}
	return truth{"w1": w1, "w2": append(slices.Clone(w1), late)}
}

// publishExact fills a crawl as the figure API did before the layer: a
// cell's n and code counts from minCell responses (0: always), its other
// values from five.
func publishExact(tr truth, minCell int) *crawl {
	c := newCrawl("")
	c.dims = map[string][]string{"region": {"11", "26"}, "industry": {"C"}, "size": model.SizeBands}
	for wave := range tr {
		for _, r := range []string{"", "11", "26"} {
			for _, i := range []string{"", "C"} {
				for _, s := range append([]string{""}, model.SizeBands...) {
					publishCell(c, tr, cellKey{wave, r, i, s}, minCell)
				}
			}
		}
	}
	return c
}

func publishCell(c *crawl, tr truth, k cellKey, minCell int) {
	all, withCost := tr.cell(k, famAll), tr.cell(k, famCost)
	if len(all) < minCell {
		return
	}
	c.put(k, "n", float64(len(all)), "all")
	c.put(k, "n_cost", float64(len(withCost)), "cost")
	for _, code := range []string{"barriers:비용부담", "use-areas:품질검사", "use-areas:마케팅"} {
		count := 0
		for _, f := range all {
			if f.codes[code] {
				count++
			}
		}
		c.put(k, code, float64(count), code)
	}
	if len(all) >= 5 {
		var w, adopted, cur, need float64
		stage := make([]float64, len(model.Stages))
		for _, f := range all {
			w += f.weight
			if model.Adopted(f.stage) {
				adopted += f.weight
			}
			cur, need = cur+f.weight*float64(f.staffCur), need+f.weight*float64(f.staffNeed)
			stage[slices.Index(model.Stages, f.stage)] += f.weight
		}
		c.put(k, "adoption_rate", 100*adopted/w, "adoption")
		c.put(k, attrStaffCur, cur, "talent")
		c.put(k, attrStaffNeed, need, "talent")
		for i, col := range stageCols {
			c.put(k, col, 100*stage[i]/w, "stage")
		}
	}
	if len(withCost) >= 5 {
		var w, sum float64
		costs := make([]float64, 0, len(withCost))
		for _, f := range withCost {
			w, sum = w+f.weight, sum+f.weight*float64(f.cost)
			costs = append(costs, float64(f.cost))
		}
		slices.Sort(costs)
		c.put(k, "mean_cost", sum/w, "cost")
		c.put(k, "median_cost", costs[(len(costs)-1)/2], "cost")
	}
}

// TestAdversaryFindsPlantedLeaks: on exact figures, every attack recovers
// the planted firm, and makes no wrong guess; the margin attack also where
// cells of fewer than five firms are withheld whole.
func TestAdversaryFindsPlantedLeaks(t *testing.T) {
	tr := plantedTruth()
	cases := []struct {
		name    string
		minCell int
		attack  func(*crawl) []guess
		attrs   []string // each must recover a firm
	}{
		{"nested-diff", 0, nestedDiff, []string{attrAdopted, attrStage, attrStaffCur, attrStaffNeed, attrStaffPair, attrHasCost, attrCost, "codes"}},
		{"margin", 0, margins, []string{attrAdopted, attrStage}},
		{"margin, small cells withheld", 5, margins, []string{attrAdopted, attrStage, "codes"}},
		{"multi-select", 0, multiSelectDirect, []string{"codes"}},
		{"median", 0, medians, []string{attrCost}},
		{"wave-diff", 0, func(c *crawl) []guess { return waveDiff(c, "w1", "w2") },
			[]string{attrAdopted, attrStage, attrStaffCur, attrStaffNeed, attrStaffPair, attrHasCost, attrCost, "codes"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]*result{}
			for _, r := range score(tr, tc.attack(publishExact(tr, tc.minCell))) {
				got[r.attr] = r
				if r.right != r.single {
					t.Errorf("%s: right in %d of %d one-firm targets on exact figures, want all: e.g. %s",
						r.attr, r.right, r.single, r.exampleOf)
				}
			}
			for _, attr := range tc.attrs {
				if r := got[attr]; r == nil || len(r.recovered) == 0 {
					t.Errorf("%s recovers no firm's %s from exact figures", tc.name, attr)
				} else if kindOf(attr) == kindMag && r.corroborated() == 0 {
					t.Errorf("%s: no two guesses agree on a firm's %s from exact figures", tc.name, attr)
				}
			}
		})
	}
}

// TestBinomTail checks the sign test against the binomial's own
// identities: P(X ≥ 0) = 1, P(X ≥ n) = 2⁻ⁿ, and symmetry about n/2.
func TestBinomTail(t *testing.T) {
	for _, n := range []int{1, 2, 7, 30, 200} {
		if p := binomTail(0, n); p != 1 {
			t.Errorf("P(X ≥ 0 | n=%d) = %g, want 1", n, p)
		}
		if p, want := binomTail(n, n), math.Pow(2, -float64(n)); math.Abs(p-want) > 1e-12*want {
			t.Errorf("P(X ≥ n | n=%d) = %g, want %g", n, p, want)
		}
		for k := 1; k <= n; k++ {
			if sum := binomTail(k, n) + binomTail(n-k+1, n); math.Abs(sum-1) > 1e-9 {
				t.Errorf("P(X ≥ %d) + P(X ≥ %d) = %g for n=%d, want 1", k, n-k+1, sum, n)
			}
		}
	}
}
