package importers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// Fills of marked cells: Excel's own "bad" and "neutral" cell-style colours,
// which analysts already read as error and warning.
const (
	errorFill    = "FFC7CE"
	warningFill  = "FFEB9C"
	errorColumn  = "오류"
	summarySheet = "가져오기 요약"
	// maxCellText is Excel's limit on the characters in a cell.
	maxCellText = 32767
)

// sheetMarker marks the issues of one sheet.
type sheetMarker struct {
	ctx    context.Context
	f      *excelize.File
	sheet  string
	styles map[[2]int]int // (original style, is error) → marked style
}

func newSheetMarker(ctx context.Context, f *excelize.File, sheet string) *sheetMarker {
	return &sheetMarker{ctx: ctx, f: f, sheet: sheet, styles: map[[2]int]int{}}
}

// mark highlights and comments every cell named by the issues and writes
// the 오류 column after the sheet's last used column, with its title in the
// header row (when known).
func (m *sheetMarker) mark(issues []model.Issue, headerRow int) error {
	// Measured before any edit: excelize then streams the sheet's XML
	// instead of serialising the loaded sheet to stream it.
	col, err := m.lastColumn()
	if err != nil {
		return err
	}
	byCell := map[string][]model.Issue{}
	byRow := map[int][]model.Issue{}
	var cells []string
	for _, is := range issues {
		if _, ok := byCell[is.Cell]; !ok {
			cells = append(cells, is.Cell)
		}
		byCell[is.Cell] = append(byCell[is.Cell], is)
		if _, row, err := excelize.CellNameToCoordinates(is.Cell); err == nil {
			byRow[row] = append(byRow[row], is)
		}
	}
	for _, cell := range cells {
		if err := m.ctx.Err(); err != nil {
			return err
		}
		if err := m.markCell(cell, byCell[cell]); err != nil {
			return err
		}
	}
	return m.writeErrorColumn(col+1, byRow, headerRow)
}

// markCell fills the cell (keeping its number format, font and borders) and
// puts the messages in its comment.
func (m *sheetMarker) markCell(cell string, issues []model.Issue) error {
	isErr := slices.ContainsFunc(issues, func(is model.Issue) bool { return is.Severity == model.SeverityError })
	base, err := m.f.GetCellStyle(m.sheet, cell)
	if err != nil {
		return err
	}
	style, err := m.markedStyle(base, isErr)
	if err != nil {
		return err
	}
	if err := m.f.SetCellStyle(m.sheet, cell, cell, style); err != nil {
		return err
	}
	var lines []string
	for _, is := range issues {
		lines = append(lines, is.Message+" ("+is.Code+")")
	}
	return m.comment(cell, strings.Join(lines, "\n"))
}

// markedStyle is the cell's own style with the fill of the severity.
func (m *sheetMarker) markedStyle(base int, isErr bool) (int, error) {
	key := [2]int{base, 0}
	if isErr {
		key[1] = 1
	}
	if id, ok := m.styles[key]; ok {
		return id, nil
	}
	st, err := m.f.GetStyle(base)
	if err != nil || st == nil {
		st = &excelize.Style{}
	}
	color := warningFill
	if isErr {
		color = errorFill
	}
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	id, err := m.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	m.styles[key] = id
	return id, nil
}

// comment adds the messages as the cell's comment, after any comment the
// cell already had, since a cell holds one comment.
func (m *sheetMarker) comment(cell, text string) error {
	old, err := m.f.GetComments(m.sheet)
	if err != nil {
		return err
	}
	for _, c := range old {
		if c.Cell != cell {
			continue
		}
		prev := c.Text
		for _, p := range c.Paragraph {
			prev += p.Text
		}
		if err := m.f.DeleteComment(m.sheet, cell); err != nil {
			return err
		}
		text += "\n\n" + prev
	}
	return m.f.AddComment(m.sheet, excelize.Comment{Cell: cell, Author: "axdash", Text: truncateRunes(text, 4000),
		Width: 320, Height: 120})
}

