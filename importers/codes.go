package importers

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"axdash/configs"
)

// parseRegion maps a 시도 spelling to its 2-digit code through the region
// table (configs.Regions.Lookup), the one place spellings are matched.
func (s *schema) parseRegion(raw string) (string, *problem) {
	if c, ok := s.regions.Lookup(raw); ok {
		return c, nil
	}
	return "", errorf("unknown", "알 수 없는 시도입니다: %q (예: 서울, 경기도, 강원특별자치도, 11)", truncateRunes(raw, 40))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

var (
	// letterFirst is "c", "c.제조업", "(c)제조업", "c-제조업" after folding.
	letterFirst = regexp.MustCompile(`^\(?([a-u])(?:[).:\-]+(.*)|\)?([^a-z].*))?$`)
	// letterLast is "제조업(c)" or "제조업[c]".
	letterLast = regexp.MustCompile(`^(.+?)[(\[]([a-u])[)\]]$`)
	// ksicNumber is a KSIC division, group or class code, optionally with its
	// section letter in front ("c10", "10112").
	ksicNumber = regexp.MustCompile(`^[a-u]?(\d{2})\d{0,3}$`)
)

// ksicDivisions maps the first division of each KSIC (10th revision)
// section to its letter; a division belongs to the last section whose first
// division is not above it.
var ksicDivisions = []struct {
	from    int
	section string
}{
	{1, "A"}, {5, "B"}, {10, "C"}, {35, "D"}, {36, "E"}, {41, "F"}, {45, "G"}, {49, "H"},
	{55, "I"}, {58, "J"}, {64, "K"}, {68, "L"}, {70, "M"}, {74, "N"}, {84, "O"}, {85, "P"},
	{86, "Q"}, {90, "R"}, {94, "S"}, {97, "T"}, {99, "U"},
}

// parseIndustry maps a KSIC section letter, its Korean name or short name,
// a letter together with a name ("C. 제조업", "제조업(C)") or a KSIC number
// to the section letter.
func (s *schema) parseIndustry(raw string) (string, *problem) {
	if c := s.industries.Lookup(industryKey(raw)); c != "" {
		return c, nil
	}
	f := configs.Fold(raw)
	letter, name := "", ""
	if m := letterFirst.FindStringSubmatch(f); m != nil {
		letter, name = m[1], m[2]+m[3]
	} else if m := letterLast.FindStringSubmatch(f); m != nil {
		letter, name = m[2], m[1]
	}
	if letter != "" {
		code := strings.ToUpper(letter)
		if named := s.industries.Lookup(industryKey(name)); name != "" && named != "" && named != code {
			return "", errorf("conflict", "업종 기호(%s)와 업종명(%s)이 서로 다릅니다: %q", code, named, truncateRunes(raw, 40))
		}
		return code, nil
	}
	if m := ksicNumber.FindStringSubmatch(f); m != nil {
		div, _ := strconv.Atoi(m[1])
		for i := len(ksicDivisions) - 1; i >= 0; i-- {
			if div >= ksicDivisions[i].from && div > 0 {
				return ksicDivisions[i].section, nil
			}
		}
	}
	return "", errorf("unknown", "알 수 없는 업종입니다: %q (한국표준산업분류 대분류 A~U 또는 업종명)", truncateRunes(raw, 40))
}

// parseStage maps a stage answer, including yes/no forms, to a stage code.
func (s *schema) parseStage(raw string) (string, *problem) {
	if c := s.stages.Lookup(raw); c != "" {
		return c, nil
	}
	return "", errorf("unknown", "알 수 없는 AI 도입 단계입니다: %q (미도입·검토·시범도입·도입·확산 또는 Y/N)", truncateRunes(raw, 40))
}

// multiSep splits a multi-select cell: ; , / · newlines and the full-width
// or ideographic forms people paste in.
var multiSep = regexp.MustCompile(`[;,/·\n\r|、]+`)

// parseMulti maps each part of a multi-select cell to a code, in order and
// without repeats. Unknown parts are warnings: the known ones still count.
// The whole cell is tried first, since some aliases contain a separator
// ("마케팅/영업").
func parseMulti(t configs.CodeTable, raw string) ([]string, []*problem) {
	if c := t.Lookup(raw); c != "" {
		return []string{c}, nil
	}
	text := strings.Map(func(r rune) rune {
		if configs.IsMiddleDot(r) {
			return '·'
		}
		return r
	}, norm.NFKC.String(raw))
	var codes []string
	var probs []*problem
	seen := map[string]bool{}
	for _, part := range multiSep.Split(text, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		c := t.Lookup(part)
		switch {
		case c == "":
			probs = append(probs, warnf("unknown", "알 수 없는 항목을 건너뜁니다: %q", truncateRunes(part, 40)))
		case !seen[c]:
			seen[c] = true
			codes = append(codes, c)
		}
	}
	return codes, probs
}
