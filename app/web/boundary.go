package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"axdash/configs"
)

// maxBoundaryBytes bounds the file read at start-up; a simplified 시도
// layer is a few hundred kilobytes.
const maxBoundaryBytes = 32 << 20

// nameKeys and codeKeys are the feature properties that common 시도 layers
// use (ours, SGIS/KOSTAT, vuski/admdongkor, GADM-style). Names are tried
// first: KOSTAT's census codes differ from the administrative codes (26 is
// 울산 there, 부산 here), so a code is trusted only when no name matched.
func nameKeys() []string {
	return []string{"name", "CTP_KOR_NM", "sidonm", "SIDO_NM", "NAME_1", "CTP_ENG_NM", "name_eng"}
}

func codeKeys() []string { return []string{"code", "CTPRVN_CD", "sido", "SIDO_CD", "adm_cd"} }

// Why a boundary map is refused.
var (
	errBoundaryTooLarge     = fmt.Errorf("is over %d MiB", maxBoundaryBytes>>20)
	errNotFeatureCollection = errors.New("is not a GeoJSON FeatureCollection")
)

// loadBoundary reads a GeoJSON file and normalises it (see parseBoundary).
func loadBoundary(path string, regions *configs.Regions) ([]byte, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("web: boundary map: %w", err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxBoundaryBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("web: boundary map: read %s: %w", path, err)
	}
	out, matched, _, err := parseBoundary(raw, regions)
	if err != nil {
		return nil, 0, fmt.Errorf("web: boundary map %s: %w", path, err)
	}
	return out, matched, nil
}

// parseBoundary checks that raw is a GeoJSON FeatureCollection and renames
// each feature it can match to a 시도 to that region's short name, the name
// the map series uses. It returns the rewritten JSON, how many features
// matched and how many there are.
func parseBoundary(raw []byte, regions *configs.Regions) ([]byte, int, int, error) {
	if len(raw) > maxBoundaryBytes {
		return nil, 0, 0, errBoundaryTooLarge
	}
	var fc struct {
		Type     string           `json:"type"`
		Features []map[string]any `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil || fc.Type != "FeatureCollection" {
		return nil, 0, 0, fmt.Errorf("%w (%v)", errNotFeatureCollection, err)
	}
	matched := 0
	for _, feat := range fc.Features {
		props, _ := feat["properties"].(map[string]any)
		if props == nil {
			continue
		}
		if short, ok := matchRegion(props, regions); ok {
			props["name"] = short
			matched++
		}
	}
	out, err := json.Marshal(fc)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("web: boundary map: %w", err)
	}
	return out, matched, len(fc.Features), nil
}

// matchRegion finds the 시도 a feature stands for and returns its short
// name. Spellings are matched by the region table (configs.Regions.Lookup)
// like every other entry point; a code property counts by its first two
// digits (시군구 and 읍면동 codes start with the 시도's).
func matchRegion(props map[string]any, regions *configs.Regions) (string, bool) {
	for _, k := range nameKeys() {
		if s, ok := props[k].(string); ok {
			if code, ok := regions.Lookup(s); ok {
				return regions.Name(code), true
			}
		}
	}
	for _, k := range codeKeys() {
		var code string
		switch v := props[k].(type) {
		case string:
			code = v
		case float64:
			code = fmt.Sprintf("%.0f", v)
		}
		if len(code) >= 2 {
			if code, ok := regions.Lookup(code[:2]); ok {
				return regions.Name(code), true
			}
		}
	}
	return "", false
}
