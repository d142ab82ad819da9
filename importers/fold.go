package importers

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"axdash/configs"
)

// leadingNote is a bracketed tag or a question number in front of a
// folded header: "[필수]기업명", "(1)기업명", "q3.ai도입단계", "1.기업명".
var leadingNote = regexp.MustCompile(`^(?:[(\[【〔「][^)\]】〕」]*[)\]】〕」]|q?\d{1,3}[.)\-:]|[*※]+)(.+)$`)

// headerKeys lists the keys to try, most literal first, for a header text:
// the whole folded text (so that the alias 기업명(상호) matches as written),
// then without a trailing annotation, then without leading tags or numbers.
// It also returns the trailing annotation, which may carry a unit.
func headerKeys(text string) (keys []string, note string) {
	f := strings.Trim(configs.Fold(text), "*※")
	keys = append(keys, f)
	base, note, ok := configs.SplitNote(f)
	if ok {
		keys = append(keys, base)
	}
	for _, k := range []string{f, base} {
		if m := leadingNote.FindStringSubmatch(k); m != nil {
			keys = append(keys, m[1])
			if b, n, ok := configs.SplitNote(m[1]); ok {
				keys = append(keys, b)
				if note == "" {
					note = n
				}
			}
		}
	}
	return keys, note
}

// truncateRunes cuts s to at most n runes, marking the cut with an ellipsis,
// so that issue values stay readable and small.
func truncateRunes(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + "…"
		}
		count++
	}
	return s
}

// isBlank reports whether every cell is empty after trimming.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if !blankCell(c) {
			return false
		}
	}
	return true
}

// blankCell is strings.TrimSpace(c) == "" without trimming: it stops at
// the first character that is not a space, which is almost always the
// first.
func blankCell(c string) bool {
	for i := 0; i < len(c); {
		if b := c[i]; b < utf8.RuneSelf {
			if asciiSpace(b) {
				i++
				continue
			}
			return false
		}
		r, w := utf8.DecodeRuneInString(c[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += w
	}
	return true
}

func asciiSpace(b byte) bool { return b == ' ' || (b >= '\t' && b <= '\r') }

// trimTrailing drops empty cells at the end of a row; styled but empty cells
// far to the right must not count against the column limit.
func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && blankCell(cells[n-1]) {
		n--
	}
	return cells[:n]
}
