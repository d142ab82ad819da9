package importers

import (
	"math"
	"math/big"
	"math/bits"
	"regexp"
	"strings"
)

// Money is stored in 원. Its unit comes from the cell ("3,000만원", "1.2억",
// "₩12,000,000") or else from the header ("(백만원)"); a bare number with no
// unit anywhere is refused rather than guessed (design §3).

// moneyUnits are the unit words a header annotation may carry.
var moneyUnits = map[string]int64{
	"원": 1, "krw": 1, "₩": 1,
	"천원": 1e3, "만원": 1e4, "십만원": 1e5, "백만원": 1e6, "천만원": 1e7, "억원": 1e8, "십억원": 1e9,
	"천": 1e3, "만": 1e4, "십만": 1e5, "백만": 1e6, "천만": 1e7, "억": 1e8, "십억": 1e9,
}

// otherUnits are header annotations that are units, but not of money.
var otherUnits = map[string]bool{"명": true, "인": true, "개": true, "%": true, "퍼센트": true, "개사": true, "건": true}

// Korean numerals group by 만: small units (십, 백, 천) build a number
// below 만, which a big unit (만, 억, 조) then multiplies, so "1천2백만" is
// 1,200만 and "1억 2천만" is 1억 + 2,000만.
var (
	smallUnits = map[string]int64{"": 1, "십": 10, "백": 100, "천": 1000}
	bigUnits   = map[string]int64{"": 1, "만": 1e4, "억": 1e8, "조": 1e12}
)

var (
	koreanAmount = regexp.MustCompile(`^(?:\d+(?:\.\d+)?(?:십|백|천)?(?:만|억|조)?)+$`)
	amountGroup  = regexp.MustCompile(`(\d+(?:\.\d+)?)(십|백|천)?(만|억|조)?`)
)

// unitNote reads a folded header annotation such as "백만원" or "단위:천원".
// money is the multiplier for a money unit (0 when it is not one); other is
// true for a known non-money unit such as 명 or %.
func unitNote(note string) (money int64, other bool) {
	note = strings.TrimPrefix(note, "단위")
	note = strings.TrimLeft(note, ":=")
	if m, ok := moneyUnits[note]; ok {
		return m, false
	}
	return 0, otherUnits[note]
}

// parseMoney reads a money cell into 원. headerUnit is the multiplier the
// column's header declared, or 0.
func parseMoney(raw string, headerUnit int64) (int64, *problem) {
	if won, ok := plainMoney(raw, headerUnit); ok {
		return won, nil
	}
	return parseMoneyText(raw, headerUnit)
}

// parseMoneyText is parseMoney for every form of cell.
func parseMoneyText(raw string, headerUnit int64) (int64, *problem) {
	s := strings.ToLower(numberText(raw))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	explicit := false
	for _, p := range []string{"₩", "\\", "krw"} {
		if strings.HasPrefix(s, p) {
			s, explicit = strings.TrimPrefix(s, p), true
		}
	}
	for _, p := range []string{"원", "krw"} {
		if strings.HasSuffix(s, p) {
			s, explicit = strings.TrimSuffix(s, p), true
		}
	}
	if !neg && strings.HasPrefix(s, "-") { // "₩-5,000"
		neg, s = true, s[1:]
	}
	if s == "" && neg && explicit { // " ₩ - ", how the accounting format (회계) shows zero
		return 0, nil
	}
	amount, unitInCell, ok := koreanSum(s)
	if !ok {
		return 0, errorf("invalid", "금액으로 읽을 수 없습니다: %q", truncateRunes(raw, 40))
	}
	if !unitInCell {
		switch {
		case explicit:
		case headerUnit > 0:
			amount.Mul(amount, new(big.Rat).SetInt64(headerUnit))
		case amount.Sign() != 0:
			return 0, errorf("no_unit", "금액의 단위를 알 수 없습니다: %q. 머리글에 (원)·(천원)·(백만원) 같은 단위를 적거나 "+
				"값에 단위를 붙여 주세요 (예: 3,000만원).", truncateRunes(raw, 40))
		}
	}
	if neg && amount.Sign() != 0 {
		return 0, errorf("negative", "금액은 0 이상이어야 합니다: %s", truncateRunes(raw, 40))
	}
	won, ok := roundInt64(amount)
	if !ok {
		return 0, errorf("too_large", "금액이 너무 큽니다: %s", truncateRunes(raw, 40))
	}
	return won, nil
}

// plainMoney is parseMoney's common case without big numbers: a plain
// decimal ("137.52", as Excel stores numbers) in a column whose header
// gives the unit. It rounds half up like roundInt64; ok is false for any
// other cell, and for a result that does not fit, which the general path
// then explains.
func plainMoney(raw string, headerUnit int64) (int64, bool) {
	if headerUnit <= 0 || len(raw) == 0 || len(raw) > 19 || !isDigit(raw[0]) {
		return 0, false
	}
	var mant, scale uint64 = 0, 1
	dot := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case isDigit(c):
			mant = mant*10 + uint64(c-'0')
			if dot {
				scale *= 10
			}
		case c == '.' && !dot && i+1 < len(raw):
			dot = true
		default:
			return 0, false
		}
	}
	hi, lo := bits.Mul64(mant, uint64(headerUnit))
	if hi >= scale {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, scale)
	if r >= scale-r { // r ≥ scale/2 without overflow
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	return int64(q), true
}

// koreanSum adds up an amount written with Korean unit words ("1억2천만"
// → 120,000,000). unitInCell is false for a bare number, whose unit must
// come from elsewhere. Big units must come in falling order.
func koreanSum(s string) (sum *big.Rat, unitInCell, ok bool) {
	if r, ok := parseDecimal(s); ok {
		return r, false, true
	}
	if len(s) > 64 || !koreanAmount.MatchString(s) {
		return nil, false, false
	}
	sum, section := new(big.Rat), new(big.Rat)
	lastBig := int64(math.MaxInt64)
	for _, m := range amountGroup.FindAllStringSubmatch(s, -1) {
		n, ok := new(big.Rat).SetString(m[1])
		if !ok {
			return nil, false, false
		}
		section.Add(section, n.Mul(n, new(big.Rat).SetInt64(smallUnits[m[2]])))
		if m[3] == "" {
			continue
		}
		if bigUnits[m[3]] >= lastBig {
			return nil, false, false
		}
		lastBig = bigUnits[m[3]]
		sum.Add(sum, section.Mul(section, new(big.Rat).SetInt64(lastBig)))
		section = new(big.Rat)
	}
	unitInCell = lastBig != math.MaxInt64 || strings.ContainsAny(s, "십백천")
	return sum.Add(sum, section), unitInCell, unitInCell
}

// roundInt64 rounds half away from zero and reports whether the result fits.
func roundInt64(r *big.Rat) (int64, bool) {
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Sign() != 0 && new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(int64(num.Sign())))
	}
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}
