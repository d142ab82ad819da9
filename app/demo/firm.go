package demo

import (
	"fmt"
	"math"
	"time"

	"axdash/app/model"
)

// pick returns an index drawn with probability proportional to w(i).
func (g *gen) pick(n int, w func(int) float64) int {
	total := 0.0
	for i := 0; i < n; i++ {
		total += w(i)
	}
	u := g.r.Float64() * total
	for i := 0; i < n; i++ {
		if u -= w(i); u < 0 {
			return i
		}
	}
	return n - 1 // rounding left u at ~0
}

func (g *gen) pickRegion() int {
	return g.pick(len(regionPriors), func(i int) float64 { return regionPriors[i].share })
}

func (g *gen) pickIndustry() int {
	return g.pick(len(industryPriors), func(i int) float64 { return industryPriors[i].share })
}

func (g *gen) pickSize() int {
	return g.pick(len(sizePriors), func(i int) float64 { return sizePriors[i].share })
}

// logUniformInt draws from [lo, hi] with more mass at the small end, as firm
// sizes are within each band.
func (g *gen) logUniformInt(lo, hi int) int {
	x := math.Exp(math.Log(float64(lo)) + g.r.Float64()*(math.Log(float64(hi+1))-math.Log(float64(lo))))
	return min(max(int(x), lo), hi)
}

// roundTo rounds x to a multiple of unit (원 amounts to 만원 and the like).
func roundTo(x float64, unit int64) int64 {
	return int64(math.Round(x/float64(unit))) * unit
}

// revenue is headcount times the industry's revenue per employee with a
// log-normal spread, rounded to 만원 so that 백만원 cells keep two decimals.
func (g *gen) revenue(employees int, perEmp float64) int64 {
	v := float64(employees) * perEmp * math.Exp(0.6*g.r.NormFloat64())
	return max(roundTo(v, 1e4), 1e7)
}

// firmName builds names such as "(주)한빛정밀", "대성테크" or "가온소프트 주식회사"
// from a stem and an ending that fits the industry. Repeats are fine: real
// SME names repeat too.
func (g *gen) firmName(ind *industryPrior, incorporated bool) string {
	base := namePrefixes[g.r.IntN(len(namePrefixes))] + ind.ending[g.r.IntN(len(ind.ending))]
	if !incorporated {
		return base
	}
	switch g.r.IntN(4) {
	case 0:
		return "주식회사 " + base
	case 1:
		return base + "(주)"
	default:
		return "(주)" + base
	}
}

// Business numbers are 3-digit tax office, 2-digit type, 4-digit serial and
// a check digit. Office and serial come from a seeded permutation of the
// row index over bizSpace, so no two rows of one workbook share a number
// (the importer would take them for one firm), neighbouring rows do not
// look sequential, and the same seed gives a firm the same number in every
// wave.
const (
	bizOffices = 699 // tax office codes 101–799
	bizSerials = 9999
	bizSpace   = bizOffices * bizSerials // 6,989,301 > maxRows
	bizBits    = 23                      // 2^23 > bizSpace
)

// businessNo returns the 10 digits for row index i (0 ≤ i < bizSpace).
func businessNo(seed int64, i int, incorporated bool, typeDraw int) string {
	key := mix64(uint64(seed) ^ 0x62697a6e6f) // "bizno"
	x := permuteBits(uint64(i), key)
	for x >= bizSpace { // cycle-walk back into the range: still a bijection
		x = permuteBits(x, key)
	}
	office, serial := 101+x/bizSerials, 1+x%bizSerials
	kind := 10 + typeDraw%60 // individuals: 10–69
	if incorporated {
		kind = [4]int{81, 86, 87, 88}[typeDraw%4] // corporations
	}
	nine := fmt.Sprintf("%03d%02d%04d", office, kind, serial)
	return nine + string(model.BusinessNoCheckDigit(nine))
}

// permuteBits is a keyed bijection on [0, 2^bizBits): xor with key bits, an
// odd multiplier and a xorshift are each invertible modulo a power of two.
func permuteBits(x, key uint64) uint64 {
	const mask = 1<<bizBits - 1
	for round := 0; round < 3; round++ {
		x ^= (key >> (round * 20)) & mask
		x = (x * 0x2c1b3d) & mask
		x ^= x >> 11
	}
	return x
}

// weight is the band's sampling weight with a ±15% jitter for the
// post-stratification a real survey would apply.
func (g *gen) weight(size *sizePrior) float64 {
	w := size.weight * (0.85 + 0.3*g.r.Float64())
	return math.Round(min(max(w, 0.5), 4)*1e4) / 1e4
}

// surveyDays lists the weekdays of June–September of a year, the usual
// field period of the 실태조사.
func surveyDays(year int) []time.Time {
	var days []time.Time
	end := time.Date(year, time.October, 1, 0, 0, 0, 0, time.UTC)
	for d := time.Date(year, time.June, 1, 0, 0, 0, 0, time.UTC); d.Before(end); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			days = append(days, d)
		}
	}
	return days
}

// surveyDate picks one of g.days with exactly one draw whatever the year
// (IntN may draw twice), so that a wave of another year keeps the rest of
// each firm's stream aligned.
func (g *gen) surveyDate() time.Time {
	return g.days[int(g.r.Float64()*float64(len(g.days)))]
}

// mix64 is SplitMix64's finaliser. It spreads the seed and the row index
// over both PCG words so that neighbouring rows get unrelated streams.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
