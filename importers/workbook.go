package importers

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// rawCells makes excelize hand over cells as stored: dates as serials,
// numbers without display formatting, so that parsing does not depend on
// the number formats of whoever saved the file.
var rawCells = excelize.Options{RawCellValue: true}

// rowSource is one table read row by row: a worksheet through excelize's
// streaming reader or the records of a CSV file. Both feed one row
// pipeline, so that every rule applies to both alike.
type rowSource interface {
	Next() bool
	Columns() ([]string, error)
	Error() error
	Close() error
}

// sheetSource adapts excelize's streaming rows.
type sheetSource struct{ *excelize.Rows }

func (s sheetSource) Columns() ([]string, error) { return s.Rows.Columns(rawCells) }

// guard runs a reader. Anything excelize, the CSV reader or the row code
// does wrong, including a panic, becomes a file.corrupt issue: no upload
// may crash the process. A panic in the sink itself is the caller's bug
// and is passed on.
func guard(st *state, read func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if st.inSink {
				panic(r)
			}
			st.refuse(CodeFileCorrupt, "파일을 읽는 중 문제가 생겼습니다. 손상되었거나 지원하지 않는 구조의 파일입니다. "+
				"엑셀에서 열어 .xlsx로 다시 저장해 보세요.")
			err = nil
		}
	}()
	return read()
}

// readXLSX reads a workbook that passed the sniff. The returned error is
// only for a cancelled context, a failing temp folder or the sink.
func (im *Importer) readXLSX(ctx context.Context, path string, st *state, sink func(Record) error) error {
	lim := im.limits()
	// A folder of our own: excelize leaves temp files behind when opening
	// fails, and this way they go with it.
	tmp, err := os.MkdirTemp(im.opts.TmpDir, "axdash-import-")
	if err != nil {
		return fmt.Errorf("importers: temp folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(16<<20, lim.MaxUnzipped),
		TmpDir:            tmp,
	})
	if err != nil {
		refuseOpen(err, lim.MaxUnzipped, st)
		return nil
	}
	defer f.Close()
	return im.readWorkbook(ctx, f, path, st, sink)
}

// refuseOpen explains why excelize could not open the file.
func refuseOpen(err error, maxUnzipped int64, st *state) {
	switch {
	case strings.Contains(err.Error(), "unzip size exceeds"):
		st.refuse(CodeFileLimit, "압축을 푼 크기 제한을 넘습니다 (최대 %s).", humanBytes(maxUnzipped))
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		st.refuse(CodeFileEncrypted, "암호가 걸렸거나 지원하지 않는 형식의 통합 문서입니다. 엑셀에서 암호를 해제한 뒤 .xlsx로 저장해 다시 올려 주세요.")
	default:
		st.refuse(CodeFileCorrupt, "파일을 열 수 없습니다. 손상되었거나 올바른 .xlsx 파일이 아닙니다. 엑셀에서 열어 .xlsx로 다시 저장해 보세요.")
	}
}

// readWorkbook picks the sheet and its header, then streams its rows while
// a second reader looks for formulas without values in the same sheet.
func (im *Importer) readWorkbook(ctx context.Context, f *excelize.File, path string, st *state, sink func(Record) error) error {
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	sheet, h, ok := im.chooseSheet(f, st)
	if !ok || !im.settleHeader(h, st) {
		return nil
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		st.refuse(CodeFileCorrupt, "시트 %q를 읽을 수 없습니다.", sheet)
		return nil
	}
	defer rows.Close()
	rr := newRowReader(im, st, sheet, h, sink)
	rr.date1904 = date1904
	rr.formulas = startFormulaScan(path, sheet, h.scanColumns(), h.row, maxFormulaRefs)
	defer rr.formulas.close()
	src := readAhead(sheetSource{rows})
	defer src.Close() // before rows.Close: the reading goroutine must have stopped
	return rr.stream(ctx, src)
}

// settleHeader puts the header into the report and checks it; it reports
// whether the rows can be read.
func (im *Importer) settleHeader(h *header, st *state) bool {
	rep := &st.res.Report
	rep.HeaderRow = h.row
	for _, c := range h.cols {
		rep.Mapping = append(rep.Mapping, model.ColumnMapping{Column: c.letter, Header: cleanLabel(c.header), Field: c.field.Key})
	}
	for _, u := range h.unmapped {
		rep.Unmapped = append(rep.Unmapped, cleanLabel(u))
	}
	return im.checkHeader(h, st)
}

