package main

// Scoring the adversary's guesses against the generator's answers, and the
// results table: per attack, how many targets were one firm, how many were
// recovered, and whether the attacker beats a baseline guess.

import (
	"cmp"
	"fmt"
	"math"
	"sort"
	"strings"

	"axdash/app/model"
)

const (
	attrAdopted   = "adopted"
	attrStage     = "stage"
	attrHasCost   = "has_cost (cost n)"
	attrCost      = "cost"
	attrStaffCur  = "staff_current"
	attrStaffNeed = "staff_needed"
	attrStaffPair = "staff counts (current/needed)"
)

type kind int

const (
	kindBool kind = iota
	kindClass
	kindMag
)

// answer is a firm's value of one attribute, or a guess of it.
type answer struct {
	yes   bool
	class string
	mag   float64
}

func kindOf(attr string) kind {
	switch attr {
	case attrStage, attrStaffPair:
		return kindClass
	case attrCost, attrStaffCur, attrStaffNeed:
		return kindMag
	}
	return kindBool
}

// truthOf reads attr from a firm. Staff are weighted, as the tables sum them.
func truthOf(f *firm, attr string) answer {
	switch attr {
	case attrAdopted:
		return answer{yes: model.Adopted(f.stage)}
	case attrStage:
		return answer{class: f.stage}
	case attrHasCost:
		return answer{yes: f.cost > 0}
	case attrCost:
		return answer{mag: float64(f.cost)}
	case attrStaffCur:
		return answer{mag: f.weight * float64(f.staffCur)}
	case attrStaffNeed:
		return answer{mag: f.weight * float64(f.staffNeed)}
	case attrStaffPair:
		return answer{class: fmt.Sprintf("%d/%d", f.staffCur, f.staffNeed)}
	}
	return answer{yes: f.codes[strings.TrimPrefix(attr, "code:")]}
}

// within reports whether a magnitude guess is within tol (relative) of the
// truth; a zero truth needs a guess that rounds to zero.
func within(g, t, tol float64) bool {
	if t == 0 {
		return math.Abs(g) < 0.005
	}
	return math.Abs(g-t) <= tol*math.Abs(t)
}

// smallMedianCell: a median over fewer firms than this is one of a handful
// of firms' values, and must not match any of them. Over more, some firm
// is near any number by chance.
const smallMedianCell = 10

// Magnitudes count as guessed right within ±10 %, as recovered within ±1 %.
const (
	magRight = 0.10
	magExact = 0.01
)

func matches(attr string, g, t answer, tol float64) bool {
	switch kindOf(attr) {
	case kindBool:
		return g.yes == t.yes
	case kindClass:
		return g.class == t.class
	}
	return within(g.mag, t.mag, tol)
}

// result is one line of the table.
type result struct {
	attack, attr       string
	targets, single    int // guesses made; of them, aimed at exactly one firm
	right, baseRight   int
	attOnly, baseOnly  int            // discordant pairs for the sign test
	exact              int            // magnitude guesses within ±1 %
	exactFirms         map[string]int // such guesses per firm
	recovered          map[string]bool
	example, exampleOf string
}

// corroborated counts the firms whose magnitude two guesses (two pairs of
// cells, or the same pair in two waves) put within ±1 %: a value an
// attacker can trust, where one lucky guess under noise is not one.
func (r *result) corroborated() int {
	k := 0
	for _, n := range r.exactFirms {
		if n >= 2 {
			k++
		}
	}
	return k
}

// pValue is the one-sided exact binomial (McNemar) test of "the attacker
// is right more often than the baseline" over the discordant pairs.
func (r *result) pValue() float64 { return binomTail(r.attOnly, r.attOnly+r.baseOnly) }

// binomTail is P(X ≥ k) for X ~ Binomial(n, ½).
func binomTail(k, n int) float64 {
	if k <= 0 {
		return 1
	}
	p := 0.0
	for i := k; i <= n; i++ {
		lg, _ := math.Lgamma(float64(n + 1))
		a, _ := math.Lgamma(float64(i + 1))
		b, _ := math.Lgamma(float64(n - i + 1))
		p += math.Exp(lg - a - b - float64(n)*math.Ln2)
	}
	return min(p, 1)
}

// beatsBaseline is the target's failure: better than baseline at level
// alpha.
func (r *result) beatsBaseline(alpha float64) bool {
	return r.right > r.baseRight && r.pValue() < alpha
}

// familyAlpha is the level each line is tested at so that the whole table
// holds at 95 % (Bonferroni over the lines that have a discordant pair):
// with a dozen lines tested at 5 % each, a layer that leaks nothing would
// still fail one about half the time.
func familyAlpha(rs []*result) float64 {
	m := 0
	for _, r := range rs {
		if r.attOnly+r.baseOnly > 0 {
			m++
		}
	}
	return 0.05 / float64(max(m, 1))
}

