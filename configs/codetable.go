package configs

// CodeTable maps spellings to a code after Fold: exact folded keys first,
// then the same keys with punctuation dropped (Loose), then without a
// trailing bracketed note. The importer's code columns and the region
// table match through it, so that every code list follows one rule.
type CodeTable struct {
	exact map[string]string
	loose map[string]string
}

// NewCodeTable returns an empty table.
func NewCodeTable() CodeTable {
	return CodeTable{exact: map[string]string{}, loose: map[string]string{}}
}

// Add registers a spelling; the first registration of a key wins, so the
// order of the config decides any clash.
func (t CodeTable) Add(spelling, code string) {
	f := Fold(spelling)
	if f == "" {
		return
	}
	if _, ok := t.exact[f]; !ok {
		t.exact[f] = code
	}
	if l := Loose(f); l != "" {
		if _, ok := t.loose[l]; !ok {
			t.loose[l] = code
		}
	}
}

// Lookup finds the code for a text, or "".
func (t CodeTable) Lookup(text string) string {
	f := Fold(text)
	if c, ok := t.exact[f]; ok {
		return c
	}
	if c, ok := t.loose[Loose(f)]; ok {
		return c
	}
	if base, _, ok := SplitNote(f); ok {
		if c, ok := t.exact[base]; ok {
			return c
		}
		return t.loose[Loose(base)]
	}
	return ""
}
