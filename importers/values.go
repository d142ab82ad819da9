package importers

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"axdash/app/model"
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

// decimalShape is a plain decimal number with at most a two-digit exponent.
var decimalShape = regexp.MustCompile(`^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,2})?$`)

// maxCount bounds integer fields well above any real firm, so that a typo
// or a crafted value cannot overflow the int columns of the store.
const maxCount = math.MaxInt32

// isEmpty reports a cell with nothing in it. A lone dash is how Korean
// tables write "none", so it counts as empty too.
func isEmpty(s string) bool {
	if s = strings.TrimSpace(s); len(s) > 8 {
		return false
	}
	switch strings.TrimSpace(norm.NFKC.String(s)) {
	case "", "-", "–", "—", "―":
		return true
	}
	return false
}

// numberText folds a numeric cell: full-width digits, spaces and thousands
// separators go; Korean accounting's △/▲ and (…) become a minus sign.
func numberText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == ',' {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
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
	if len(s) > 64 || !decimalShape.MatchString(s) {
		return nil, false
	}
	return new(big.Rat).SetString(strings.ToLower(s))
}

// parseInteger reads a count such as 종업원수: "1,234", "12명", "12.0".
func parseInteger(raw string) (int, *problem) {
	s := strings.TrimRight(numberText(raw), "명인개")
	r, ok := parseDecimal(s)
	if !ok {
		return 0, errorf("invalid", "숫자가 아닙니다: %q", truncateRunes(raw, 40))
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

// parseFloat reads a finite number, for percents and weights.
func parseFloat(s string) (float64, bool) {
	r, ok := parseDecimal(s)
	if !ok {
		return 0, false
	}
	f, _ := r.Float64()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// parsePercent reads "12.5" or "12.5%". A fraction stored under a percent
// number format (0.125 shown as 12.5%) cannot be told apart from a raw
// 0.125 without reading the cell's style, which would load the whole sheet,
// so the number is taken as written.
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
	if b, ok := boolWords[fold(raw)]; ok {
		return b, nil
	}
	return false, errorf("invalid", "예/아니오 값이 아닙니다: %q (Y/N, O/X, 예/아니오, 1/0을 쓰세요)", truncateRunes(raw, 40))
}

// parseBusinessNo reads a 사업자등록번호: ten digits, dashes and spaces
// allowed, with a valid check digit.
func parseBusinessNo(raw string) (string, *problem) {
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return r
	}, norm.NFKC.String(raw))
	if len(s) != 10 || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return "", errorf("format", "사업자등록번호는 숫자 10자리여야 합니다: %q", truncateRunes(raw, 40))
	}
	if !model.BusinessNoValid(s) {
		return "", errorf("checksum", "사업자등록번호의 검증 숫자가 맞지 않습니다: %s", raw)
	}
	return s, nil
}

// cleanText prepares free text for storage and display: NFC (files saved on
// a Mac may carry decomposed Hangul), no control or invisible format
// characters (bidi overrides can disguise a name), no go-echarts function
// marker __f__ (design §5), trimmed. keepNewlines is for long notes.
func cleanText(raw string, keepNewlines bool) (string, *problem) {
	if !utf8.ValidString(raw) {
		return "", errorf("invalid_utf8", "글자 인코딩이 올바르지 않은 값입니다.")
	}
	s := strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && keepNewlines:
			return r
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, norm.NFC.String(raw))
	for strings.Contains(s, "__f__") {
		s = strings.ReplaceAll(s, "__f__", "")
	}
	return strings.TrimSpace(s), nil
}
