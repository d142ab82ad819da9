package configs

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// foldInputs are texts of every kind Fold's shortcuts must tell apart:
// hand-picked edge cases and random mixes of the risky pieces.
func foldInputs() []string {
	in := []string{"", " ", "\t", "\u00A0", "\u3000", "서울 강남구", "서울\u200B", "ｆｕｌｌ", "Ａ", "ᄒᆞᆫ", "한\u0301", "가\u11A8",
		"ㆍ", "a·b", "a・b", "\xff", "a\xffb(c)", "\u202Eevil", "x\u2028y", "Ǆ", "İ", "ß", "ﬁ", "①", "㈜", "【필수】기업명",
		"Gyeonggi-do", "NORTH Jeolla", "경 상 남 도", "２６", "\x7f", "A\x01"}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"0", "1", "5", ".", "-", " ", ",", "가", "힣", "A", "z", "(", ")", "【", "】", "\u200B", "\u1100", "\u1161",
		"·", "ㆍ", "\u00A0", "E", "_", "\u0301", "Ａ"}
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in = append(in, b.String())
	}
	return in
}

// foldSlow is Fold without its shortcuts for ASCII and for text that is
// folded already.
func foldSlow(s string) string {
	for range 3 {
		s = foldPass(s)
		if norm.NFKC.IsNormalString(s) {
			break
		}
	}
	return s
}

func TestFoldShortcut(t *testing.T) {
	for _, s := range foldInputs() {
		got, want := Fold(s), foldSlow(s)
		if got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if Fold(got) != got {
			t.Errorf("Fold(%q) = %q is not stable", s, got)
		}
	}
}
