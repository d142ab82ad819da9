package importers

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/quality"
)

// cancelEvery is how many sheet rows go by between context checks: often
// enough to stop within a fraction of a second, rarely enough to cost
// nothing.
const cancelEvery = 1000

// rowReader streams the data rows of the chosen table. Only the issues
// (bounded by MaxIssues) and one compact entry per business number are
// kept; records go to the sink as they are read, so memory does not grow
// with the number of rows.
type rowReader struct {
	im       *Importer
	st       *state
	sheet    string
	h        *header
	sink     func(Record) error
	date1904 bool
	// displayed is a CSV's: its cells are the text Excel showed, not the
	// numbers it stored, so a number in E notation was rounded to fit.
	displayed bool
	formulas  *formulaCells    // nil for CSV, which has no formulas
	seen      map[uint64]int32 // business number → the row it was first seen in
	codes     codeCache        // memo of code answers, see lookup.go
	rules     *quality.Checker // the data-quality rules for this sheet's columns
	row       int              // the row being read
	rowErr    bool             // whether that row has an error
	fcols     []int            // formula cells without a value in that row
	scaled    []colScale       // numbers in that row whose format shows them scaled
	dataRows  []uint64         // bitset of the sheet rows read as data (xlsx only), see merges.go
	// rec is the row being filled. It lives here rather than on readRow's
	// stack because the field table's setters, called through func values,
	// would make a local escape: one heap record per row.
	rec Record
}

func newRowReader(im *Importer, st *state, sheet string, h *header, sink func(Record) error) *rowReader {
	rr := &rowReader{im: im, st: st, sheet: sheet, h: h, sink: sink,
		seen: map[uint64]int32{}, codes: codeCache{}}
	rr.rules = im.opts.Rules.Checker(func(key string) bool { return rr.column(key) != nil }, im.opts.Period)
	return rr
}

// stream reads every row below the header.
func (rr *rowReader) stream(ctx context.Context, src rowSource) error {
	lim, rep := rr.im.limits(), &rr.st.res.Report
	for n := 1; src.Next(); n++ {
		rr.row = n
		if n%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return rr.stopped(err)
			}
		}
		if n <= rr.h.row {
			continue
		}
		cells, err := src.Columns()
		if err != nil {
			return rr.rowsError(err)
		}
		if err := rr.formulasAt(n); err != nil || rr.st.refused {
			return err
		}
		// A row whose cells are all uncalculated formulas looks blank to
		// excelize; it is read, so that each such cell is reported.
		if cells = trimTrailing(cells); isBlank(cells) && len(rr.fcols) == 0 {
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
		rr.markDataRow(n)
		if err := rr.readRow(cells, n); err != nil || rr.st.refused {
			return err
		}
	}
	if err := src.Error(); err != nil {
		return rr.rowsError(err)
	}
	if rr.formulas != nil {
		err := rr.formulaError(rr.formulas.finish(rr.row))
		rr.checkMerges()
		return err
	}
	return nil
}

// rowsError explains an error the row iterator stopped on.
func (rr *rowReader) rowsError(err error) error {
	var pe *csv.ParseError
	switch {
	case err == nil:
	case errors.Is(err, excelize.ErrMaxRows):
		rr.st.refuse(CodeFileLimit, "행 번호가 엑셀의 최대 행 수를 넘습니다.")
	case errors.Is(err, errCSVFields):
		rr.st.refuse(CodeFileLimit, "열 수 제한을 넘습니다: %d행의 열이 엑셀의 최대 열 수(%d)보다 많습니다.", rr.row, maxCSVFields)
	case errors.Is(err, errCSVRecord):
		rr.st.refuse(CodeFileLimit, "한 행의 크기 제한(%s)을 넘습니다: %d행. 따옴표가 닫히지 않았을 수 있습니다.",
			humanBytes(maxCSVRecordBytes), rr.row)
	case errors.As(err, &pe):
		what := "따옴표(\")가 값 중간에 있습니다. 따옴표가 든 값은 전체를 따옴표로 감싸고 안의 따옴표는 두 번(\"\") 써야 합니다."
		if errors.Is(pe.Err, csv.ErrQuote) {
			what = "따옴표로 시작한 값이 제대로 닫히지 않았습니다."
		}
		rr.st.refuse(CodeFileCorrupt, "CSV 형식이 올바르지 않습니다: %d번째 줄(엑셀로 열면 %d행 부근): %s 엑셀에서 파일을 열어 "+
			".xlsx로 저장해 올리면 이 문제를 피할 수 있습니다.", pe.StartLine, rr.row, what)
	default:
		rr.st.refuse(CodeFileCorrupt, "시트를 끝까지 읽지 못했습니다. 파일이 손상되었을 수 있습니다.")
	}
	return nil
}

