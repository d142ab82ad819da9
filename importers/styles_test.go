package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"axdash/importers/corpus"
)

func TestNumberScale(t *testing.T) {
	tests := []struct {
		code string
		want int
	}{
		{"0%", 2}, {"0.00%", 2}, {"#,##0.0%;[Red]-#,##0.0%", 2}, {`0.0"점"%`, 2}, {"0%%", 4},
		{"#,##0,", -3}, {"#,##0,,", -6}, {`#,##0,"천원"`, -3}, {"0.0,,", -6}, {"#,##0,.00", -3}, {`#,##0,_-`, -3},
		{`_-* #,##0,_-;-* #,##0,_-;_-* "-"_-;_-@_-`, -3}, {`[$₩-412]#,##0,`, -3},
		{"General", 0}, {"0.00", 0}, {"#,##0", 0}, {"#,##0.00", 0}, {`0"%"`, 0}, {`0\%`, 0}, {"0_%", 0}, {"0*%", 0},
		{"[$%-412]0", 0}, {`yyyy"년" m"월" d"일"`, 0}, {"mmmm d, yyyy", 0}, {`"천원",0`, 0}, {`"미완`, 0}, {"[Red", 0},
		{"0;0%", 0}, {"@", 0},
	}
	for _, tt := range tests {
		if got := numberScale(tt.code).exp(); got != tt.want {
			t.Errorf("numberScale(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}

func TestScaleDecimal(t *testing.T) {
	tests := []struct {
		raw  string
		exp  int
		want string
	}{
		{"0.35", 2, "35"}, {"0.125", 2, "12.5"}, {"7.0000000000000007E-2", 2, "7"}, {"1.5", 2, "150"}, {"0", 2, "0"},
		{"30000000", -3, "30000"}, {"1234567", -3, "1234.567"}, {"1.5E+7", -6, "15"}, {"1E-20", 2, "0.000000000000000001"},
		{"35%", 2, "35%"}, {"abc", -3, "abc"},
	}
	for _, tt := range tests {
		if got := scaleDecimal(tt.raw, tt.exp); got != tt.want {
			t.Errorf("scaleDecimal(%q, %d) = %q, want %q", tt.raw, tt.exp, got, tt.want)
		}
	}
}

// TestUnreadableStyles: a styles part that cannot be read fails the scan
// of a sheet with a percent column, whose numbers could be fractions or
// percents, and the file is refused; it is no matter for a sheet without
// one. (excelize refuses most broken styles parts itself on opening.)
func TestUnreadableStyles(t *testing.T) {
	broken := part("xl/styles.xml", `<?xml version="1.0"?><styleSheet xmlns="`+mainNS+`"><cellXfs><xf numFmtId="9"></cellXfs>`)
	b, err := corpus.Zip(corpus.With(corpus.Book(""), broken))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := formatScales(zr, []scanCol{scanMapped, scanMapped | scanScaled}); !errors.Is(err, errStyles) {
		t.Errorf("percent column: err %v, want errStyles", err)
	}
	if pct, err := formatScales(zr, []scanCol{scanMapped, scanMapped}); pct != nil || err != nil {
		t.Errorf("no percent column: %v, %v", pct, err)
	}
	st := newState("a.xlsx", 0)
	(&rowReader{st: st}).formulaError(errStyles)
	if is := issue(st.finish(), CodeFileCorrupt); is == nil || !strings.Contains(is.Message, "styles.xml") {
		t.Errorf("styles issue: %v", st.res.Report.Issues)
	}
}

func TestFormatScales(t *testing.T) {
	pct, th := fmtScale{pct: 1}, fmtScale{commas: 1}
	tests := []struct {
		name, body string
		want       []fmtScale
		err        error
	}{
		{"named styles are not cell styles", `<cellStyleXfs><xf numFmtId="9"/></cellStyleXfs><cellXfs><xf numFmtId="0"><alignment/></xf>` +
			`<xf numFmtId="9" xfId="0"/></cellXfs>`, []fmtScale{{}, pct}, nil},
		{"custom formats by id", `<numFmts><numFmt numFmtId="164" formatCode="#,##0,"/><numFmt numFmtId="9" formatCode="0"/></numFmts>` +
			`<cellXfs><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="10"/></cellXfs>`, []fmtScale{th, {}, pct}, nil},
		{"nothing scales", `<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>`, nil, nil},
		{"too many cell styles", `<cellXfs>` + strings.Repeat(`<xf/>`, maxCellStyles+1) + `</cellXfs>`, nil, errStyles},
		{"undefined entity", `<numFmts><numFmt numFmtId="164" formatCode="&x;"/></numFmts>`, nil, errStyles},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<?xml version="1.0"?><x:styleSheet xmlns:x="` + mainNS + `">` + strings.ReplaceAll(strings.ReplaceAll(tt.body, "<", "<x:"), "<x:/", "</x:") + `</x:styleSheet>`
			b, err := corpus.Zip(corpus.With(corpus.Book(""), part("xl/styles.xml", body)))
			if err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := formatScales(zr, []scanCol{scanMapped | scanScaled})
			if !errors.Is(err, tt.err) || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, %v; want %v, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

// FuzzNumberFormat: any format code scales by a bounded amount, and any
// cell scaled by it gives back a decimal or the cell as it was.
func FuzzNumberFormat(f *testing.F) {
	for _, seed := range []struct{ code, raw string }{
		{"0%", "0.35"}, {`#,##0,,"백만"`, "30000000"}, {`[$-412]0.0%;"-"`, "7.0000000000000007E-2"}, {`"\`, "1E-99"}, {"0%%%%%%%%%%", "-9e99"},
	} {
		f.Add(seed.code, seed.raw)
	}
	f.Fuzz(func(t *testing.T, code, raw string) {
		sc := numberScale(code)
		if sc.pct < 0 || sc.pct > 8 || sc.commas < 0 || sc.commas > 8 {
			t.Fatalf("numberScale(%q) = %+v", code, sc)
		}
		got := scaleDecimal(raw, sc.exp())
		if _, ok := parseDecimal(raw); ok && len(got) > 0 && got[0] != '-' && !isDigit(got[0]) {
			t.Fatalf("scaleDecimal(%q, %d) = %q", raw, sc.exp(), got)
		} else if !ok && got != raw {
			t.Fatalf("scaleDecimal(%q) changed a non-number to %q", raw, got)
		}
	})
}
