package configs_test

import (
	"testing"

	"axdash/configs"
	"axdash/configs/regionstest"
)

func TestRegionSpellings(t *testing.T) {
	r, err := configs.LoadRegions()
	if err != nil {
		t.Fatal(err)
	}
	spellings := regionstest.Spellings()
	if len(spellings) < 30 {
		t.Fatalf("only %d spellings read", len(spellings))
	}
	// An empty spelling names no region (the filters read it as "all").
	for _, sp := range append(spellings, regionstest.Spelling{Text: "  "}) {
		code, ok := r.Lookup(sp.Text)
		if code != sp.Code || ok != (sp.Code != "") {
			t.Errorf("Lookup(%q) = %q, %v; want %q", sp.Text, code, ok, sp.Code)
		}
	}
}