// lastColumn is the sheet's widest row, in columns: the 오류 column goes
// after every used cell so that it overwrites nothing.
func (m *sheetMarker) lastColumn() (int, error) {
	rows, err := m.f.Rows(m.sheet)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	last := 0
	for rows.Next() {
		cells, err := rows.Columns(rawCells)
		if err != nil {
			return 0, err
		}
		last = max(last, len(trimTrailing(cells)))
	}
	return last, rows.Error()
}

// writeErrorColumn writes "코드: 메시지" lines for each row with issues.
func (m *sheetMarker) writeErrorColumn(col int, byRow map[int][]model.Issue, headerRow int) error {
	letter, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	wrap, err := m.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Font: &excelize.Font{Color: "9C0006"}})
	if err != nil {
		return err
	}
	if err := m.f.SetColWidth(m.sheet, letter, letter, 60); err != nil {
		return err
	}
	if headerRow > 0 {
		head, err := m.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"}})
		if err == nil {
			err = m.setText(letter, headerRow, errorColumn, head)
		}
		if err != nil {
			return err
		}
	}
	for row, issues := range byRow {
		var lines []string
		for _, is := range issues {
			lines = append(lines, fmt.Sprintf("%s: %s", is.Code, is.Message))
		}
		if err := m.setText(letter, row, truncateRunes(strings.Join(lines, "\n"), maxCellText-1), wrap); err != nil {
			return err
		}
	}
	return nil
}

func (m *sheetMarker) setText(letter string, row int, text string, style int) error {
	ref := fmt.Sprintf("%s%d", letter, row)
	if err := m.f.SetCellStr(m.sheet, ref, text); err != nil {
		return err
	}
	return m.f.SetCellStyle(m.sheet, ref, ref, style)
}

// writeSummarySheet writes the summary in Korean on a new first sheet: the
// outcome and the report's counts, then the issues about the file as a
// whole (and any whose cell could not be placed), and makes it the sheet
// Excel opens on.
func writeSummarySheet(f *excelize.File, rep *model.ImportReport, issues []model.Issue) error {
	name := summarySheet
	for i := 2; slices.Contains(f.GetSheetList(), name); i++ {
		name = fmt.Sprintf("%s (%d)", summarySheet, i)
	}
	first := f.GetSheetName(0)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	lines := [][]string{
		{"파일", rep.File, "상태", model.StatusLabel(rep.Status)},
		{"읽은 행", fmt.Sprint(rep.Rows), "정상 행", fmt.Sprint(rep.Valid)},
		{"문제 수", fmt.Sprint(rep.IssuesTotal), "표시한 문제", fmt.Sprint(len(rep.Issues))},
		nil,
		{"심각도", "코드", "시트", "셀", "메시지"},
	}
	for _, is := range issues {
		lines = append(lines, []string{model.SeverityLabel(is.Severity), is.Code, is.Sheet, is.Cell, is.Message})
	}
	if len(issues) == 0 {
		lines = append(lines, []string{"", "", "", "", fileLevelNone(rep)})
	}
	for r, line := range lines {
		for c, v := range line {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr(name, ref, v); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(name, "E", "E", 90); err != nil {
		return err
	}
	if movable(f) {
		if err := f.MoveSheet(name, first); err != nil {
			return err
		}
	}
	idx, err := f.GetSheetIndex(name)
	if err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	return nil
}

// movable reports whether excelize can reorder the sheets: MoveSheet reads
// every sheet as a worksheet and panics on a chart, dialog or macro sheet
// (excelize 2.11.1). Such a book keeps its summary last, opened first.
func movable(f *excelize.File) bool {
	for _, name := range f.GetSheetList() {
		if _, err := f.GetSheetProps(name); err != nil {
			return false
		}
	}
	return true
}

// fileLevelNone is the summary's line when no issue is about the file as a
// whole: where the others are, or that there are none.
func fileLevelNone(rep *model.ImportReport) string {
	if rep.IssuesTotal > 0 || len(rep.Issues) > 0 {
		return "파일 전체에 대한 문제는 없습니다. 셀의 문제는 해당 셀(빨강: 오류, 노랑: 경고)과 마지막 ‘오류’ 열에 표시했습니다."
	}
	return "문제가 없습니다."
}
