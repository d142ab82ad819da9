package configs

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// Region is one 시도.
type Region struct {
	Code    string   `yaml:"code"`
	Name    string   `yaml:"name"`
	Short   string   `yaml:"short"`
	English string   `yaml:"english"`
	Tile    [2]int   `yaml:"tile"`
	Aliases []string `yaml:"aliases"`
}

// Spellings are every way the region is written: code, full, short and
// English names, then the listed aliases.
func (r Region) Spellings() []string {
	return append([]string{r.Code, r.Name, r.Short, r.English}, r.Aliases...)
}

// Regions is the region table in code order. It is the one place where a
// spelling of a region becomes its code: the importer's region column, the
// web filters, the CLI's --region and the boundary map all ask Lookup.
type Regions struct {
	Regions []Region `yaml:"regions"`
	index   *regionIndex
}

// regionIndex is the region table as look-up tables, built once.
type regionIndex struct {
	codes CodeTable
	// prefixes are Korean spellings, longest first, for addresses written
	// without a space ("경기도수원시").
	prefixes []regionPrefix
}

type regionPrefix struct{ key, code string }

func newRegionIndex(regions []Region) *regionIndex {
	ix := &regionIndex{codes: NewCodeTable()}
	for _, r := range regions {
		for _, sp := range r.Spellings() {
			ix.codes.Add(sp, r.Code)
			if k := Fold(sp); hasHangul(k) && len([]rune(k)) >= 2 {
				ix.prefixes = append(ix.prefixes, regionPrefix{k, r.Code})
			}
		}
	}
	sort.SliceStable(ix.prefixes, func(i, j int) bool { return len(ix.prefixes[i].key) > len(ix.prefixes[j].key) })
	return ix
}

// LoadRegions parses the embedded region table.
func LoadRegions() (*Regions, error) {
	var r Regions
	if err := yaml.Unmarshal(regionsYAML, &r); err != nil {
		return nil, fmt.Errorf("configs: regions.yaml: %w", err)
	}
	if len(r.Regions) != 17 {
		return nil, fmt.Errorf("configs: regions.yaml lists %d regions, want 17", len(r.Regions))
	}
	r.index = newRegionIndex(r.Regions)
	return &r, nil
}

// Name returns the short Korean name of a region code, or the code itself.
func (r *Regions) Name(code string) string {
	for _, rg := range r.Regions {
		if rg.Code == code {
			return rg.Short
		}
	}
	return code
}

// Lookup returns the code of the region that s names: its code, an old code
// (42 강원, 45 전북), its full, short or English name or another listed
// spelling, compared after Fold (case, width, spaces and middle dots do
// not matter, nor punctuation or a trailing bracketed note); a 5- or
// 10-digit administrative code; or an address that starts with a 시도
// ("경기도 수원시", "경기도수원시"). Officials write 강원 or 42 as often as 51.
func (r *Regions) Lookup(s string) (string, bool) {
	if r == nil {
		return "", false
	}
	ix := r.index
	if ix == nil { // a table not made by LoadRegions
		ix = newRegionIndex(r.Regions)
	}
	if c := ix.codes.Lookup(s); c != "" {
		return c, true
	}
	f := Fold(s)
	if (len(f) == 5 || len(f) == 10) && strings.Trim(f, "0123456789") == "" {
		if c := ix.codes.Lookup(f[:2]); c != "" {
			return c, true
		}
	}
	if words := strings.Fields(norm.NFKC.String(s)); len(words) > 1 {
		if c := ix.codes.Lookup(words[0]); c != "" {
			return c, true
		}
	}
	for _, p := range ix.prefixes {
		if rest, ok := strings.CutPrefix(f, p.key); ok && addressRest(rest) {
			return p.code, true
		}
	}
	return "", false
}

// addressRest reports whether what follows a 시도 name written without a
// space reads as the next part of an address ("강남구", "수원시영통구",
// "한솔동"), so that "서울시티" is not taken for 서울.
func addressRest(rest string) bool {
	r := []rune(rest)
	for i := 1; i < len(r) && i < 6; i++ {
		switch r[i] {
		case '시', '군', '구', '읍', '면', '동', '로', '길':
			return true
		}
	}
	return false
}

func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}
