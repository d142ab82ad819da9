package main

// The attacks. Each reads only what the crawler collected from the public
// API and makes guesses about the firms left over when one published cell
// is taken from another; the scorer (adversary_score_test.go) checks them
// against the generator's answers.

import (
	"fmt"
	"math"
	"strings"

	"axdash/app/model"
)

// guess is one claim about the firms in cell a that are in none of bs: when
// that group is one firm, its attr is ans. anyOf claims instead that some
// firm of the group has the value (a median is one firm's value).
type guess struct {
	attack, attr string
	a            cellKey
	bs           []cellKey
	fam          family
	ans          answer
	anyOf        bool
	url          string
}

var stageCols = []string{"stage_none", "stage_review", "stage_pilot", "stage_adopted", "stage_scaled"}

// differ guesses the answers of the one firm in a but not in b, which the
// published n of the two cells say is there. Weights are unknown, but a
// weighted share moves toward the one added firm's answer, so the sign of
// a difference gives a yes/no answer, and a weighted sum's difference is the
// firm's weighted value.
func differ(c *crawl, attack string, a, b cellKey) []guess {
	var out []guess
	va, vb := c.values[a], c.values[b]
	add := func(attr string, fam family, ans answer, from string) {
		u := c.where[a][from] + " against " + c.where[b][from]
		out = append(out, guess{attack: attack, attr: attr, a: a, bs: []cellKey{b}, fam: fam, ans: ans, url: u})
	}
	both := func(m string) (float64, float64, bool) {
		x, okA := va[m]
		y, okB := vb[m]
		return x, y, okA && okB
	}
	if na, nb, ok := both("n"); ok && na-nb == 1 {
		if ra, rb, ok := both("adoption_rate"); ok {
			add(attrAdopted, famAll, answer{yes: ra > rb || (ra == rb && ra >= 50)}, "adoption_rate")
		}
		if s, ok := stageMove(va, vb); ok {
			add(attrStage, famAll, answer{class: s}, stageCols[0])
		}
		for _, m := range []string{attrStaffCur, attrStaffNeed} {
			if x, y, ok := both(m); ok {
				add(m, famAll, answer{mag: x - y}, m)
			}
		}
		ca, cb, okC := both(attrStaffCur)
		na, nb, okN := both(attrStaffNeed)
		if pair, ok := staffPair(ca-cb, na-nb); ok && okC && okN {
			add(attrStaffPair, famAll, answer{class: pair}, attrStaffCur)
		}
		if x, y, ok := both("n_cost"); ok {
			add(attrHasCost, famAll, answer{yes: x-y >= 1}, "n_cost")
		}
		for m, x := range va {
			if y, ok := vb[m]; ok && isCode(m) {
				add("code:"+m, famAll, answer{yes: x-y >= 1}, m)
			}
		}
	}
	if na, nb, ok := both("n_cost"); ok && na-nb == 1 {
		if ma, mb, ok := both("mean_cost"); ok {
			// Equal weights: the best an attacker can do without them.
			add(attrCost, famCost, answer{mag: na*ma - nb*mb}, "mean_cost")
		}
	}
	return out
}

// staffPair reads the one firm's own staff counts from its weighted ones:
// both carry the same weight, so their ratio is the counts' ratio, and
// counts are small whole numbers (weighted 3.8958 now and 4.5451 needed is
// 6 and 7 at a weight of 0.6493).
func staffPair(cur, need float64) (string, bool) {
	if !(cur > 0 && need > 0) {
		return "", false
	}
	for b := 1; b <= 100; b++ {
		a := math.Round(float64(b) * cur / need)
		if a >= 1 && math.Abs(a/float64(b)-cur/need) <= 1e-3*cur/need {
			return fmt.Sprintf("%d/%d", int(a), b), true
		}
	}
	return "", false
}

func isCode(m string) bool {
	return strings.HasPrefix(m, "barriers:") || strings.HasPrefix(m, "use-areas:")
}

// stageMove is the stage whose share grows most from b to a: the one added
// firm's stage.
func stageMove(va, vb map[string]float64) (string, bool) {
	best, bestD := "", math.Inf(-1)
	for i, col := range stageCols {
		x, okA := va[col]
		y, okB := vb[col]
		if !okA || !okB {
			return "", false
		}
		if x-y > bestD {
			best, bestD = model.Stages[i], x-y
		}
	}
	return best, true
}

// nestedDiff differences every published cell against each published cell
// that contains it (one, two or three dimensions coarser), across tables.
func nestedDiff(c *crawl) []guess {
	var out []guess
	for b := range c.values {
		for _, a := range ancestors(b) {
			if _, ok := c.values[a]; ok {
				out = append(out, differ(c, "nested-diff", a, b)...)
			}
		}
	}
	return out
}

// ancestors are the cells that contain c: c with any of its set dimensions
// made a margin.
func ancestors(c cellKey) []cellKey {
	out := []cellKey{c}
	for _, dim := range []string{"region", "industry", "size"} {
		if dimOf(c, dim) == "" {
			continue
		}
		for _, a := range out {
			setDim(&a, dim, "")
			out = append(out, a)
		}
	}
	return out[1:]
}

// waveDiff differences each cell of the later wave against the same cell
// of the earlier one: late returns make the difference one firm.
func waveDiff(c *crawl, earlier, later string) []guess {
	var out []guess
	for a := range c.values {
		if a.Wave != later {
			continue
		}
		b := a
		b.Wave = earlier
		if _, ok := c.values[b]; ok {
			out = append(out, differ(c, "wave-diff", a, b)...)
		}
	}
	return out
}

func dimOf(c cellKey, dim string) string {
	switch dim {
	case "region":
		return c.Region
	case "industry":
		return c.Industry
	}
	return c.Size
}

// multiSelectDirect reads the per-code counts of a cell that holds one
// firm (or whose n is withheld while its codes are not): a count of one or
// more is that firm's answer.
func multiSelectDirect(c *crawl) []guess {
	var out []guess
	for a, va := range c.values {
		if n, ok := va["n"]; ok && n != 1 {
			continue
		}
		for m, x := range va {
			if isCode(m) {
				out = append(out, guess{attack: "multi-select", attr: "code:" + m, a: a, fam: famAll,
					ans: answer{yes: x >= 1}, url: c.where[a][m]})
			}
		}
	}
	return out
}

// medians claims that each published median is one of its cell's firms'
// exact cost; the scorer holds it to cells of fewer than smallMedianCell
// firms, where that firm is one of a handful.
func medians(c *crawl) []guess {
	var out []guess
	for a, va := range c.values {
		if med, ok := va["median_cost"]; ok {
			out = append(out, guess{attack: "median", attr: attrCost, a: a, fam: famCost, ans: answer{mag: med},
				anyOf: true, url: c.where[a]["median_cost"]})
		}
	}
	return out
}
