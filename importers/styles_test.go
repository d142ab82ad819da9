package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"axdash/importers/corpus"
)

func TestPercentFormat(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"0%", true}, {"0.00%", true}, {"#,##0.0%;[Red]-#,##0.0%", true}, {`0.0"점"%`, true},
		{"General", false}, {"0.00", false}, {`0"%"`, false}, {`0\%`, false}, {"0_%", false}, {"0*%", false},
		{"[$%-412]0", false}, {`yyyy"년" m"월" d"일"`, false}, {`"미완`, false}, {"[Red", false},
	}
	for _, tt := range tests {
		if got := percentFormat(tt.code); got != tt.want {
			t.Errorf("percentFormat(%q) = %v, want %v", tt.code, got, tt.want)
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
	if _, err := percentColumns(zr, []scanCol{scanMapped, scanMapped | scanPercent}); !errors.Is(err, errStyles) {
		t.Errorf("percent column: err %v, want errStyles", err)
	}
	if pct, err := percentColumns(zr, []scanCol{scanMapped, scanMapped}); pct != nil || err != nil {
		t.Errorf("no percent column: %v, %v", pct, err)
	}
	st := newState("a.xlsx", 0)
	(&rowReader{st: st}).formulaError(errStyles)
	if is := issue(st.finish(), CodeFileCorrupt); is == nil || !strings.Contains(is.Message, "styles.xml") {
		t.Errorf("styles issue: %v", st.res.Report.Issues)
	}
}
