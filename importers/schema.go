package importers

import (
	"sort"
	"strings"
	"unicode"

	"axdash/app/model"
	"axdash/configs"
)

// codeTable maps folded spellings to a code: exact folded keys first, then
// the same keys with punctuation dropped.
type codeTable struct {
	exact map[string]string
	loose map[string]string
}

func newCodeTable() codeTable {
	return codeTable{exact: map[string]string{}, loose: map[string]string{}}
}

// add registers a spelling; the first registration of a key wins, so the
// order of the config decides any clash.
func (t codeTable) add(spelling, code string) {
	f := fold(spelling)
	if f == "" {
		return
	}
	if _, ok := t.exact[f]; !ok {
		t.exact[f] = code
	}
	if l := loose(f); l != "" {
		if _, ok := t.loose[l]; !ok {
			t.loose[l] = code
		}
	}
}

// lookup finds the code for a text, or "".
func (t codeTable) lookup(text string) string {
	f := fold(text)
	if c, ok := t.exact[f]; ok {
		return c
	}
	if c, ok := t.loose[loose(f)]; ok {
		return c
	}
	if base, _, ok := splitNote(f); ok {
		if c, ok := t.exact[base]; ok {
			return c
		}
		return t.loose[loose(base)]
	}
	return ""
}

// schema is the survey and region config turned into lookup tables once per
// importer, so that rows are matched by map look-ups.
type schema struct {
	table      *model.Table // reads and writes each field's value
	fields     []*configs.Field
	headers    map[string]*configs.Field // folded header or alias
	headersL   map[string]*configs.Field // the same, punctuation dropped
	stages     codeTable
	useAreas   codeTable
	barriers   codeTable
	industries codeTable
	regions    codeTable
	// regionPrefixes are Korean region spellings, longest first, for
	// addresses written without a space ("경기도수원시").
	regionPrefixes []prefix
}

type prefix struct{ key, code string }

func newSchema(table *model.Table, survey *configs.Survey, regions *configs.Regions) *schema {
	s := &schema{
		table:      table,
		headers:    map[string]*configs.Field{},
		headersL:   map[string]*configs.Field{},
		stages:     newCodeTable(),
		useAreas:   newCodeTable(),
		barriers:   newCodeTable(),
		industries: newCodeTable(),
		regions:    newCodeTable(),
	}
	if survey != nil {
		s.addSurvey(survey)
	}
	if regions != nil {
		s.addRegions(regions)
	}
	return s
}

func (s *schema) addSurvey(survey *configs.Survey) {
	for i := range survey.Fields {
		f := &survey.Fields[i]
		s.fields = append(s.fields, f)
		for _, sp := range append([]string{f.Header, f.Key}, f.Aliases...) {
			k := fold(sp)
			if _, ok := s.headers[k]; !ok && k != "" {
				s.headers[k] = f
			}
			if _, ok := s.headersL[loose(k)]; !ok && loose(k) != "" {
				s.headersL[loose(k)] = f
			}
		}
	}
	addCodes(s.stages, survey.Stages)
	addCodes(s.useAreas, survey.UseAreas)
	addCodes(s.barriers, survey.Barriers)
	for _, in := range survey.Industries {
		for _, sp := range []string{in.Code, in.Name, in.Short} {
			s.industries.add(industryKey(sp), in.Code)
		}
	}
}

func addCodes(t codeTable, codes []configs.Code) {
	for _, c := range codes {
		t.add(c.Code, c.Code)
		for _, a := range c.Aliases {
			t.add(a, c.Code)
		}
	}
}

func (s *schema) addRegions(regions *configs.Regions) {
	for _, r := range regions.Regions {
		for _, sp := range r.Spellings() {
			s.regions.add(sp, r.Code)
			if k := fold(sp); hasHangul(k) && len([]rune(k)) >= 2 {
				s.regionPrefixes = append(s.regionPrefixes, prefix{k, r.Code})
			}
		}
	}
	sort.SliceStable(s.regionPrefixes, func(i, j int) bool {
		return len(s.regionPrefixes[i].key) > len(s.regionPrefixes[j].key)
	})
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
		if f, ok := s.headersL[loose(k)]; ok {
			return f, note
		}
	}
	return nil, note
}

func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}

// industryKey folds a KSIC section name so that the official long form
// ("도매 및 소매업", "전기, 가스, 증기 및 공기 조절 공급업") meets the config's
// short form ("도매·소매업"): punctuation and the conjunction 및 go.
func industryKey(s string) string {
	return strings.ReplaceAll(loose(fold(s)), "및", "")
}
