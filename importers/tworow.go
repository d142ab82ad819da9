package importers

import (
	"strings"

	"axdash/configs"
)

// joinRows maps row i as a header, alone or joined with a neighbour into a
// two-row header, whichever names more fields:
//   - row i holds headers and some group names ("AI 인력", merged over two
//     columns or written in the first of them), and the row below holds
//     only sub-headers ("현원", "필요") or units ("(명)", "(백만원)");
//   - row i holds sub-headers and full headers, and the row above holds
//     group names that its sub-headers only match under ("AI인력현원").
//
// The row below must consist of sub-headers only, so that a first data row
// is never taken for part of the header.
func (s *schema) joinRows(head [][]string, i int) *header {
	h := s.mapRow(head[i], nil, i+1)
	h.top = i
	if i+1 < len(head) && s.allSubHeaders(head[i+1], head[i]) {
		if two := s.mapRow(head[i+1], head[i], i+2); two.score >= h.score {
			two.top = i
			h = two
		}
	}
	if i > 0 && h.row == i+1 {
		if two := s.mapRow(head[i], head[i-1], i+1); two.score > h.score {
			two.top = i - 1
			h = two
		}
	}
	return h
}

// matchTwoRow matches column i of a two-row header.
func (s *schema) matchTwoRow(parent []string, sub string, i int) (string, *configs.Field, string) {
	sub = strings.TrimSpace(sub)
	top := strings.TrimSpace(cellAt(parent, i))
	if sub == "" {
		if top == "" {
			return "", nil, ""
		}
		f, note := s.matchHeader(top)
		return top, f, note
	}
	if group := mergedParent(parent, i); group != "" {
		if f, note := s.matchHeader(group + sub); f != nil {
			return group + " " + sub, f, note
		}
		// A unit on the group ("AI인력(명)") belongs after the sub-header:
		// "AI인력필요(명)".
		if base, unit, ok := configs.SplitNote(configs.Fold(group)); ok {
			if f, note := s.matchHeader(base + configs.Fold(sub) + "(" + unit + ")"); f != nil {
				return group + " " + sub, f, note
			}
		}
	}
	f, note := s.matchHeader(sub)
	return sub, f, note
}

// allSubHeaders reports whether every non-empty cell of the row below a
// header is itself a header (alone or under its merged parent). A data row
// has firm names and numbers, which never are, so the first data row is
// never taken for a second header row.
func (s *schema) allSubHeaders(below, parent []string) bool {
	found := false
	for i, text := range below {
		if strings.TrimSpace(text) == "" {
			continue
		}
		_, f, _ := s.matchTwoRow(parent, text, i)
		if f == nil {
			return false
		}
		found = true
	}
	return found
}

// mergedParent is the text a merged header cell shows above column i: the
// nearest non-empty cell at or to the left of i (a merge keeps its text in
// its first cell only).
func mergedParent(parent []string, i int) string {
	for j := min(i, len(parent)-1); j >= 0; j-- {
		if t := strings.TrimSpace(parent[j]); t != "" {
			return t
		}
	}
	return ""
}