// score checks every guess and groups the outcomes by attack and attribute
// (every multi-select code in one line).
func score(tr truth, guesses []guess) []*result {
	byKey := map[string]*result{}
	baselines := map[string]answer{}
	for _, g := range guesses {
		group := g.attr
		if strings.HasPrefix(group, "code:") {
			group = "codes"
		}
		r := byKey[g.attack+"|"+group]
		if r == nil {
			r = &result{attack: g.attack, attr: group, recovered: map[string]bool{}, exactFirms: map[string]int{}}
			byKey[g.attack+"|"+group] = r
		}
		bk := g.a.Wave + "|" + g.attr
		if _, ok := baselines[bk]; !ok {
			baselines[bk] = tr.baseline(g.a.Wave, g.attr)
		}
		r.add(tr, g, baselines[bk])
	}
	out := make([]*result, 0, len(byKey))
	for _, r := range byKey {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].attack+out[i].attr < out[j].attack+out[j].attr })
	return out
}

func (r *result) add(tr truth, g guess, base answer) {
	r.targets++
	rest, ok := tr.remainder(g.a, g.bs, g.fam)
	if !ok || len(rest) == 0 || (!g.anyOf && len(rest) != 1) || (g.anyOf && len(rest) >= smallMedianCell) {
		return // no group of one firm (or a handful): the guess is about nobody, right for neither
	}
	r.single++
	hit := func(ans answer, tol float64) (*firm, bool) {
		for _, f := range rest {
			if matches(g.attr, ans, truthOf(f, g.attr), tol) {
				return f, true
			}
		}
		return nil, false
	}
	f, right := hit(g.ans, magRight)
	_, baseRight := hit(base, magRight)
	if right {
		r.right++
	}
	if baseRight {
		r.baseRight++
	}
	if right && !baseRight {
		r.attOnly++
	}
	if baseRight && !right {
		r.baseOnly++
	}
	if kindOf(g.attr) == kindMag {
		// A zero (no staff) is a yes/no answer, judged by the accuracy test.
		if ef, exact := hit(g.ans, magExact); exact && truthOf(ef, g.attr).mag != 0 {
			r.exact++
			r.exactFirms[ef.id]++
			f, right = ef, true
		} else {
			right = false // a magnitude is recovered only within ±1 %
		}
	}
	if right && (kindOf(g.attr) == kindMag || !baseRight) {
		r.recovered[g.a.Wave+"/"+f.id] = true
		if r.example == "" {
			r.example = g.url
			r.exampleOf = fmt.Sprintf("%s of firm %s in %s: guessed %s, true %s", g.attr, f.id, describe(g),
				show(g.attr, g.ans), show(g.attr, truthOf(f, g.attr)))
		}
	}
}

// describe names the group a guess is about.
func describe(g guess) string {
	s := cellName(g.a)
	for _, b := range g.bs {
		s += " minus " + cellName(b)
	}
	return s
}

func cellName(c cellKey) string {
	return fmt.Sprintf("[%s 시도=%s 업종=%s 규모=%s]", c.Wave, cmp.Or(c.Region, "*"), cmp.Or(c.Industry, "*"), cmp.Or(c.Size, "*"))
}

func show(attr string, a answer) string {
	switch kindOf(attr) {
	case kindBool:
		return fmt.Sprint(a.yes)
	case kindClass:
		return a.class
	}
	return fmt.Sprintf("%.6g", a.mag)
}

// table renders the results as Markdown, for the log and the docs.
func table(rs []*result, direct directResult) string {
	var b strings.Builder
	b.WriteString("| attack | attribute | guesses | one-firm targets | firms recovered | attacker right | baseline right | p (attacker > baseline) | magnitudes within ±1 %: guesses / firms twice |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(&b, "| small cells (1–4 firms) | any value, JSON or CSV | %d | %d | – | – | – | – | cells published: %d (in CSV: %d) |\n",
		direct.cells, direct.cells, direct.published, direct.publishedCSV)
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %s | %s | %.3g | %d / %d |\n", r.attack, r.attr, r.targets, r.single,
			len(r.recovered), pct(r.right, r.single), pct(r.baseRight, r.single), r.pValue(), r.exact, r.corroborated())
	}
	b.WriteString("\nA firm is recovered when a guess about it is right where the baseline (majority class, most " +
		"common value, median) is wrong, or a magnitude is within ±1 %; p is the one-sided exact sign test over the " +
		"targets where exactly one of the two is right, and a line fails below 0.05 ÷ the lines tested (Bonferroni). " +
		"A magnitude fails when two guesses put the same firm within ±1 %. A median's targets are its cells " +
		"of fewer than ten firms.\n")
	return b.String()
}

func pct(k, n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", 100*float64(k)/float64(n))
}
