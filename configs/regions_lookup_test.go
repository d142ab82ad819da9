package configs

import "testing"

func TestRegionsLookup(t *testing.T) {
	r, err := LoadRegions()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, code string
		ok       bool
	}{
		{"11", "11", true},
		{"42", "51", true}, // 강원's old code
		{"45", "52", true}, // 전북's old code
		{"강원도", "51", true},
		{"경남", "48", true},
		{"경상남도", "48", true},
		{"gyeongnam", "48", true},
		{"Gangwon", "51", true},
		{"gangwon", "51", true},
		{" 41 ", "41", true},
		{"99", "", false},
		{"", "", false},
		{"서울시티", "", false},
	}
	for _, tt := range tests {
		code, ok := r.Lookup(tt.in)
		if code != tt.code || ok != tt.ok {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.in, code, ok, tt.code, tt.ok)
		}
	}
}
