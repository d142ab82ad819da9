package charts

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ExportMeta is what an export says about its figure besides the table:
// the wave, the filters by their Korean names and the source line.
type ExportMeta struct {
	Wave    string
	Filters []string
	Source  string
	// Synthetic says the wave is generated demo data: every export then
	// carries SyntheticNotice.
	Synthetic bool
	// Internal says the figures are the unprotected internal view: every
	// export then starts with InternalNotice.
	Internal bool
	// Provenance names the wave's agency and period (report.ProvenanceNote),
	// "" when neither is recorded: a line of every CSV and a meta row of
	// every sheet.
	Provenance string
	// Cautions are the warnings about the waves a briefing sets side by
	// side (report.View.Warnings): meta rows of its cover, whose change
	// column makes that comparison.
	Cautions []string
}

// InternalNotice marks the internal (unprotected) view wherever it shows:
// a banner on pages, the first line of every file.
const InternalNotice = "내부용 — 공개되지 않는 값 포함"

// SyntheticNotice marks a synthetic (demo) wave wherever it shows: pages,
// exports and the briefing.
const SyntheticNotice = "합성 자료 — 통계로 인용하지 마십시오"

// metaRows are the label-value lines every sheet of an export has under
// its title, the synthetic-data mark first when the wave is synthetic.
func (m ExportMeta) metaRows(rest ...[2]string) [][2]string {
	var out [][2]string
	if m.Synthetic {
		out = append(out, [2]string{"자료 구분", SyntheticNotice})
	}
	out = append(out, [2]string{"조사 차수", m.Wave}, [2]string{"필터", m.filterText()})
	if m.Provenance != "" {
		out = append(out, [2]string{"조사 정보", m.Provenance})
	}
	return append(out, rest...)
}

// notices are the lines a file starts with: the internal view's, the
// synthetic data's, then the wave's provenance.
func (m ExportMeta) notices() []string {
	var out []string
	if m.Internal {
		out = append(out, InternalNotice)
	}
	if m.Synthetic {
		out = append(out, SyntheticNotice)
	}
	if m.Provenance != "" {
		out = append(out, m.Provenance)
	}
	return out
}

func (m ExportMeta) filterText() string {
	if len(m.Filters) == 0 {
		return "전체"
	}
	return strings.Join(m.Filters, " · ")
}

// Number formats of the export: counts with thousands separators, rates
// and money (백만원) with one decimal. Rates are stored as percentages
// (18.2, as in the JSON and CSV) and shown with a literal % sign, so that a
// copied cell keeps the number the page shows.
const (
	fmtCount = "#,##0"
	fmtRate  = `0.0"%"`
	// fmtPoint is a difference of two rates, in percentage points.
	fmtPoint = `0.0"%p"`
	fmtMoney = "#,##0.0"
)

func numFmt(unit string) string {
	switch unit {
	case "%":
		return fmtRate
	case "원":
		return fmtMoney
	default:
		return fmtCount
	}
}

// SheetName makes a valid, unique-enough Excel sheet name from a title:
// no []:*?/\ and at most 31 characters.
func SheetName(title string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return ' '
		}
		return r
	}, Clean(title))
	s = strings.TrimSpace(s)
	for utf8.RuneCountInString(s) > 31 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	if s == "" {
		return "figure"
	}
	return s
}

// absRef is an absolute reference to a cell range on a sheet, quoted so
// that any sheet name works.
func absRef(sheet string, col1, row1, col2, row2 int) string {
	c1, _ := excelize.ColumnNumberToName(col1)
	c2, _ := excelize.ColumnNumberToName(col2)
	q := sheetPrefix(sheet)
	if col1 == col2 && row1 == row2 {
		return fmt.Sprintf("%s$%s$%d", q, c1, row1)
	}
	return fmt.Sprintf("%s$%s$%d:$%s$%d", q, c1, row1, c2, row2)
}

// sheetPrefix is the quoted sheet name a reference starts with.
func sheetPrefix(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
}

// xlsxStyles are the styles a sheet writer shares.
type xlsxStyles struct {
	title, header, label int
	num                  map[string]int
}

func newStyles(f *excelize.File) (*xlsxStyles, error) {
	st := &xlsxStyles{num: map[string]int{}}
	var err error
	if st.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return nil, err
	}
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}); err != nil {
		return nil, err
	}
	if st.label, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "555555"}}); err != nil {
		return nil, err
	}
	for _, nf := range []string{fmtCount, fmtRate, fmtMoney, fmtPoint} {
		code := nf
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			return nil, err
		}
		st.num[nf] = id
	}
	return st, nil
}

// setText writes s as a string cell: SetCellStr never makes a formula,
// whatever s starts with.
func setText(f *excelize.File, sheet string, col, row int, s string) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	return f.SetCellStr(sheet, cell, Clean(s))
}

func setNumber(f *excelize.File, sheet string, col, row int, v float64, style int) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if err := f.SetCellFloat(sheet, cell, v, -1, 64); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}

