package importers

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"axdash/importers/corpus"
)

// hostileNames are firm names an attacker might type: invisible and
// direction-changing characters, controls, and go-echarts' function marker.
var hostileNames = []string{
	"가\u202E나", "가\u2066나\u2069", "가\u200B나", "가\uFEFF나", "가\U000E0041나", // bidi, zero-width, BOM, tag
	"가\x01나", "가\u0085나", "가\x7F나", "가\u2028나", // C0, C1, DEL, line separator
	"가__f__나", "가___f__f__나", // marker, and one that removal would rebuild
}

// formulaLike are stored as typed: the database keeps what the analyst
// wrote, and exports neutralise it (issue 4), not the importer. That holds
// for a leading tab or CR too, the one place control characters are kept.
var formulaLike = []string{"=1+1", "+821012345678", "-3 기업", "@SUM(A1)", "\t=1+1", "\r=HYPERLINK(1)", "\t\r@A1 기업"}

// TestHostileStringsNeverSurvive reads the same hostile names from a
// workbook and from a CSV file: every stored name is free of controls,
// format characters and the marker, and formula-like text is kept.
func TestHostileStringsNeverSurvive(t *testing.T) {
	names := append(append([]string(nil), hostileNames...), formulaLike...)
	var rows, csv strings.Builder
	csv.WriteString("기업명,시도,업종,종업원수,AI도입단계\n")
	for i, n := range names {
		rows.WriteString(corpus.Good(i+2, xmlEscape(n)))
		csv.WriteString("\"" + n + "\",서울,C,25,도입\n")
	}
	b, err := corpus.Zip(corpus.Book(rows.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{writeRaw(t, "a.xlsx", b), writeRaw(t, "a.csv", []byte(csv.String()))} {
		res := readPath(t, path, Options{})
		if len(res.Records) != len(names) {
			t.Fatalf("%s: %d records of %d: %v", path, len(res.Records), len(names), codes(res))
		}
		for i, r := range res.Records {
			got := r.Response.FirmName
			if strings.Contains(got, "__f__") || strings.ContainsFunc(strings.TrimLeft(got, "\t\r"), func(r rune) bool {
				return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028'
			}) {
				t.Errorf("%s: %q was stored as %q", path, names[i], got)
			}
			if i >= len(hostileNames) && got != names[i] {
				t.Errorf("%s: formula-like %q was stored as %q", path, names[i], got)
			}
		}
	}
}

// xmlEscape writes a name into XML; C0 controls other than tab, LF and CR
// cannot appear in XML at all, so Excel writes them as _xHHHH_ escapes.
func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '&':
			b.WriteString("&amp;")
		case r < 0x20 && r != '\t' && r != '\n': // a raw CR would read as LF
			b.WriteString("_x00" + string("0123456789ABCDEF"[r>>4]) + string("0123456789ABCDEF"[r&15]) + "_")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestInvalidUTF8IsAnIssue: bytes that are not UTF-8 in a UTF-8 file are
// reported, never stored as mojibake. A CSV whose first non-ASCII bytes are
// valid UTF-8 is read as UTF-8, so a later bad byte is a cell issue; in a
// workbook, XML forbids them and the file is refused.
func TestInvalidUTF8IsAnIssue(t *testing.T) {
	// Past the 64 KB the encoding is decided on.
	csv := "기업명,시도,업종,종업원수,AI도입단계\n" + strings.Repeat("가,서울,C,25,도입\n", 4000) + "나\xff다,서울,C,25,도입\n"
	res := readPath(t, writeRaw(t, "a.csv", []byte(csv)), Options{MaxIssues: 10})
	if res.Report.Status != "checked" || len(res.Records) != 4000 || issue(res, "firm_name.invalid_utf8") == nil {
		t.Errorf("csv: %s %v, %d records", res.Report.Status, codes(res), len(res.Records))
	}
	for _, r := range res.Records {
		if !utf8.ValidString(r.Response.FirmName) {
			t.Errorf("stored %q", r.Response.FirmName)
		}
	}
	b, err := corpus.Zip(corpus.Book(corpus.Good(2, "가") + corpus.Good(3, "나\xff다")))
	if err != nil {
		t.Fatal(err)
	}
	wantRefused(t, readPath(t, writeRaw(t, "a.xlsx", b), Options{}), CodeFileCorrupt)
}
