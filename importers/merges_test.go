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
	}
	for _, tt := range tests {
		if got, ok := parseRange([]byte(tt.ref)); ok != tt.ok || got != tt.want {
			t.Errorf("parseRange(%q) = %+v, %v; want %+v, %v", tt.ref, got, ok, tt.want, tt.ok)
		}
	}
}