// writeTitle writes a sheet's title in its first row, or in its second
// under InternalNotice when the figures are the internal view's (a file's
// first line says so), and returns the row after it.
func writeTitle(f *excelize.File, st *xlsxStyles, sheet, title string, m ExportMeta) (int, error) {
	row := 1
	if m.Internal {
		if err := setText(f, sheet, 1, row, InternalNotice); err != nil {
			return 0, err
		}
		row++
	}
	if err := setText(f, sheet, 1, row, title); err != nil {
		return 0, err
	}
	cell, _ := excelize.CoordinatesToCellName(1, row)
	if err := f.SetCellStyle(sheet, cell, cell, st.title); err != nil {
		return 0, err
	}
	return row + 1, nil
}

// writeFigureSheet lays out one figure on sheet: the title, wave, filters,
// n, source and notes, then the table (header at tableRow) with its 상태
// column (see withStatus) and a native chart beside it, whose error bars
// it records in bars. It returns the table's header row.
func writeFigureSheet(f *excelize.File, st *xlsxStyles, sheet string, t *Table, m ExportMeta, bars errorBars) (int, error) {
	t = withStatus(t)
	row, err := writeTitle(f, st, sheet, t.Figure.Title, m)
	if err != nil {
		return 0, err
	}
	meta := m.metaRows([2]string{"응답 기업 수(n)", ""}, [2]string{"출처", m.Source})
	labelStart, _ := excelize.CoordinatesToCellName(1, row)
	for _, kv := range meta {
		if err := setText(f, sheet, 1, row, kv[0]); err != nil {
			return 0, err
		}
		if kv[0] == "응답 기업 수(n)" && t.NWithheld {
			if err := setText(f, sheet, 2, row, Withheld); err != nil {
				return 0, err
			}
		} else if kv[0] == "응답 기업 수(n)" {
			if err := setNumber(f, sheet, 2, row, float64(t.N), st.num[fmtCount]); err != nil {
				return 0, err
			}
		} else if err := setText(f, sheet, 2, row, kv[1]); err != nil {
			return 0, err
		}
		row++
	}
	notes := row
	for _, note := range t.Notes {
		if strings.HasPrefix(note, "출처: ") || note == m.Provenance {
			continue // in the meta rows above
		}
		if row == notes {
			if err := setText(f, sheet, 1, row, "주"); err != nil {
				return 0, err
			}
		}
		if err := setText(f, sheet, 2, row, note); err != nil {
			return 0, err
		}
		row++
	}
	labelEnd, _ := excelize.CoordinatesToCellName(1, row-1)
	if err := f.SetCellStyle(sheet, labelStart, labelEnd, st.label); err != nil {
		return 0, err
	}
	header := row + 1
	for i, col := range t.Columns {
		if err := setText(f, sheet, i+1, header, DisplayLabel(col)); err != nil {
			return 0, err
		}
	}
	if len(t.Columns) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(t.Columns), header)
		first, _ := excelize.CoordinatesToCellName(1, header)
		if err := f.SetCellStyle(sheet, first, end, st.header); err != nil {
			return 0, err
		}
	}
	for r, data := range t.Rows {
		for i, col := range t.Columns {
			if i >= len(data) {
				continue
			}
			switch v := ExportValue(col, data[i]).(type) {
			case float64:
				if err := setNumber(f, sheet, i+1, header+1+r, v, st.num[numFmt(col.Unit)]); err != nil {
					return 0, err
				}
			case string:
				if err := setText(f, sheet, i+1, header+1+r, v); err != nil {
					return 0, err
				}
			}
		}
	}
	for i, col := range t.Columns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		width := 12.0
		switch {
		case i == 0:
			width = 18
		case col.Unit == "" && (col.Key == "note" || col.Key == "use_areas"):
			width = 30
		}
		if err := f.SetColWidth(sheet, name, name, width); err != nil {
			return 0, err
		}
	}
	e, err := addExcelChart(f, sheet, t, header, bars)
	if err != nil {
		return 0, err
	}
	// The notes run on from column B over empty cells: print them whole.
	e.minWidthPx = max(e.minWidthPx, sheetWidthPx(f, sheet, 1)+textWidthPx(t.Notes...))
	return header, setPrintLayout(f, sheet, e.measured(f, sheet))
}

func ptr[T any](v T) *T { return &v }

// WriteXLSX writes one figure as a workbook: one sheet with the figure's
// metadata, its table with number formats and a native Excel chart with
// the 95% intervals as error bars.
func WriteXLSX(w io.Writer, t *Table, m ExportMeta) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := SheetName(t.Figure.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("charts: xlsx: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("charts: xlsx: %w", err)
	}
	bars := errorBars{}
	if _, err := writeFigureSheet(f, st, sheet, t, m, bars); err != nil {
		return fmt.Errorf("charts: xlsx: %w", err)
	}
	if err := writeWithErrorBars(f, w, bars); err != nil {
		return fmt.Errorf("charts: xlsx: %w", err)
	}
	return nil
}
