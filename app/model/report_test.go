package model

import (
	"fmt"
	"testing"
)

// TestSortIssues: errors before warnings, the file's own problems (no row)
// first within each, then by row, and otherwise in the order found.
func TestSortIssues(t *testing.T) {
	e := func(code string, row int) Issue { return Issue{Severity: SeverityError, Code: code, Row: row} }
	w := func(code string, row int) Issue { return Issue{Severity: SeverityWarning, Code: code, Row: row} }
	cases := []struct {
		name string
		in   []Issue
		want string
	}{
		{"blocking reason found last", []Issue{w("a", 3), e("b", 9), e("wave.exists", 0)}, "wave.exists b a"},
		{"rows within a severity", []Issue{e("r7", 7), e("r2", 2), w("w1", 1), e("r5", 5)}, "r2 r5 r7 w1"},
		{"ties keep their order", []Issue{w("x", 4), w("y", 4), e("z", 4)}, "z x y"},
		{"empty", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := fmt.Sprint(c.in)
			got := ""
			for i, is := range SortIssues(c.in) {
				if i > 0 {
					got += " "
				}
				got += is.Code
			}
			if got != c.want {
				t.Errorf("SortIssues = %s, want %s", got, c.want)
			}
			if fmt.Sprint(c.in) != before {
				t.Errorf("the input was reordered: %v", c.in)
			}
		})
	}
}
