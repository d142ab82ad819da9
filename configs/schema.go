package configs

import (
	_ "embed"
	"fmt"

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
	// Design is the sample design behind every standard error.
	Design Design `yaml:"design"`
}

// LoadSurvey parses the embedded survey schema.
func LoadSurvey() (*Survey, error) {
	var s Survey
	if err := yaml.Unmarshal(surveyYAML, &s); err != nil {
		return nil, fmt.Errorf("configs: survey.yaml: %w", err)
	}
	s.Design = s.Design.withDefaults()
	s.requireStratum()
	return &s, nil
}

// requireStratum makes the stratum field required under StrataColumn:
// every response needs its stratum then, so the importer reports a file
// without the column, and each empty cell, as a missing required value.
func (s *Survey) requireStratum() {
	if f := s.Field(StratumField); f != nil && s.Design.Strata == StrataColumn {
		f.Required = true
	}
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

// LoadSchema parses the embedded survey schema and region table, which
// every reader of survey data needs together, and checks the design
// against them.
func LoadSchema() (*Survey, *Regions, error) {
	s, err := LoadSurvey()
	if err != nil {
		return nil, nil, err
	}
	r, err := LoadRegions()
	if err != nil {
		return nil, nil, err
	}
	if err := s.Design.check(s, r); err != nil {
		return nil, nil, err
	}
	return s, r, nil
}
