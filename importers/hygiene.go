package importers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Imported text reaches HTML pages, chart options and exports, so it is
// cleaned once on the way in: NFC (files saved on a Mac carry decomposed
// Hangul, which would not match or sort with the same name typed on
// Windows), no control characters, no bidi overrides, embeddings, isolates
// or marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, which can make a
// name display as something else), no other invisible format characters,
// and no go-echarts function marker __f__ (design §5).

// cleanText prepares free text for storage and display, trimmed.
// keepNewlines is for long notes; otherwise line breaks become spaces.
// Invalid UTF-8 is an error: guessing at it would store garbage.
//
// Leading tabs and carriage returns are kept as typed, like a leading =, +,
// - or @: they are how a spreadsheet payload hides from a naive check, the
// database keeps what the analyst sent, and every export neutralises them
// (charts.NeutraliseFormula); pages escape them like any text (issue 4).
func cleanText(raw string, keepNewlines bool) (string, *problem) {
	if !utf8.ValidString(raw) {
		return "", errorf("invalid_utf8", "글자 인코딩이 올바르지 않은 값입니다.")
	}
	rest := strings.TrimLeft(raw, "\t\r")
	text := scrub(rest, keepNewlines)
	if text == "" {
		return "", nil
	}
	return raw[:len(raw)-len(rest)] + text, nil
}

// cleanLabel cleans text that is shown but not stored as data: headers,
// sheet names, issue values. Invalid UTF-8 becomes U+FFFD instead of an
// error, since the label must be shown whatever it holds.
func cleanLabel(s string) string {
	if isPlainASCII(s) {
		return s
	}
	return scrub(strings.ToValidUTF8(s, "\uFFFD"), true)
}

// scrub does the cleaning for valid UTF-8. Characters are dropped before
// the NFC pass, so that a dropped character between a Hangul lead and its
// vowel still lets them compose; the marker is removed until none is left,
// since removing one can join the halves of another ("_" + "_f__" …).
func scrub(s string, keepNewlines bool) string {
	if plainText(s) && !strings.Contains(s, "__f__") {
		return strings.TrimSpace(s)
	}
	return scrubAll(s, keepNewlines)
}

// scrubAll is scrub's cleaning of every character.
func scrubAll(s string, keepNewlines bool) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && keepNewlines:
			return r
		case r == '\t' || r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), isBidiControl(r):
			return -1
		}
		return r
	}, s)
	for strings.Contains(s, "__f__") {
		s = strings.ReplaceAll(s, "__f__", "")
	}
	return strings.TrimSpace(norm.NFC.String(s))
}

// isBidiControl lists the bidirectional controls by name; all are also in
// Unicode's Cf category, but the list is what a reviewer checks against.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') ||
		r == '\u200E' || r == '\u200F' || r == '\u061C'
}

// plainText reports text that needs no cleaning but trimming: printable
// ASCII and composed Hangul syllables, which is what most Korean cells hold
// (and is NFC already: nothing in it composes).
func plainText(s string) bool {
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b < 0x20 || b == 0x7F {
				return false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r < 0xAC00 || r > 0xD7A3 {
			return false
		}
		i += w
	}
	return true
}

// isPlainASCII reports printable ASCII only: the common case of codes and
// numbers, which needs no cleaning at all.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			return false
		}
	}
	return true
}
