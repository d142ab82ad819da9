package importers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// cancelEvery is how many sheet rows go by between context checks: often
// enough to stop within a fraction of a second, rarely enough to cost
// nothing.
const cancelEvery = 1000

// rowReader streams the data rows of the chosen sheet. Only the valid
// records and the issues (bounded by MaxIssues) are kept, so memory does
// not grow with the sheet beyond what is stored.
type rowReader struct {
	im       *Importer
	st       *state
	sheet    string
	h        *header
	date1904 bool
	seen     map[string]int // business number → the sheet row it was first seen in
	row      int            // the sheet row being read
	rowErr   bool           // whether that row has an error
}

// stream reads every row below the header.
func (rr *rowReader) stream(ctx context.Context, f *excelize.File) error {
	lim, rep := rr.im.limits(), &rr.st.res.Report
	rows, err := f.Rows(rr.sheet)
	if err != nil {
		rr.st.refuse(CodeFileCorrupt, "시트 %q를 읽을 수 없습니다.", rr.sheet)
		return nil
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		rr.row = n
		if n%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return rr.stopped(err)
			}
		}
		if n <= rr.h.row {
			continue
		}
		cells, err := rows.Columns(rawCells)
		if err != nil {
			return rr.rowsError(err)
		}
		if cells = trimTrailing(cells); isBlank(cells) {
			continue
		}
		if len(cells) > lim.MaxColumns {
			rr.st.refuse(CodeFileLimit, "열 수 제한을 넘습니다: %d행에 %d열 (최대 %d열).", n, len(cells), lim.MaxColumns)
			return nil
		}
		if rr.skipRow(cells, n) {
			continue
		}
		if rep.Rows >= lim.MaxRows {
			rr.st.refuse(CodeFileLimit, "데이터 행 수 제한을 넘습니다 (최대 %d행). 파일을 나누어 올려 주세요.", lim.MaxRows)
			return nil
		}
		rep.Rows++
		rr.readRow(cells, n)
	}
	return rr.rowsError(rows.Error())
}

// rowsError explains an error the row iterator stopped on.
func (rr *rowReader) rowsError(err error) error {
	switch {
	case err == nil:
	case errors.Is(err, excelize.ErrMaxRows):
		rr.st.refuse(CodeFileLimit, "행 번호가 엑셀의 최대 행 수를 넘습니다.")
	default:
		rr.st.refuse(CodeFileCorrupt, "시트를 끝까지 읽지 못했습니다. 파일이 손상되었을 수 있습니다.")
	}
	return nil
}

// stopped handles a done context: a deadline is the import's time limit and
// becomes an issue; a cancellation is the caller's and is returned.
func (rr *rowReader) stopped(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		rr.st.refuse(CodeFileLimit, "처리 시간 제한을 넘어 %d행에서 읽기를 멈췄습니다.", rr.row)
		return nil
	}
	return fmt.Errorf("importers: reading sheet %q: %w", rr.sheet, err)
}

// totalWords are first cells of summary rows, which are not firms.
var totalWords = map[string]bool{
	"합계": true, "계": true, "소계": true, "총계": true, "총합계": true, "누계": true, "합": true,
	"total": true, "subtotal": true, "grandtotal": true, "sum": true,
}

// notePrefixes start footnote rows under a table ("※ 가중치는 …").
var notePrefixes = []string{"※", "*", "주)", "주:", "주1)", "출처", "자료:", "비고:"}

// skipRow skips summary rows and footnotes with a warning each.
func (rr *rowReader) skipRow(cells []string, n int) bool {
	first, idx, count := "", 0, 0
	for i, c := range cells {
		if strings.TrimSpace(c) != "" {
			if count == 0 {
				first, idx = c, i
			}
			count++
		}
	}
	if len(first) > 64 { // no summary word or footnote mark is this long
		return false
	}
	key := strings.TrimRight(fold(first), ":")
	base, _, _ := splitNote(key)
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

// readRow normalises one data row into a record; a row with any error is
// counted but not kept.
func (rr *rowReader) readRow(cells []string, n int) {
	rr.row, rr.rowErr = n, false
	rec := Record{Response: model.Response{SourceRow: n, Weight: 1}}
	for i := range rr.h.cols {
		c := &rr.h.cols[i]
		rr.setField(&rec, c, cellAt(cells, c.idx))
	}
	rr.crossCheck(&rec)
	if !rr.rowErr {
		rr.st.res.Report.Valid++
		rr.st.res.Records = append(rr.st.res.Records, rec)
	}
}

// report turns a normaliser's problem into an issue on the current row.
func (rr *rowReader) report(c *column, raw string, p *problem) {
	if p == nil {
		return
	}
	sev := model.SeverityWarning
	if !p.warn {
		sev, rr.rowErr = model.SeverityError, true
	}
	rr.st.add(model.Issue{Severity: sev, Code: c.field.Key + "." + p.code, Sheet: rr.sheet,
		Cell: c.letter + strconv.Itoa(rr.row), Row: rr.row, Header: c.header, Value: raw, Message: p.msg})
}

// column returns the mapped column of a field, or nil.
func (rr *rowReader) column(key string) *column {
	for i := range rr.h.cols {
		if rr.h.cols[i].field.Key == key {
			return &rr.h.cols[i]
		}
	}
	return nil
}