// formulaError refuses a file whose formula cells could not be checked:
// reading on would risk taking an uncalculated formula for an empty cell.
func (rr *rowReader) formulaError(err error) error {
	switch {
	case err == nil:
	case errors.Is(err, errFormulaOverflow):
		rr.st.refuse(CodeFileLimit, "계산 결과가 저장되지 않은 수식 셀이 %d개를 넘습니다. 엑셀에서 파일을 열어 "+
			"다시 계산(F9)한 뒤 저장해 올려 주세요.", maxFormulaRefs)
	case errors.Is(err, errSheetCut), errors.Is(err, errSheetXML):
		rr.st.refuse(CodeFileCorrupt, "시트를 끝까지 읽지 못했습니다: %d행 다음의 XML이 올바르지 않습니다 (UTF-8이 아닌 글자, "+
			"정의되지 않은 엔티티 등). 엑셀에서 열어 .xlsx로 다시 저장해 보세요.", rr.row)
	case errors.Is(err, errStyles):
		rr.st.refuse(CodeFileCorrupt, "셀 서식(styles.xml)을 읽을 수 없어 숫자 열의 값이 화면에 보이는 값과 같은지(35%%로 "+
			"보이는 0.35, 천원 단위로 보이는 원 금액) 알 수 없습니다. 엑셀에서 열어 .xlsx로 다시 저장해 보세요.")
	case errors.Is(err, errRowOrder):
		rr.st.refuse(CodeFileCorrupt, "시트의 행 순서가 올바르지 않습니다. 엑셀에서 열어 .xlsx로 다시 저장해 보세요.")
	default:
		rr.st.refuse(CodeFileCorrupt, "시트를 끝까지 읽지 못했습니다. 파일이 손상되었을 수 있습니다 (압축 검사 실패). "+
			"엑셀에서 열어 .xlsx로 다시 저장해 보세요.")
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

// readRow normalises one data row into a record and hands a valid one to
// the sink; a row with any error is counted but not passed on. A sink
// error stops the read.
func (rr *rowReader) readRow(cells []string, n int) error {
	rr.row, rr.rowErr = n, false
	rr.rec = Record{Response: model.Response{SourceRow: n, Weight: 1}}
	rec := &rr.rec
	for i := range rr.h.cols {
		c := &rr.h.cols[i]
		if rr.noValue(c) {
			continue
		}
		rr.setField(rec, c, cellAt(cells, c.idx))
	}
	if !rr.rowErr {
		rr.checkRules(rec, cells)
	}
	if rr.rowErr {
		return nil
	}
	rr.st.res.Report.Valid++
	if rr.sink == nil {
		return nil
	}
	rr.st.inSink = true
	err := rr.sink(*rec)
	rr.st.inSink = false
	if err != nil {
		return fmt.Errorf("importers: row %d: %w", n, err)
	}
	return nil
}

// formulasAt fetches the row's formula cells without a value, from the
// scan running alongside; a failed scan refuses the file.
func (rr *rowReader) formulasAt(n int) error {
	if rr.formulas == nil {
		return nil
	}
	fcols, scaled, err := rr.formulas.at(n, rr.fcols, rr.scaled)
	if err != nil {
		return rr.formulaError(err)
	}
	rr.fcols, rr.scaled = fcols, scaled
	return nil
}

// scaleAt returns the power of ten a cell of the current row is shown at,
// if its number format scales it in that field.
func (rr *rowReader) scaleAt(c *column) (int, bool) {
	for _, s := range rr.scaled {
		if s.col == c.idx {
			exp := s.exp()
			return exp, exp != 0
		}
	}
	return 0, false
}

// noValue reports (and flags) a mapped cell holding a formula whose result
// was never saved, which excelize would hand over as an empty cell.
func (rr *rowReader) noValue(c *column) bool {
	for _, col := range rr.fcols {
		if col == c.idx {
			rr.report(c, "", errorf("formula_no_value", "수식의 계산 결과가 파일에 저장되어 있지 않습니다. 엑셀에서 "+
				"파일을 열어 다시 계산(F9)한 뒤 저장해 주세요."))
			return true
		}
	}
	return false
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
