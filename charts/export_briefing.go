package charts

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteBriefingXLSX writes the briefing workbook: a cover sheet with the
// headline measures, then one sheet per table with its native chart.
func WriteBriefingXLSX(w io.Writer, title string, headlines []Measure, tables []*Table, m ExportMeta) error {
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
	if err := writeCover(f, st, cover, title, headlines, tables, m); err != nil {
		return fmt.Errorf("charts: briefing: %w", err)
	}
	used := map[string]bool{cover: true}
	for _, t := range tables {
		name := SheetName(t.Figure.Title)
		for i := 2; used[name]; i++ {
			name = SheetName(fmt.Sprintf("%s %d", t.Figure.Title, i))
		}
		used[name] = true
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("charts: briefing: %w", err)
		}
		if _, err := writeFigureSheet(f, st, name, t, m); err != nil {
			return fmt.Errorf("charts: briefing: %w", err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("charts: briefing: %w", err)
	}
	return nil
}

func writeCover(f *excelize.File, st *xlsxStyles, sheet, title string, headlines []Measure, tables []*Table, m ExportMeta) error {
	if err := setText(f, sheet, 1, 1, title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}
	row := 2
	for _, kv := range [][2]string{{"조사 차수", m.Wave}, {"필터", m.filterText()}, {"출처", m.Source}} {
		if err := setText(f, sheet, 1, row, kv[0]); err != nil {
			return err
		}
		if err := setText(f, sheet, 2, row, kv[1]); err != nil {
			return err
		}
		row++
	}
	row++
	header := row
	for i, h := range []string{"지표", "값", "단위", "비교 값", "변화", "변화 단위"} {
		if err := setText(f, sheet, i+1, header, h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A"+fmt.Sprint(header), "F"+fmt.Sprint(header), st.header); err != nil {
		return err
	}
	for _, h := range headlines {
		row++
		col := Column{Unit: h.Unit}
		unit := h.Unit
		if unit == "원" {
			unit = "백만원"
		}
		if err := setText(f, sheet, 1, row, h.Label); err != nil {
			return err
		}
		for i, v := range []any{h.Value, h.Other} {
			if x, ok := ExportValue(col, v).(float64); ok {
				if err := setNumber(f, sheet, 2+2*i, row, x, st.num[numFmt(h.Unit)]); err != nil {
					return err
				}
			}
		}
		if err := setText(f, sheet, 3, row, unit); err != nil {
			return err
		}
		if x, ok := number(h.Change); ok {
			if err := setNumber(f, sheet, 5, row, x, st.num[fmtRate]); err != nil {
				return err
			}
			if err := setText(f, sheet, 6, row, h.ChangeUnit); err != nil {
				return err
			}
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
	return f.SetColWidth(sheet, "B", "F", 14)
}

// BriefingTitle names the briefing after its filters.
func BriefingTitle(m ExportMeta) string {
	title := "지역 중소기업 AI 도입 현황 브리핑"
	if len(m.Filters) > 0 {
		title = strings.Join(m.Filters, " · ") + " " + title
	}
	return title + " (" + m.Wave + ")"
}