// chooseSheet returns the sheet to read and its header: the one named in
// Options.Sheet, or else the first visible sheet with a header.
func (im *Importer) chooseSheet(f *excelize.File, st *state) (string, *header, bool) {
	names := f.GetSheetList()
	if want := im.opts.Sheet; want != "" {
		return im.namedSheet(f, names, want, st)
	}
	var candidates []string
	for _, name := range names {
		if visible, err := f.GetSheetVisible(name); err == nil && visible {
			candidates = append(candidates, name)
		}
	}
	if len(candidates) == 0 {
		candidates = names
	}
	for _, name := range candidates {
		h, ok := im.sheetHeader(f, name, st)
		if !ok {
			return "", nil, false
		}
		if h != nil {
			return name, h, true
		}
	}
	if len(candidates) > 0 {
		st.res.Report.Sheet = cleanLabel(candidates[0])
	}
	st.refuse(CodeHeaderNotFound, "머리글 행을 찾지 못했습니다. 시트의 처음 %d행 안에 기업명·시도·업종·종업원수·AI도입단계 같은 "+
		"머리글이 한 행에 %d개 이상 있어야 합니다.", im.limits().HeaderScanRows, minHeaderMatches)
	return "", nil, false
}

// namedSheet reads the sheet the analyst chose; trimmed, case-insensitive
// names are accepted since sheet names are typed by hand on the command line.
func (im *Importer) namedSheet(f *excelize.File, names []string, want string, st *state) (string, *header, bool) {
	sheet := ""
	for _, n := range names {
		if n == want || (sheet == "" && strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(want))) {
			sheet = n
		}
	}
	if sheet == "" {
		st.refuse(CodeHeaderNotFound, "시트 %q를 찾을 수 없습니다. 이 파일의 시트: %s", want, cleanLabel(strings.Join(names, ", ")))
		return "", nil, false
	}
	h, ok := im.sheetHeader(f, sheet, st)
	if !ok {
		return "", nil, false
	}
	if h == nil {
		st.res.Report.Sheet = cleanLabel(sheet)
		st.refuse(CodeHeaderNotFound, "시트 %q의 처음 %d행에서 머리글 행을 찾지 못했습니다.", sheet, im.limits().HeaderScanRows)
		return "", nil, false
	}
	return sheet, h, true
}

// sheetHeader detects the header of one sheet; nil with ok means none.
func (im *Importer) sheetHeader(f *excelize.File, sheet string, st *state) (*header, bool) {
	st.res.Report.Sheet = cleanLabel(sheet)
	rows, err := f.Rows(sheet)
	if err != nil {
		st.refuse(CodeFileCorrupt, "시트 %q를 읽을 수 없습니다.", sheet)
		return nil, false
	}
	defer rows.Close()
	head, ok := im.scanHead(sheetSource{rows}, sheet, st)
	if !ok {
		return nil, false
	}
	return im.schema.detectHeader(head), true
}

// scanHead reads the first HeaderScanRows rows of a table for header
// detection, with the column limit already applied. The rows are copied:
// a CSV source reuses its record.
func (im *Importer) scanHead(src rowSource, sheet string, st *state) ([][]string, bool) {
	lim := im.limits()
	var head [][]string
	for len(head) < lim.HeaderScanRows && src.Next() {
		cells, err := src.Columns()
		if err != nil {
			(&rowReader{st: st, sheet: sheet, row: len(head) + 1}).rowsError(err)
			return nil, false
		}
		cells = trimTrailing(cells)
		if len(cells) > lim.MaxColumns {
			st.refuse(CodeFileLimit, "열 수 제한을 넘습니다: %d열 (최대 %d열).", len(cells), lim.MaxColumns)
			return nil, false
		}
		head = append(head, append([]string(nil), cells...))
	}
	if err := src.Error(); err != nil {
		(&rowReader{st: st, sheet: sheet, row: len(head) + 1}).rowsError(err)
		return nil, false
	}
	return head, true
}
