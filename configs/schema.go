package configs

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

var (
	//go:embed survey.yaml
	surveyYAML []byte
	//go:embed regions.yaml
	regionsYAML []byte
)

// Field describes one survey column.
type Field struct {
	Key      string   `yaml:"key"`
	Header   string   `yaml:"header"`
	Aliases  []string `yaml:"aliases"`
	Type     string   `yaml:"type"`
	Required bool     `yaml:"required"`
	Unit     string   `yaml:"unit"`
}

// Code is one entry of a code list (stage, use area, barrier) with the other
// spellings that map to it.
type Code struct {
	Code    string   `yaml:"code"`
	Aliases []string `yaml:"aliases"`
}

// Spellings are every way the region is written: code, full, short and
// English names, then the listed aliases.
func (r Region) Spellings() []string {
	return append([]string{r.Code, r.Name, r.Short, r.English}, r.Aliases...)
}

// Industry is one KSIC section.
type Industry struct {
	Code  string `yaml:"code"`
	Name  string `yaml:"name"`
	Short string `yaml:"short"`
}

// Band is one firm-size band.
type Band struct {
	Code  string `yaml:"code"`
	Label string `yaml:"label"`
}

// Survey is the survey schema of design §3.
type Survey struct {
	Fields     []Field    `yaml:"fields"`
	Stages     []Code     `yaml:"stages"`
	UseAreas   []Code     `yaml:"use_areas"`
	Barriers   []Code     `yaml:"barriers"`
	Industries []Industry `yaml:"industries"`
	SizeBands  []Band     `yaml:"size_bands"`
}

// Region is one 시도.
type Region struct {
	Code    string   `yaml:"code"`
	Name    string   `yaml:"name"`
	Short   string   `yaml:"short"`
	English string   `yaml:"english"`
	Tile    [2]int   `yaml:"tile"`
	Aliases []string `yaml:"aliases"`
}

// Regions is the region table in code order.
type Regions struct {
	Regions []Region `yaml:"regions"`
}

// LoadSurvey parses the embedded survey schema.
func LoadSurvey() (*Survey, error) {
	var s Survey
	if err := yaml.Unmarshal(surveyYAML, &s); err != nil {
		return nil, fmt.Errorf("configs: survey.yaml: %w", err)
	}
	return &s, nil
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
	return &r, nil
}

// Field returns the field with the given key, or nil.
func (s *Survey) Field(key string) *Field {
	for i := range s.Fields {
		if s.Fields[i].Key == key {
			return &s.Fields[i]
		}
	}
	return nil
}

// IndustryName returns the Korean name of a KSIC section, or the code itself.
func (s *Survey) IndustryName(code string) string {
	for _, in := range s.Industries {
		if in.Code == code {
			return in.Short
		}
	}
	return code
}

// BandLabel returns the Korean label of a size band, or the code itself.
func (s *Survey) BandLabel(code string) string {
	for _, b := range s.SizeBands {
		if b.Code == code {
			return b.Label
		}
	}
	return code
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
// spelling. Filters take any of them, as officials write 강원 or 42 as often
// as 51.
func (r *Regions) Lookup(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	for _, rg := range r.Regions {
		if slices.ContainsFunc(rg.Spellings(), func(a string) bool { return strings.EqualFold(s, a) }) {
			return rg.Code, true
		}
	}
	return "", false
}

// LoadSchema parses the embedded survey schema and region table, which
// every reader of survey data needs together.
func LoadSchema() (*Survey, *Regions, error) {
	s, err := LoadSurvey()
	if err != nil {
		return nil, nil, err
	}
	r, err := LoadRegions()
	if err != nil {
		return nil, nil, err
	}
	return s, r, nil
}
