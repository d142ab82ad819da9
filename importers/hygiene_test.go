package importers

import (
	"testing"
)

func TestScrubText(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"bidi override", "가나\u202E다라\u202C", "가나다라"},
		{"every bidi control", "a\u202Ab\u202Bc\u202Dd\u2066e\u2067f\u2068g\u2069h\u200Ei\u200Fj\u061Ck", "abcdefghijk"},
		{"zero width and bom", "가\u200B나\uFEFF다\u00AD", "가나다"},
		{"c0 and c1 controls", "a\x01b\x7Fc\u0085d\u009Be", "abcde"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a b c"},
		{"decomposed hangul", "\u1100\u1161\u11A8", "\uAC01"},
		{"stripped char between jamo", "\u1100\u200B\u1161", "\uAC00"},
		{"marker", "__f__alert(1)__f__", "alert(1)"},
		{"marker rebuilt by removal", "_____f__f__f__", "___f"},
		{"marker rebuilt by removal twice", "____f__f__", ""},
		{"marker hidden by a control", "__\u200Bf__x", "x"},
		{"nfc only, not nfkc", "㈜가나 Ａ", "㈜가나 Ａ"},
		{"trimmed", " \t가 나\r\n", "가 나"},
	}
	for _, tt := range tests {
		got, p := cleanText(tt.raw, false)
		if p != nil || got != tt.want {
			t.Errorf("%s: cleanText(%q) = %q, %v; want %q", tt.name, tt.raw, got, p, tt.want)
		}
	}
}

func TestCleanLabel(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"AI도입비용(백만원)", "AI도입비용(백만원)"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"시트\u202E1", "시트1"},
		{"두 줄\n머리글", "두 줄\n머리글"},
		{"plain ascii", "plain ascii"},
	}
	for _, tt := range tests {
		if got := cleanLabel(tt.raw); got != tt.want {
			t.Errorf("cleanLabel(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

// TestReadCleansImportedText: names, notes, headers and issue values come
// out of a workbook clean.
func TestReadCleansImportedText(t *testing.T) {
	res := read(t, oneSheet(
		[]any{"기업명", "시도", "업종", "종업원수", "AI도입단계", "우수사례내용", "비고\u202E"},
		[]any{"\u1100\u1161나\u202E전자__f__", "서울", "C", 5, "도입", "줄1\n__f__줄2\u2069", ""},
		[]any{"다", "서울\u202E시티", "C", 5, "도입", "", ""},
	), Options{})
	if len(res.Records) != 1 {
		t.Fatalf("records %d: %v", len(res.Records), codes(res))
	}
	r := res.Records[0].Response
	if r.FirmName != "가나전자" || r.ExemplarNote != "줄1\n줄2" {
		t.Errorf("firm %q note %q", r.FirmName, r.ExemplarNote)
	}
	if u := res.Report.Unmapped; len(u) != 1 || u[0] != "비고" {
		t.Errorf("unmapped %q", u)
	}
	if is := issue(res, "region.unknown"); is == nil || is.Value != "서울시티" {
		t.Errorf("region issue %v", codes(res))
	}
}
