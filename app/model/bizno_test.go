package model

import "testing"

func TestBusinessNoValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1248100998", true},  // a widely published valid number
		{"1248100997", false}, // wrong check digit
		{"124810099", false},  // too short
		{"12481009a8", false}, // not a digit
		{"2208162517", true},
	}
	for _, tt := range tests {
		if got := BusinessNoValid(tt.in); got != tt.want {
			t.Errorf("BusinessNoValid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSizeBand(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "1-9"}, {9, "1-9"}, {10, "10-49"}, {49, "10-49"}, {50, "50-99"}, {299, "100-299"}, {300, "300+"}}
	for _, tt := range tests {
		if got := SizeBand(tt.n); got != tt.want {
			t.Errorf("SizeBand(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
