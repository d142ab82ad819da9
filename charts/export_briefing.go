package charts

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteBriefingXLSX writes the briefing workbook: a cover sheet with the
// measures against the previous wave and, for a region, the nation, then
// one sheet per table with its native chart.
func WriteBriefingXLSX(w io.Writer, title string, measures []BriefingMeasure, tables []*Table, m ExportMeta) error {
	f := excelize.NewFile()
	defer f.Close()
	const cover = "요약"
	if err := f.SetSheetName("Sheet1", cover); err != nil {
		return fmt.Errorf("charts: briefing: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("charts: briefing: %w", err)
	}
	if err := writeCover(f, st, cover, title, measures, tables, m); err != nil {
		return fmt.Errorf("charts: briefing: %w", err)
	}
	used := map[string]bool{cover: true}
	bars := errorBars{}
	for _, t := range tables {
		t = withResponses(t)
		name := SheetName(t.Figure.Title)
		for i := 2; used[name]; i++ {
			name = SheetName(fmt.Sprintf("%s %d", t.Figure.Title, i))
		}
		used[name] = true
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("charts: briefing: %w", err)
		}
		if _, err := writeFigureSheet(f, st, name, t, m, bars); err != nil {
			return fmt.Errorf("charts: briefing: %w", err)
		}
	}
	f.SetActiveSheet(0)
	if err := writeWithErrorBars(f, w, bars); err != nil {
		return fmt.Errorf("charts: briefing: %w", err)
	}
	return nil
}

// withResponses is a by-시도 table without its 시도 of no responses: a
// region's briefing lists that region, not the other 16 at 0. Other tables
// are kept whole: an item no firm chose is a finding.
func withResponses(t *Table) *Table {
	n := colIndex(t, "n")
	if n < 0 || colIndex(t, "region_name") < 0 {
		return t
	}
	out := *t
	out.Rows = nil
	for _, row := range t.Rows {
		if n < len(row) && isZero(row[n]) {
			continue
		}
		out.Rows = append(out.Rows, row)
	}
	return &out
}

func writeCover(f *excelize.File, st *xlsxStyles, sheet, title string, measures []BriefingMeasure, tables []*Table, m ExportMeta) error {
	row, err := writeTitle(f, st, sheet, title, m)
	if err != nil {
		return err
	}
	rows := m.metaRows([2]string{"출처", m.Source})
	for _, c := range m.Cautions {
		rows = append(rows, [2]string{"주의", c})
	}
	for _, kv := range rows {
		if err := setRow(f, sheet, row, kv[:]); err != nil {
			return err
		}
		row++
	}
	row++
	header := []string{"지표", "값", "단위", "이전 차수 값", "변화", "변화 단위", "변화 유의성"}
	if len(measures) > 0 && measures[0].Nation != nil {
		header = append(header, "전국 값", "전국과 차이", "차이 단위", "차이 유의성")
	}
	if err := setRow(f, sheet, row, header); err != nil {
		return err
	}
	headerRow := row
	last, _ := excelize.ColumnNumberToName(len(header))
	if err := f.SetCellStyle(sheet, "A"+fmt.Sprint(row), last+fmt.Sprint(row), st.header); err != nil {
		return err
	}
	for _, bm := range measures {
		row++
		if err := writeCoverMeasure(f, st, sheet, row, bm); err != nil {
			return err
		}
	}
	row += 2
	if err := setText(f, sheet, 1, row, "시트"); err != nil {
		return err
	}
	for _, t := range tables {
		if err := setText(f, sheet, 2, row, t.Figure.Title); err != nil {
			return err
		}
		row++
	}
	if err := f.SetColWidth(sheet, "A", "A", 22); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", last, 14); err != nil {
		return err
	}
	e := printExtent{cols: len(header), rows: row - 1, header: headerRow}
	return setPrintLayout(f, sheet, e.measured(f, sheet))
}

// setRow writes texts into a row from column A.
func setRow(f *excelize.File, sheet string, row int, texts []string) error {
	for i, s := range texts {
		if err := setText(f, sheet, i+1, row, s); err != nil {
			return err
		}
	}
	return nil
}

// writeCoverMeasure writes one measure's row: label, value and unit, then
// each comparison as the other value, the change, the change's unit and
// whether it is significant (Measure.Significance).
func writeCoverMeasure(f *excelize.File, st *xlsxStyles, sheet string, row int, bm BriefingMeasure) error {
	h := bm.Trend
	unit := h.Unit
	if unit == "원" {
		unit = "백만원"
	}
	if err := setRow(f, sheet, row, []string{h.Label}); err != nil {
		return err
	}
	if err := setText(f, sheet, 3, row, unit); err != nil {
		return err
	}
	value := func(at int, v any) error {
		if x, ok := ExportValue(Column{Unit: h.Unit}, v).(float64); ok {
			return setNumber(f, sheet, at, row, x, st.num[numFmt(h.Unit)])
		}
		return nil
	}
	if err := value(2, h.Value); err != nil {
		return err
	}
	cmps := []Measure{h}
	if bm.Nation != nil {
		cmps = append(cmps, *bm.Nation)
	}
	for i, c := range cmps {
		at := 4 + 4*i // the other value, then the change, its unit and significance
		if err := value(at, c.Other); err != nil {
			return err
		}
		if x, ok := number(c.Change); ok {
			nf := fmtRate
			if c.ChangeUnit == "%p" {
				nf = fmtPoint
			}
			if err := setNumber(f, sheet, at+1, row, x, st.num[nf]); err != nil {
				return err
			}
			if err := setText(f, sheet, at+2, row, c.ChangeUnit); err != nil {
				return err
			}
			if err := setText(f, sheet, at+3, row, c.Significance()); err != nil {
				return err
			}
		}
	}
	return nil
}

// BriefingTitle names the briefing after its filters.
func BriefingTitle(m ExportMeta) string {
	title := "지역 중소기업 AI 도입 현황 브리핑"
	if len(m.Filters) > 0 {
		title = strings.Join(m.Filters, " · ") + " " + title
	}
	return title + " (" + m.Wave + ")"
}

func isZero(v any) bool {
	x, ok := number(v)
	return ok && x == 0
}
