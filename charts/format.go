package charts

import (
	"math"
	"strconv"
	"strings"
)

// number reports a cell's numeric value.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// round rounds f to places decimals; a value that rounds to zero is 0,
// never -0, so that no page or export shows "-0.0".
func round(f float64, places int) float64 {
	p := math.Pow(10, float64(places))
	r := math.Round(f*p) / p
	if r == 0 {
		return 0
	}
	return r
}

// DisplayLabel is a column's label as pages and exports show it: money in
// 백만원, other units in brackets.
func DisplayLabel(col Column) string {
	switch col.Unit {
	case "":
		return col.Label
	case "원":
		return col.Label + "(백만원)"
	default:
		return col.Label + "(" + col.Unit + ")"
	}
}

// Decimals is the published precision of a column's numbers: what pages
// show and CSV exports round to. Money (in 백만원) and rates keep one
// decimal, counts none.
func Decimals(col Column) int {
	switch col.Unit {
	case "원", "%":
		return 1
	default:
		return 0
	}
}

// Display formats a cell for a Korean reader: thousands separators, money in
// 백만원 with one decimal, percentages with one decimal; a suppressed cell is
// an empty string.
func Display(col Column, v any) string {
	if v == nil {
		return ""
	}
	f, ok := number(v)
	if !ok {
		if s, isStr := v.(string); isStr {
			if name, named := col.Names[s]; named {
				return name
			}
			return Clean(s)
		}
		return ""
	}
	if col.Unit == "원" {
		f /= 1e6
	}
	return grouped(f, Decimals(col))
}

// grouped formats f with the given decimals and thousands separators.
func grouped(f float64, decimals int) string {
	s := strconv.FormatFloat(round(f, decimals), 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// FormatValue formats a summary number with its unit for a Korean reader:
// "23.4%", "45.6백만원", "1,234개"; a suppressed value is "비공개".
func FormatValue(unit string, v any) string {
	f, ok := number(v)
	if !ok {
		return "비공개"
	}
	switch unit {
	case "원":
		return grouped(f/1e6, 1) + "백만원"
	case "%":
		return grouped(f, 1) + "%"
	default:
		return grouped(f, 0) + unit
	}
}

// FormatChange formats a change with its sign and unit ("+1.2%p",
// "−3.4%"); it is empty when there is nothing to compare.
func FormatChange(unit string, v any) string {
	f, ok := number(v)
	if !ok {
		return ""
	}
	f = round(f, 1)
	switch {
	case f > 0:
		return "+" + grouped(f, 1) + unit
	case f < 0:
		return "−" + grouped(-f, 1) + unit
	default:
		return "0.0" + unit
	}
}

// MaskBusinessNo shows a business number as 123-45-*****: enough to tell
// firms apart on a page, not enough to look one up.
func MaskBusinessNo(no string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, no)
	if len(digits) != 10 {
		return ""
	}
	return digits[:3] + "-" + digits[3:5] + "-*****"
}
