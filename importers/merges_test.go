package importers

import "testing"

func TestParseRange(t *testing.T) {
	tests := []struct {
		ref  string
		want cellRange
		ok   bool
	}{
		{"B2:B4", cellRange{r1: 2, c1: 1, r2: 4, c2: 1}, true},
		{"$AA$10:$AB$12", cellRange{r1: 10, c1: 26, r2: 12, c2: 27}, true},
		{"B2", cellRange{}, false}, {"B4:B2", cellRange{}, false}, {"C2:B3", cellRange{}, false},
		{"2:4", cellRange{}, false}, {"B:B", cellRange{}, false}, {"ZZZZ1:ZZZZ2", cellRange{}, false}, {"", cellRange{}, false},
		{"ABCD5:ABCD9", cellRange{}, false}, {"XFD1:XFD3", cellRange{r1: 1, c1: 16383, r2: 3, c2: 16383}, true},
	}
	for _, tt := range tests {
		if got, ok := parseRange([]byte(tt.ref)); ok != tt.ok || got != tt.want {
			t.Errorf("parseRange(%q) = %+v, %v; want %+v, %v", tt.ref, got, ok, tt.want, tt.ok)
		}
	}
}

// A merge matters when a data row lies below its first row and within it;
// rows at word edges and ranges past the last row count right.
func TestMergedData(t *testing.T) {
	var rows []uint64
	for _, n := range []int{5, 64, 130} {
		for len(rows) <= n/64 {
			rows = append(rows, 0)
		}
		rows[n/64] |= 1 << (n % 64)
	}
	tests := []struct {
		r1, r2 int
		found  bool
	}{{4, 5, true}, {5, 63, false}, {63, 64, true}, {64, 129, false}, {130, 200, false}, {129, 10_000, true}, {200, 300, false}}
	for _, tt := range tests {
		fc := &formulaCells{merges: []cellRange{{r1: tt.r1, r2: tt.r2}}}
		if _, found := mergedData(fc, rows); found != tt.found {
			t.Errorf("rows %d..%d: found %v, want %v", tt.r1, tt.r2, found, tt.found)
		}
	}
}
