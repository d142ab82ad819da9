package configs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The one folding rule of axdash: survey headers, code answers and every
// spelling of a region (the importer's region column, the web filters, the
// CLI's --region and the boundary map's feature names) are compared after
// Fold, so that a spelling accepted in one place is accepted in all.

// Fold turns a header, code or region text into a matching key. Workbooks typed on
// Korean systems mix full-width and half-width forms, odd spaces and several
// middle-dot characters, so all of them must compare equal: NFKC (full-width
// ASCII becomes ASCII, ① becomes 1), every middle-dot variant becomes '·',
// whitespace and invisible format characters go, and letters are lower-cased.
func Fold(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7F }) {
		return foldASCII(s)
	}
	if folded(s) {
		return s
	}
	// Dropping a space or a format character can leave neighbours that
	// compose ("ᄀ ᅡ" → "가", "A ¨" → "ä"); passes repeat until the key is
	// normal, so that Fold is stable and a config key meets the same text
	// in a sheet however it was spaced. Two passes suffice in practice.
	for range 3 {
		s = foldPass(s)
		if norm.NFKC.IsNormalString(s) {
			break
		}
	}
	return s
}

// foldPass is one round of Fold's normalisation.
func foldPass(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), unicode.IsControl(r):
			continue
		case IsMiddleDot(r):
			r = '·'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// folded reports text that Fold would return unchanged: valid UTF-8, NFKC
// already, with nothing to drop, lower-case or unify. Most Korean cells are
// such, and this check costs one pass without allocating.
func folded(s string) bool {
	common := true // only ASCII and Hangul syllables: NFKC already
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		switch {
		case r < utf8.RuneSelf && r > ' ' && r != 0x7F && (r < 'A' || r > 'Z'):
		case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables: composed, caseless
		case r == utf8.RuneError && w == 1:
			return false
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), unicode.IsControl(r), IsMiddleDot(r) && r != '·',
			unicode.ToLower(r) != r:
			return false
		default:
			common = false
		}
	}
	return common || norm.NFKC.IsNormalString(s)
}

// foldASCII is Fold for printable ASCII, which NFKC leaves alone: codes
// and English names, folded without allocating when already folded.
func foldASCII(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == ' ' || (r >= 'A' && r <= 'Z') }) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// IsMiddleDot reports the characters Korean documents use as a middle dot:
// the Latin one, the Hangul araea (ㆍ, which NFKC turns into U+119E), the
// katakana one and a few operators that look the same.
func IsMiddleDot(r rune) bool {
	switch r {
	case '\u00B7', '\u318D', '\u119E', '\u2027', '\u30FB', '\uFF65', '\u2219', '\u22C5', '\u2022':
		return true
	}
	return false
}

// Loose drops the punctuation that people add or leave out between words of
// the same header or code ("시·도", "시/도", "시도"). It is a second try after
// the exact folded key, so that real punctuation in aliases still wins.
func Loose(folded string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '·', '/', '.', ',', '-', '_', ':', '\'', '"', '*', '※':
			return -1
		}
		return r
	}, folded)
}

// Brackets of a trailing annotation: it opens with one of noteOpen, ends
// with one of noteClose and holds no bracket of either kind.
const (
	noteOpen  = "([{<【〔「"
	noteClose = ")]}>】〕」"
)

// SplitNote splits a folded header into its base and a trailing bracketed
// annotation, such as a unit like (백만원), (명), (%) or a hint like (A~U);
// ok is false when there is none. The base is not empty and has no line
// break. It runs on the first cell of every row (skip.go), hence no regexp.
func SplitNote(folded string) (base, note string, ok bool) {
	last, w := utf8.DecodeLastRuneInString(folded)
	if w == 0 || !strings.ContainsRune(noteClose, last) {
		return folded, "", false
	}
	inner := folded[:len(folded)-w]
	i := strings.LastIndexFunc(inner, func(r rune) bool {
		return strings.ContainsRune(noteOpen, r) || strings.ContainsRune(noteClose, r)
	})
	if i <= 0 {
		return folded, "", false
	}
	open, ow := utf8.DecodeRuneInString(inner[i:])
	if !strings.ContainsRune(noteOpen, open) || strings.Contains(inner[:i], "\n") {
		return folded, "", false
	}
	return inner[:i], inner[i+ow:], true
}
