package charts

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteComparisonCSV writes the comparison's tables one after another, each
// led by its title line and followed by an empty line, under the file's
// notices (WriteCSV's layout, once per table: a status column each).
func WriteComparisonCSV(w io.Writer, rc *RegionComparison, m ExportMeta) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	lines := append(m.notices(), rc.Sentences...)
	for _, line := range lines {
		if err := cw.Write([]string{NeutraliseFormula(Clean(line))}); err != nil {
			return fmt.Errorf("charts: csv: %w", err)
		}
	}
	for _, t := range rc.Tables() {
		if err := cw.Write([]string{NeutraliseFormula(Clean(t.Figure.Title))}); err != nil {
			return fmt.Errorf("charts: csv: %w", err)
		}
		if err := writeCSVTable(cw, withStatus(t)); err != nil {
			return err
		}
		if err := cw.Write([]string{""}); err != nil {
			return fmt.Errorf("charts: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	return nil
}

// WriteComparisonXLSX writes one sheet per table of the comparison, as a
// figure's workbook does; the first sheet's notes start with the
// sentences.
func WriteComparisonXLSX(w io.Writer, rc *RegionComparison, m ExportMeta) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("charts: xlsx: %w", err)
	}
	bars := errorBars{}
	for i, t := range rc.Tables() {
		sheet := SheetName(t.Figure.Title)
		if i == 0 {
			err = f.SetSheetName("Sheet1", sheet)
			first := *t
			first.Notes = append(append([]string{}, rc.Sentences...), t.Notes...)
			t = &first
		} else {
			_, err = f.NewSheet(sheet)
		}
		if err != nil {
			return fmt.Errorf("charts: xlsx: %w", err)
		}
		if _, err := writeFigureSheet(f, st, sheet, t, m, bars); err != nil {
			return fmt.Errorf("charts: xlsx: %w", err)
		}
	}
	if err := writeWithErrorBars(f, w, bars); err != nil {
		return fmt.Errorf("charts: xlsx: %w", err)
	}
	return nil
}
