package importers

// codeCacheSize bounds the per-read memo of code answers. Survey columns
// with code answers repeat a few hundred spellings (17 regions, 21
// sections, combinations of a dozen areas), so a small memo answers almost
// every cell; when a hostile file fills it with unique values it is simply
// emptied and refilled, so it never grows with the file.
const codeCacheSize = 4096

// maxCachedBytes keeps long cells out of the memo: they are rarely repeated
// and would make its memory depend on the cell size limit.
const maxCachedBytes = 128

type codeKey struct{ typ, raw string }

type codeAnswer struct {
	v     any
	probs []*problem
}

// codeCache memoises the answers of the code-table parsers for one read.
// Folding, NFKC and splitting a multi-select cell cost far more than a map
// look-up, and these columns are most of a survey row. Answers are shared
// between rows, which is safe because nothing mutates them: assign copies
// code lists into the record, and problems are only read.
type codeCache map[codeKey]codeAnswer

func (cc codeCache) parse(s *schema, typ, raw string) (any, []*problem) {
	k := codeKey{typ, raw}
	if a, ok := cc[k]; ok {
		return a.v, a.probs
	}
	v, probs := parseCode(s, typ, raw)
	if len(raw) <= maxCachedBytes {
		if len(cc) >= codeCacheSize {
			clear(cc)
		}
		cc[k] = codeAnswer{v, probs}
	}
	return v, probs
}

// parseCode parses a cell of a code-table type without the memo.
func parseCode(s *schema, typ, raw string) (any, []*problem) {
	switch typ {
	case "region":
		return one(s.parseRegion(raw))
	case "industry":
		return one(s.parseIndustry(raw))
	case "stage":
		return one(s.parseStage(raw))
	case "use_areas":
		return parseMulti(s.useAreas, raw)
	case "barriers":
		return parseMulti(s.barriers, raw)
	}
	return one(parseBool(raw))
}
