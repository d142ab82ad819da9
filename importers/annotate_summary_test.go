package importers

import (
	"slices"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/importers/importerstest"
)

// TestAnnotateSummaryInKorean: every annotated copy, with file-level
// issues, with cell issues only, of a CSV file, of a clean file and of a
// book excelize cannot reorder, opens on a summary sheet that gives the
// outcome and severities in Korean, never the report's English codes.
func TestAnnotateSummaryInKorean(t *testing.T) {
	cases := []struct {
		name   string
		src    func(t *testing.T) string
		opts   Options
		status string
		first  bool // the summary is the first sheet
		// lastHas is in the summary's last line.
		lastHas string
	}{
		{"file-level issue", func(t *testing.T) string {
			return writeBook(t, oneSheet(stdHeader, goodRow("가"), []any{"나", "", "서울시티", "C", 5, "도입", 1, ""},
				[]any{"다", "", "부산시티", "C", 5, "도입", 1, ""}))
		}, Options{MaxIssues: 1}, "검사 완료", true, "경고"},
		{"cell issues only", func(t *testing.T) string {
			return writeBook(t, oneSheet(stdHeader, goodRow("가"), []any{"나", "", "서울시티", "C", 5, "도입", 1, ""}))
		}, Options{}, "검사 완료", true, "셀의 문제는"},
		{"csv", func(t *testing.T) string {
			return writeRaw(t, "a.csv", cp949(t, "기업명,시도,업종,종업원수,AI도입단계\n가,서울시티,C,5,도입\n"))
		}, Options{}, "검사 완료", true, "셀의 문제는"},
		{"clean", func(t *testing.T) string {
			return writeBook(t, oneSheet(stdHeader, goodRow("가"), goodRow("나")))
		}, Options{}, "검사 완료", true, "문제가 없습니다"},
		{"macro sheet", func(t *testing.T) string {
			return writeRaw(t, "hostile.xlsm", importerstest.Hostile(t))
		}, Options{}, "검사 완료", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, f := annotated(t, c.src(t), c.opts)
			sheets := f.GetSheetList()
			idx := slices.Index(sheets, summarySheet)
			if idx < 0 || (c.first && idx != 0) {
				t.Fatalf("sheets %v: no summary sheet %q (first: %v)", sheets, summarySheet, c.first)
			}
			if f.GetActiveSheetIndex() != idx {
				t.Errorf("the copy opens on sheet %d, not the summary (%d)", f.GetActiveSheetIndex(), idx)
			}
			rows, err := f.GetRows(summarySheet)
			if err != nil {
				t.Fatal(err)
			}
			if rows[0][3] != c.status {
				t.Errorf("status %q, want %q (report: %s)", rows[0][3], c.status, res.Report.Status)
			}
			for _, row := range rows {
				for _, v := range row {
					if slices.Contains([]string{model.StatusChecked, model.StatusStored, model.StatusRefused,
						model.SeverityError, model.SeverityWarning}, v) {
						t.Errorf("summary cell in English: %q (rows %q)", v, rows)
					}
				}
			}
			for _, row := range rows[5:] { // the issue lines under the 심각도 header
				if sev := row[0]; sev != "" && sev != "오류" && sev != "경고" {
					t.Errorf("severity %q, want 오류 or 경고", sev)
				}
			}
			if last := strings.Join(rows[len(rows)-1], " "); !strings.Contains(last, c.lastHas) {
				t.Errorf("last line %q, want %q", last, c.lastHas)
			}
		})
	}
}
