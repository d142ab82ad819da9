package importers

import (
	"strings"

	"axdash/app/model"
	"axdash/configs"
)

// schema is the survey and region config turned into lookup tables once per
// importer, so that rows are matched by map look-ups.
type schema struct {
	table      *model.Table // reads and writes each field's value
	fields     []*configs.Field
	headers    map[string]*configs.Field // folded header or alias
	headersL   map[string]*configs.Field // the same, punctuation dropped
	stages     configs.CodeTable
	useAreas   configs.CodeTable
	barriers   configs.CodeTable
	industries configs.CodeTable
	regions    *configs.Regions
}

func newSchema(table *model.Table, survey *configs.Survey, regions *configs.Regions) *schema {
	s := &schema{
		table:      table,
		headers:    map[string]*configs.Field{},
		headersL:   map[string]*configs.Field{},
		stages:     configs.NewCodeTable(),
		useAreas:   configs.NewCodeTable(),
		barriers:   configs.NewCodeTable(),
		industries: configs.NewCodeTable(),
		regions:    regions,
	}
	if survey != nil {
		s.addSurvey(survey)
	}
	return s
}

func (s *schema) addSurvey(survey *configs.Survey) {
	for i := range survey.Fields {
		f := &survey.Fields[i]
		s.fields = append(s.fields, f)
		for _, sp := range append([]string{f.Header, f.Key}, f.Aliases...) {
			k := configs.Fold(sp)
			if _, ok := s.headers[k]; !ok && k != "" {
				s.headers[k] = f
			}
			if _, ok := s.headersL[configs.Loose(k)]; !ok && configs.Loose(k) != "" {
				s.headersL[configs.Loose(k)] = f
			}
		}
	}
	addCodes(s.stages, survey.Stages)
	addCodes(s.useAreas, survey.UseAreas)
	addCodes(s.barriers, survey.Barriers)
	for _, in := range survey.Industries {
		for _, sp := range []string{in.Code, in.Name, in.Short} {
			s.industries.Add(industryKey(sp), in.Code)
		}
	}
}

func addCodes(t configs.CodeTable, codes []configs.Code) {
	for _, c := range codes {
		t.Add(c.Code, c.Code)
		for _, a := range c.Aliases {
			t.Add(a, c.Code)
		}
	}
}

// matchHeader finds the field for a header text and returns the trailing
// annotation, which may carry a unit.
func (s *schema) matchHeader(text string) (*configs.Field, string) {
	if len(text) > maxHeaderBytes {
		return nil, ""
	}
	keys, note := headerKeys(text)
	for _, k := range keys {
		if f, ok := s.headers[k]; ok {
			return f, note
		}
	}
	for _, k := range keys {
		if f, ok := s.headersL[configs.Loose(k)]; ok {
			return f, note
		}
	}
	return nil, note
}

// industryKey folds a KSIC section name so that the official long form
// ("도매 및 소매업", "전기, 가스, 증기 및 공기 조절 공급업") meets the config's
// short form ("도매·소매업"): punctuation and the conjunction 및 go.
func industryKey(s string) string {
	return strings.ReplaceAll(configs.Loose(configs.Fold(s)), "및", "")
}
