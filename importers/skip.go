package importers

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"

	"axdash/configs"
)

// totalWords are first cells of summary rows, which are not firms. 요약 is
// the label of the total row of an Excel table (표) in Korean Excel.
var totalWords = map[string]bool{
	"합계": true, "계": true, "소계": true, "총계": true, "총합계": true, "누계": true, "합": true,
	"요약": true, "평균": true, "전체평균": true,
	"total": true, "subtotal": true, "grandtotal": true, "sum": true, "average": true,
}

// notePrefixes start footnote rows under a table ("※ 가중치는 …").
var notePrefixes = []string{"※", "*", "주)", "주:", "주1)", "출처", "자료:", "비고:"}

// skipRow skips summary rows, footnotes and repeats of the header with a
// warning each.
func (rr *rowReader) skipRow(cells []string, n int) bool {
	if c := rr.repeatsHeader(cells); c != nil {
		rr.st.add(model.Issue{Severity: model.SeverityWarning, Code: CodeRowHeader, Sheet: rr.sheet,
			Cell: c.letter + strconv.Itoa(n), Row: n, Value: c.header, Message: "머리글이 반복된 행으로 보고 건너뜁니다."})
		return true
	}
	first, idx, count := "", 0, 0
	for i, c := range cells {
		if !blankCell(c) {
			if count == 0 {
				first, idx = c, i
			}
			count++
		}
	}
	if len(first) > 64 { // no summary word or footnote mark is this long
		return false
	}
	key := strings.TrimRight(configs.Fold(first), ":")
	base, _, _ := configs.SplitNote(key)
	code, msg := "", ""
	switch {
	case totalWords[key] || totalWords[base]:
		code, msg = CodeRowTotal, "합계 행으로 보고 건너뜁니다."
	case count == 1 && hasAnyPrefix(key, notePrefixes):
		code, msg = CodeRowNote, "표 아래 주석으로 보고 건너뜁니다."
	default:
		return false
	}
	letter, _ := excelize.ColumnNumberToName(idx + 1)
	rr.st.add(model.Issue{Severity: model.SeverityWarning, Code: code, Sheet: rr.sheet,
		Cell: letter + strconv.Itoa(n), Row: n, Value: first, Message: msg})
	return true
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// repeatsHeader returns the first mapped column of a row that repeats the
// header, or nil. Printed tables repeat their header on every page, and
// such a copy pasted back into one sheet is not a firm. Every filled
// mapped cell must be its column's header, at least minHeaderMatches of
// them; a data row differs at its first filled cell, so this costs one
// comparison.
func (rr *rowReader) repeatsHeader(cells []string) *column {
	var first *column
	matches := 0
	for i := range rr.h.cols {
		c := &rr.h.cols[i]
		v := strings.TrimSpace(cellAt(cells, c.idx))
		switch {
		case v == "":
		case v != c.header:
			return nil
		case first == nil:
			first, matches = c, 1
		default:
			matches++
		}
	}
	if matches < minHeaderMatches {
		return nil
	}
	return first
}
