package demo

import (
	"fmt"
	"math"
	"strings"

	"axdash/app/model"
)

// Cost priors (원). The log-normal has its median at costMedian for a
// 10–49 person adopter and its mode at costMedian·e^(−σ²) ≈ ₩11 M, matching
// the note's "₩5 M to ₩300 M, mode near ₩10–50 M": small projects near the
// 상생형 small-firm track (≤₩20 M), large ones near the voucher cap (₩300 M).
const (
	costMedian = 2.5e7
	costSigma  = 0.9
	costMin    = 5e6
	costMax    = 3e8
)

// Talent and support priors. staffFillRate leaves about 12.5% of the AI
// headcount firms need unfilled (SPRi 2023: 8,579 short of ~60,000;
// about 10–11% per job type in 2020).
const (
	staffFillRate   = 0.875
	govSupportShare = 0.45 // share of spending firms that received any support
	govMinFraction  = 0.2
	govMaxFraction  = 0.8 // SMEs pay at least 20% of a voucher project
)

// piloting reports whether a stage uses AI at all (pilot or beyond).
func piloting(stage string) bool { return stage == "시범도입" || model.Adopted(stage) }

// cost is the total spent on AI: every adopter, most pilots and a few firms
// still considering (a paid consultation or PoC) report a cost.
func (g *gen) cost(stage string, size *sizePrior) int64 {
	scale := 0.0
	switch stage {
	case "확산":
		scale = 1.5
	case "도입":
		scale = 1
	case "시범도입":
		if g.r.Float64() < 0.85 {
			scale = 0.5
		}
	case "검토":
		if g.r.Float64() < 0.08 {
			scale = 0.3
		}
	}
	if scale == 0 {
		return 0
	}
	c := costMedian * scale * size.costScale * math.Exp(costSigma*g.r.NormFloat64())
	return roundTo(min(max(c, costMin), costMax), 1e4)
}

// govSupport is the part of the cost paid by vouchers or grants: often none,
// otherwise 20–80%, rounded down to 만원 so it never exceeds the cost.
func (g *gen) govSupport(cost int64) int64 {
	if cost == 0 || g.r.Float64() >= govSupportShare {
		return 0
	}
	f := govMinFraction + (govMaxFraction-govMinFraction)*g.r.Float64()
	return min(int64(math.Floor(f*float64(cost)/1e4))*1e4, cost)
}

// staff returns the AI headcount a piloting or adopting firm needs and has.
// Each needed post is filled with staffFillRate; a few firms have one more
// person than they plan for, which the shortage (floored at 0) ignores.
func (g *gen) staff(stage string, size *sizePrior) (needed, current int) {
	if !piloting(stage) {
		return 0, 0
	}
	needed = size.staffMin + g.r.IntN(size.staffMax-size.staffMin+1)
	if stage == "확산" {
		needed += needed / 2
	}
	for k := 0; k < needed; k++ {
		if g.r.Float64() < staffFillRate {
			current++
		}
	}
	if g.r.Float64() < 0.05 {
		current++
	}
	return needed, current
}

// sample draws k distinct indices with probability proportional to w and
// returns them in table order, the order survey.yaml lists the codes in.
func (g *gen) sample(n, k int, w func(int) float64) []int {
	chosen := make([]bool, n)
	for j := 0; j < min(k, n); j++ {
		i := g.pick(n, func(i int) float64 {
			if chosen[i] {
				return 0
			}
			return w(i)
		})
		chosen[i] = true
	}
	var out []int
	for i, c := range chosen {
		if c {
			out = append(out, i)
		}
	}
	return out
}

// useAreas are the areas where a piloting or adopting firm uses AI; a
// manufacturer leans to the production floor, others to office and customers.
func (g *gen) useAreas(stage string, mfg bool) []string {
	if !piloting(stage) {
		return nil
	}
	k := 1 + g.r.IntN(3)
	if stage == "확산" {
		k++
	}
	idx := g.sample(len(useAreaPriors), k, func(i int) float64 {
		if mfg {
			return useAreaPriors[i].mfg
		}
		return useAreaPriors[i].svc
	})
	out := make([]string, len(idx))
	for j, i := range idx {
		out[j] = useAreaPriors[i].code
	}
	return out
}

// barriers: firms without AI name one to three; adopters name up to two
// (the difficulties they met), and some none.
func (g *gen) barriers(stage string) []string {
	k := 1 + g.r.IntN(3)
	if model.Adopted(stage) {
		k = g.r.IntN(3)
	}
	idx := g.sample(len(barrierPriors), k, func(i int) float64 { return barrierPriors[i].weight })
	out := make([]string, len(idx))
	for j, i := range idx {
		out[j] = barrierPriors[i].code
	}
	return out
}

// productivity is the reported gain in percent, for adopters only; firms
// that scaled AI out report more.
func (g *gen) productivity(stage string) float64 {
	if !model.Adopted(stage) {
		return 0
	}
	p := 12 + 7*g.r.NormFloat64()
	if stage == "확산" {
		p += 5
	}
	return math.Round(min(max(p, 0.5), 60)*10) / 10
}

// exemplar flags about 7–8% of adopters (more among 확산) and writes a note
// such as "비전검사 도입으로 불량률 32% 감소, AI 바우처 지원사업 활용".
func (g *gen) exemplar(stage string, areas []string, mfg bool) (bool, string) {
	p := 0.05
	if stage == "확산" {
		p = 0.14
	}
	if !model.Adopted(stage) || g.r.Float64() >= p {
		return false, ""
	}
	out := outcome{"AI", "업무 처리시간 <"}
	if len(areas) > 0 {
		a := areas[g.r.IntN(len(areas))]
		for _, u := range useAreaPriors {
			if u.code == a {
				out = u.outcomes[g.r.IntN(len(u.outcomes))]
			}
		}
	}
	pct := 10 + g.r.IntN(46)
	name, verb := outcomeVerb(out.metric)
	tails := len(noteTails)
	if mfg {
		tails += len(mfgTails)
	}
	var tail string
	if k := g.r.IntN(tails); k < len(noteTails) {
		tail = noteTails[k]
	} else {
		tail = mfgTails[k-len(noteTails)]
	}
	return true, fmt.Sprintf("%s 도입으로 %s %d%% %s%s", out.tech, name, pct, verb, tail)
}

// outcomeVerb splits a metric such as "불량률 -" at its last space into the
// name and the verb its mark stands for: "-" 감소, "+" 증가, "^" 향상, "<" 단축.
func outcomeVerb(metric string) (name, verb string) {
	i := strings.LastIndexByte(metric, ' ')
	name, mark := metric[:max(i, 0)], metric[i+1:]
	switch mark {
	case "+":
		return name, "증가"
	case "^":
		return name, "향상"
	case "<":
		return name, "단축"
	default:
		return name, "감소"
	}
}
