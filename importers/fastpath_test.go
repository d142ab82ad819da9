package importers

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"axdash/configs"
)

// The row pass has fast paths for the common cells; each must answer
// exactly as the general code it skips. These tests run both on the same
// inputs: hand-picked edge cases, the hostile strings, and random cells.

// fastPathInputs are cells of every kind the fast paths must tell apart.
func fastPathInputs() []string {
	in := []string{
		"", " ", "\t", "\u00A0", "\u3000", "-", "0", "00", "5.", ".5", "1.", "1.2.3", "137.52", "3,000", "1.2E+7",
		"46283", "46283.5", "20260701", "19991231", "2026070", "202607011", "999999", "1000000", "30000101",
		"269-87-92847", "2698792847", "269 87 92847", "269-87-9284", "269-87-928470", "２６９-87-92847",
		"한성호텔(주)", "(주)세진기술연구소", "기업명(상호)", "매출액(백만원)", "합계", "소계:", "Total", "total",
		"※ 주석", "가중치(", "(a~u)", "a(b)c", "(b)", "x(]", "x[)", "x(y(z)", "x(y)z)", "line\nbreak(x)",
		"서울 강남구", "서울\u200B", "ｆｕｌｌ", "Ａ", "ᄒᆞᆫ", "한\u0301", "가\u11A8", "ㆍ", "a·b", "a・b", "\xff", "a\xffb(c)",
		"__f__", "a__f__b", "한글__f__", "\u202Eevil", "x\u2028y", "Ǆ", "İ", "ß", "ﬁ", "①", "㈜", "【필수】기업명", "기업명【a】",
		"123456789012345678", "1234567890123456789", "99999999999999999.5", "0.0000000000000005", "9223372036854775807",
	}
	in = append(append(in, hostileNames...), formulaLike...)
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"0", "1", "5", "9", ".", "-", " ", ",", "가", "힣", "A", "z", "(", ")", "【", "】", "\u200B", "\u1100", "\u1161",
		"·", "ㆍ", "\u00A0", "e", "E", "+", "만", "원", "_", "f"}
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in = append(in, b.String())
	}
	for range 2000 {
		in = append(in, strconv.FormatUint(r.Uint64N(1e12), 10), strconv.FormatFloat(r.Float64()*1e6, 'f', r.IntN(6), 64))
	}
	return in
}

// trailingNotePattern is the pattern splitNote replaced; kept here as the
// reference its behaviour is checked against.
var trailingNotePattern = regexp.MustCompile(`^(.+?)[(\[{<【〔「]([^()\[\]{}<>【】〔〕「」]*)[)\]}>】〕」]$`)

func TestSplitNoteAsPattern(t *testing.T) {
	for _, s := range fastPathInputs() {
		for _, in := range []string{s, configs.Fold(s)} {
			base, note, ok := configs.SplitNote(in)
			m := trailingNotePattern.FindStringSubmatch(in)
			if ok != (m != nil) || (ok && (base != m[1] || note != m[2])) || (!ok && base != in) {
				t.Errorf("configs.SplitNote(%q) = %q, %q, %v; pattern says %q", in, base, note, ok, m)
			}
		}
	}
}

func TestBlankCellAsTrimSpace(t *testing.T) {
	for _, s := range fastPathInputs() {
		if got, want := blankCell(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("blankCell(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsEmptyShortcut(t *testing.T) {
	slow := func(s string) bool {
		if s = strings.TrimSpace(s); len(s) > 8 {
			return false
		}
		switch strings.TrimSpace(norm.NFKC.String(s)) {
		case "", "-", "–", "—", "―":
			return true
		}
		return false
	}
	for _, s := range append(fastPathInputs(), "－", "‐", "﹣", "북구", " ― ") {
		if got, want := isEmpty(s), slow(s); got != want {
			t.Errorf("isEmpty(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestScrubShortcut(t *testing.T) {
	for _, s := range fastPathInputs() {
		for _, keep := range []bool{false, true} {
			if got, want := scrub(s, keep), scrubAll(s, keep); got != want {
				t.Errorf("scrub(%q, %v) = %q, want %q", s, keep, got, want)
			}
		}
	}
}

func TestPlainMoneyAsGeneral(t *testing.T) {
	fast := 0
	for _, s := range fastPathInputs() {
		for _, unit := range []int64{0, 1, 1e3, 1e4, 1e6, 1e8, 1e9} {
			won, ok := plainMoney(s, unit)
			if !ok {
				continue
			}
			fast++
			want, p := parseMoneyText(s, unit)
			if p != nil || want != won {
				t.Errorf("plainMoney(%q, %d) = %d; general path %d, %v", s, unit, won, want, p)
			}
		}
	}
	if fast < 1000 {
		t.Errorf("only %d inputs took the fast path", fast)
	}
}

func TestNumericDateAsText(t *testing.T) {
	fast := 0
	for _, s := range fastPathInputs() {
		for _, d1904 := range []bool{false, true} {
			got, ok := numericDate(s, d1904)
			want, wantOK := textDate(s, d1904)
			if ok {
				fast++
			}
			// numericDate may decline what textDate reads, never differ.
			if ok && (!wantOK || !got.Equal(want)) {
				t.Errorf("numericDate(%q, %v) = %v, %v; textDate %v, %v", s, d1904, got, ok, want, wantOK)
			}
			if !ok && wantOK && allDigits(strings.ReplaceAll(s, ".", "")) && strings.Count(s, ".") <= 1 &&
				!strings.HasPrefix(s, ".") && !strings.HasSuffix(s, ".") {
				t.Errorf("numericDate(%q) declined a number textDate reads as %v", s, want.Format(time.DateOnly))
			}
		}
	}
	if fast < 1000 {
		t.Errorf("only %d inputs took the fast path", fast)
	}
}

func TestPlainBusinessNoAsGeneral(t *testing.T) {
	general := func(raw string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '-' {
				return -1
			}
			return r
		}, norm.NFKC.String(raw))
	}
	for _, s := range fastPathInputs() {
		if got, ok := plainBusinessNo(s); ok && got != general(s) {
			t.Errorf("plainBusinessNo(%q) = %q, want %q", s, got, general(s))
		}
	}
	if _, ok := plainBusinessNo("269-87-92847"); !ok {
		t.Error("the usual form did not take the fast path")
	}
}
