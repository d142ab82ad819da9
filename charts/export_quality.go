package charts

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// QualityExport is a wave's data-quality findings for the workbook: the
// counts by rule and every finding (Truncated: more exist than listed).
type QualityExport struct {
	Wave      string
	Counts    []model.FindingCount
	Findings  []model.Finding
	Total     int64
	Truncated bool
}

// qualityColumns are the findings sheet's columns.
var qualityColumns = []string{"행", "기업명", "시트", "셀", "머리글", "값", "구분", "코드", "내용"}

// WriteQualityXLSX writes the findings workbook: a summary sheet of counts
// by rule and a sheet with one row per finding. Every text from the file
// (firm names, headers, values) is a string cell, cleaned like the other
// exports: never a formula, whatever it starts with.
func WriteQualityXLSX(w io.Writer, q QualityExport, source string) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	const summary, rows = "요약", "행별 문제"
	if err := f.SetSheetName("Sheet1", summary); err != nil {
		return err
	}
	if err := writeQualitySummary(f, st, summary, q, source); err != nil {
		return fmt.Errorf("charts: quality summary: %w", err)
	}
	if _, err := f.NewSheet(rows); err != nil {
		return err
	}
	if err := writeQualityRows(f, st, rows, q.Findings); err != nil {
		return fmt.Errorf("charts: quality rows: %w", err)
	}
	return f.Write(w)
}

func writeQualitySummary(f *excelize.File, st *xlsxStyles, sheet string, q QualityExport, source string) error {
	lines := []string{"데이터 품질 점검 결과 (" + q.Wave + ")", "조사 차수: " + q.Wave,
		fmt.Sprintf("문제 %d건", q.Total), "출처: " + source}
	if q.Truncated {
		lines = append(lines, fmt.Sprintf("행별 문제 시트에는 처음 %d건만 담았습니다.", len(q.Findings)))
	}
	for i, l := range lines {
		if err := setText(f, sheet, 1, i+1, l); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}
	head := len(lines) + 2
	for c, h := range []string{"코드", "구분", "내용", "건수"} {
		if err := setText(f, sheet, c+1, head, h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A"+fmt.Sprint(head), "D"+fmt.Sprint(head), st.header); err != nil {
		return err
	}
	for i, c := range q.Counts {
		r := head + 1 + i
		for col, s := range []string{c.Code, severityLabel(c.Severity), c.Message} {
			if err := setText(f, sheet, col+1, r, s); err != nil {
				return err
			}
		}
		if err := setNumber(f, sheet, 4, r, float64(c.Count), st.num[fmtCount]); err != nil {
			return err
		}
	}
	return f.SetColWidth(sheet, "C", "C", 80)
}

// writeQualityRows streams the findings, so that a long list costs little.
func writeQualityRows(f *excelize.File, st *xlsxStyles, sheet string, fs []model.Finding) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(9, 9, 80); err != nil {
		return err
	}
	head := make([]any, len(qualityColumns))
	for i, h := range qualityColumns {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, x := range fs {
		row := []any{x.SourceRow, Clean(x.FirmName), Clean(x.Sheet), x.Cell, Clean(x.Header), Clean(x.Value),
			severityLabel(x.Severity), x.Code, Clean(x.Message)}
		if err := sw.SetRow("A"+fmt.Sprint(i+2), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// severityLabel is a severity in Korean.
func severityLabel(s string) string {
	if s == model.SeverityError {
		return "오류"
	}
	return "경고"
}
