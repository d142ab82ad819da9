package web

import (
	"encoding/json"
	"testing"

	"axdash/configs"
	"axdash/configs/regionstest"
)

// TestBoundaryRegionSpellings: a boundary feature named by any spelling of
// the shared list is matched to the region the other entry points give,
// and one they refuse stays unmatched.
func TestBoundaryRegionSpellings(t *testing.T) {
	regions, err := configs.LoadRegions()
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range regionstest.Spellings() {
		fc := map[string]any{"type": "FeatureCollection", "features": []any{
			map[string]any{"type": "Feature", "properties": map[string]any{"name": sp.Text}}}}
		raw, err := json.Marshal(fc)
		if err != nil {
			t.Fatal(err)
		}
		out, matched, _, err := parseBoundary(raw, regions)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		name := got.Features[0].Properties["name"]
		switch {
		case sp.Code == "" && matched != 0:
			t.Errorf("feature %q matched %v, want unmatched", sp.Text, name)
		case sp.Code != "" && (matched != 1 || name != regions.Name(sp.Code)):
			t.Errorf("feature %q = %v (%d matched), want %s", sp.Text, name, matched, regions.Name(sp.Code))
		}
	}
}
