package importers

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"axdash/app/model"

	"axdash/configs"
)

// problem is what a normaliser found wrong with one cell. The row reader
// turns it into a model.Issue with the field key prefixed to code.
type problem struct {
	code string // the part after "<field>.", such as "not_integer"
	warn bool   // a warning keeps the row valid
	msg  string // Korean, for the analyst
}

func errorf(code, format string, args ...any) *problem {
	return &problem{code: code, msg: fmt.Sprintf(format, args...)}
}

func warnf(code, format string, args ...any) *problem {
	return &problem{code: code, warn: true, msg: fmt.Sprintf(format, args...)}
}

// maxCount bounds integer fields well above any real firm, so that a typo
// or a crafted value cannot overflow the int columns of the store.
const maxCount = math.MaxInt32

// isEmpty reports a cell with nothing in it. A lone dash is how Korean
// tables write "none", so it counts as empty too.
func isEmpty(s string) bool {
	if s = strings.TrimSpace(s); len(s) > 8 {
		return false
	}
	if !plainText(s) { // ASCII and Hangul syllables are NFKC already
		s = strings.TrimSpace(norm.NFKC.String(s))
	}
	switch s {
	case "", "-", "–", "—", "―":
		return true
	}
	return false
}

// numberText folds a numeric cell: full-width digits, spaces and thousands
// separators go; Korean accounting's △/▲ and (…) become a minus sign.
func numberText(s string) string {
	// NFKC leaves ASCII alone, and most cells are ASCII digits.
	if !isPlainASCII(s) {
		s = norm.NFKC.String(s)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		s = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == ',' {
				return -1
			}
			return r
		}, s)
	}
	switch {
	case strings.HasPrefix(s, "△"), strings.HasPrefix(s, "▲"):
		s = "-" + strings.TrimLeft(s[len("△"):], "-")
	case len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')':
		s = "-" + s[1:len(s)-1]
	}
	return s
}

// parseDecimal reads a decimal number exactly (no float rounding), such as
// "1234", "-12.5" or the raw "1.2E+7" Excel stores for large numbers.
func parseDecimal(s string) (*big.Rat, bool) {
	// The shape is checked first: big.Rat also takes fractions, hex and
	// exponents like 1e99999999, which would cost unbounded memory.
	if len(s) > 64 || !decimalShaped(s) {
		return nil, false
	}
	return new(big.Rat).SetString(strings.ToLower(s))
}

// decimalShaped reports a plain decimal number with at most a two-digit
// exponent: [+-]digits[.digits][e[+-]d{1,2}], with a digit somewhere before
// the exponent ("5.", ".5", "1.2E+7"). A hand-written check, since this runs
// for every numeric cell.
func decimalShaped(s string) bool {
	i, digits := 0, 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		n := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			n++
		}
		if n < 1 || n > 2 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// parseInteger reads a count such as 종업원수: "1,234", "12명", "12.0".
func parseInteger(raw string) (int, *problem) {
	if len(raw) <= 9 && allDigits(raw) { // the common case, without big.Rat
		n, _ := strconv.Atoi(raw)
		return n, nil
	}
	s := strings.TrimRight(numberText(raw), "명인개")
	r, ok := parseDecimal(s)
	if !ok {
		return 0, errorf("invalid", "숫자가 아닙니다: %q", truncateRunes(raw, 40))
	}
	if !r.IsInt() {
		if x, ok := excelPrecision(s); ok {
			r = x
		}
	}
	if r.Sign() < 0 {
		return 0, errorf("negative", "0 이상이어야 합니다: %s", raw)
	}
	if !r.IsInt() {
		return 0, errorf("not_integer", "정수여야 합니다: %s", raw)
	}
	if !r.Num().IsInt64() || r.Num().Int64() > maxCount {
		return 0, errorf("too_large", "값이 너무 큽니다: %s", raw)
	}
	return int(r.Num().Int64()), nil
}

// parseFloat reads a finite number, for percents and weights. Once the
// shape is checked, strconv rounds to the nearest float exactly as big.Rat
// would, without its allocations.
func parseFloat(s string) (float64, bool) {
	if len(s) > 64 || !decimalShaped(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// parsePercent reads "12.5" or "12.5%". A fraction stored under a percent
// number format (0.125 shown as 12.5%) reaches it already scaled: the
// sheet scan reads the cell's style (styles.go, scaleDecimal).
func parsePercent(raw string) (float64, *problem) {
	s := strings.TrimSuffix(numberText(raw), "%")
	s = strings.TrimSuffix(s, "퍼센트")
	f, ok := parseFloat(s)
	if !ok {
		return 0, errorf("invalid", "백분율(숫자)이 아닙니다: %q", truncateRunes(raw, 40))
	}
	return f, nil
}

// parseWeight reads a sampling weight; empty means 1.
func parseWeight(raw string) (float64, *problem) {
	if isEmpty(raw) {
		return 1, nil
	}
	f, ok := parseFloat(numberText(raw))
	if !ok {
		return 0, errorf("invalid", "가중치는 숫자여야 합니다: %q", truncateRunes(raw, 40))
	}
	if f <= 0 {
		return 0, errorf("not_positive", "가중치는 0보다 커야 합니다: %s", raw)
	}
	return f, nil
}

// boolWords are the spellings of yes and no seen in survey sheets.
var boolWords = map[string]bool{
	"y": true, "yes": true, "o": true, "예": true, "네": true, "1": true, "true": true, "여": true,
	"○": true, "●": true, "◯": true, "v": true, "✓": true, "✔": true, "해당": true, "우수": true,
	"n": false, "no": false, "x": false, "아니오": false, "아니요": false, "0": false, "false": false,
	"부": false, "×": false, "✗": false, "해당없음": false, "비해당": false,
}

// parseBool reads a yes/no cell; empty means false.
func parseBool(raw string) (bool, *problem) {
	if isEmpty(raw) {
		return false, nil
	}
	if b, ok := boolWords[configs.Fold(raw)]; ok {
		return b, nil
	}
	return false, errorf("invalid", "예/아니오 값이 아닙니다: %q (Y/N, O/X, 예/아니오, 1/0을 쓰세요)", truncateRunes(raw, 40))
}

// parseBusinessNo reads a 사업자등록번호: ten digits, dashes and spaces
// allowed, with a valid check digit.
func parseBusinessNo(raw string) (string, *problem) {
	s, ok := plainBusinessNo(raw)
	if !ok {
		s = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '-' {
				return -1
			}
			return r
		}, norm.NFKC.String(raw))
	}
	if len(s) != 10 || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return "", errorf("format", "사업자등록번호는 숫자 10자리여야 합니다: %q", truncateRunes(raw, 40))
	}
	if !model.BusinessNoValid(s) {
		return "", errorf("checksum", "사업자등록번호의 검증 숫자가 맞지 않습니다: %s", raw)
	}
	return s, nil
}

// plainBusinessNo is the common "123-45-67890" (or without dashes) read
// without NFKC: ten ASCII digits once dashes and spaces go. ok is false for
// anything else, which the general path reads.
func plainBusinessNo(raw string) (string, bool) {
	var b [10]byte
	n := 0
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '-' || c == ' ':
		case isDigit(c) && n < len(b):
			b[n] = c
			n++
		default:
			return "", false
		}
	}
	return string(b[:n]), n == len(b)
}
