package importers

import (
	"math/big"
	"strconv"
	"strings"
)

// Values as Excel stores and shows them: its error values, its float
// noise, and the numbers a CSV holds as Excel showed them or an xlsx as a
// number format scales them.

// excelErrors are the error values a formula cell shows, as excelize
// hands over a t="e" cell and as Excel writes them into CSV. Taken as text
// they would become a firm named "#N/A" or an empty optional field.
var excelErrors = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true, "#N/A": true,
	"#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true, "#CONNECT!": true,
	"#BUSY!": true, "#UNKNOWN!": true, "#PYTHON!": true,
}

// isErrorValue reports a cell holding one of Excel's error values.
func isErrorValue(s string) bool {
	return len(s) > 0 && s[0] == '#' && excelErrors[s]
}

// excelPrecision rounds a decimal of more than 15 significant digits to
// 15, the precision Excel computes and shows with: a formula such as
// =0.1*250 is stored as 25.000000000000004 in a cell that shows 25. ok is
// false when s has 15 digits or fewer, which are as the user typed them.
func excelPrecision(s string) (*big.Rat, bool) {
	mant, _, _ := strings.Cut(strings.ToLower(s), "e")
	sig := 0
	for i := 0; i < len(mant); i++ {
		if isDigit(mant[i]) && (sig > 0 || mant[i] != '0') {
			sig++
		}
	}
	if sig <= 15 {
		return nil, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return parseDecimal(strconv.FormatFloat(f, 'g', 15, 64))
}

// displayRounded reports a number in E notation ("1.23457E+11"): in a CSV
// that Excel saved, the General format's way of fitting 12 or more digits
// into a column, keeping six of them. The rest are lost.
func displayRounded(raw string) bool {
	if !strings.ContainsAny(raw, "eE") {
		return false
	}
	_, ok := parseDecimal(numberText(raw))
	return ok
}

// scaleDecimal turns a stored number into the one its cell shows, 10^exp
// times it (0.35 under a percent format is 35; 30000000 under "#,##0," is
// 30000), exactly, after dropping Excel's float noise (7% from =7/100 is
// stored as 7.0000000000000007E-2). Anything but a plain decimal is left
// as it is, for the field's parser to judge.
func scaleDecimal(raw string, exp int) string {
	r, ok := parseDecimal(raw)
	if !ok {
		return raw
	}
	if x, ok := excelPrecision(raw); ok {
		r = x
	}
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(exp, -exp))), nil))
	if exp >= 0 {
		r.Mul(r, p)
	} else {
		r.Quo(r, p)
	}
	// The decimals of raw (its exponent is at most two digits), shifted.
	s := r.FloatString(len(raw) + 99 + max(exp, -exp))
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// formulaText unwraps ="0123", the formula that exporters write into CSV
// cells so that Excel keeps leading zeros and dashes: Excel shows the text
// inside, and so is it read. Anything else is returned as it is.
func formulaText(raw string) string {
	if len(raw) < 3 || raw[0] != '=' || raw[1] != '"' || raw[len(raw)-1] != '"' {
		return raw
	}
	inner := raw[2 : len(raw)-1]
	if strings.Count(inner, `"`) != 2*strings.Count(inner, `""`) { // a lone quote: more than one string
		return raw
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}
