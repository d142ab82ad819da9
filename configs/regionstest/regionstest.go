// Package regionstest holds the list of region spellings that every entry
// point taking a 시도 is tested against: the importer's region column, the
// web filters, the CLI's --region and the boundary map's feature names all
// match through configs.Regions.Lookup and must agree on each spelling.
package regionstest

import (
	_ "embed"
	"strings"
)

//go:embed spellings.tsv
var spellingsTSV string

// Spelling is one way of writing a region and the code it must give; Code
// is empty when every entry point must refuse it.
type Spelling struct {
	Text, Code string
}

// Spellings parses the embedded list.
func Spellings() []Spelling {
	var out []Spelling
	for _, line := range strings.Split(spellingsTSV, "\n") {
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		text, code, _ := strings.Cut(line, "\t")
		out = append(out, Spelling{Text: text, Code: strings.TrimPrefix(code, "-")})
	}
	return out
}
