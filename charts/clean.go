package charts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fnMarker is go-echarts' function marker. Rendered through go-echarts'
// templates, a label holding it would turn into live JavaScript; we render
// options ourselves, but strip it anyway so no consumer of the options can
// be tricked (design §5).
const fnMarker = "__f__"

// Clean makes an imported string safe to place in chart options and tables:
// invalid UTF-8 replaced, control characters dropped, function markers
// removed (repeatedly, since removing one can join the halves of another).
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	for strings.Contains(s, fnMarker) {
		s = strings.ReplaceAll(s, fnMarker, "")
	}
	return s
}
