package importers

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// annotated reads a file, annotates it and opens the copy.
func annotated(t *testing.T, src string, opts Options) (*Result, *excelize.File) {
	t.Helper()
	res := readPath(t, src, opts)
	out := filepath.Join(t.TempDir(), "annotated.xlsx")
	if err := Annotate(src, &res.Report, out); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return res, f
}

// fillOf is a cell's fill colour, or "".
func fillOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil || len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.ToUpper(st.Fill.Color[0])
}

func commentsOf(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	cs, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cs {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		out[c.Cell] = text
	}
	return out
}

func TestAnnotateWorkbook(t *testing.T) {
	src := writeBook(t, oneSheet(
		[]any{"2026 조사"},
		stdHeader,
		goodRow("가"),
		[]any{"나", "", "서울시티", "C", 5, "도입", 1, "메모"},
		[]any{"다", "", "서울", "C", 5, "도입", 1, ""},
		[]any{"라", "1248100997", "부산", "C", "12.5", "도입", 1, ""},
		[]any{"합계", "", "", "", 30},
	))
	res, f := annotated(t, src, Options{MaxIssues: 3})
	const sheet = "조사표"
	if got := f.GetSheetList(); len(got) != 2 || got[0] != summarySheet || got[1] != sheet {
		t.Fatalf("sheets %v", got)
	}
	if fill := fillOf(t, f, sheet, "C4"); fill != errorFill {
		t.Errorf("C4 fill %q", fill)
	}
	if fill := fillOf(t, f, sheet, "C3"); fill != "" {
		t.Errorf("clean cell C3 filled %q", fill)
	}
	cm := commentsOf(t, f, sheet)
	if !strings.Contains(cm["C4"], "알 수 없는 시도") || !strings.Contains(cm["B6"], "검증 숫자") {
		t.Errorf("comments %v", cm)
	}
	// The 오류 column comes after the widest row (H), titled in the header row.
	cells := map[string]string{"I2": errorColumn, "I3": "", "I5": ""}
	for cell, want := range cells {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	i4, _ := f.GetCellValue(sheet, "I4")
	i6, _ := f.GetCellValue(sheet, "I6")
	if !strings.HasPrefix(i4, "region.unknown: ") || !strings.Contains(i6, "business_no.checksum: ") ||
		!strings.Contains(i6, "\nemployees.not_integer: ") {
		t.Errorf("I4 %q, I6 %q", i4, i6)
	}
	// MaxIssues 3 leaves the total row's warning out; the truncation note is
	// a file-level issue on the first sheet.
	if v, _ := f.GetCellValue(summarySheet, "B6"); v != CodeIssuesTruncated {
		t.Errorf("error sheet B6 = %q; issues %v", v, codes(res))
	}
	if v, _ := f.GetCellValue(summarySheet, "B3"); v != "4" {
		t.Errorf("error sheet total = %q", v)
	}
	if v, _ := f.GetCellValue(sheet, "A3"); v != "가" {
		t.Errorf("data changed: A3 = %q", v)
	}
}

func TestAnnotateWarningAndExistingComment(t *testing.T) {
	src := writeBook(t, oneSheet(stdHeader, goodRow("가"), []any{"나", "", "서울", "C", 5, "도입", 1, ""}))
	f, _ := excelize.OpenFile(src)
	f.AddComment("조사표", excelize.Comment{Cell: "G3", Author: "담당자", Text: "확인 필요"})
	f.Save()
	f.Close()
	s, r := loadConfigs(t)
	res, _ := New(s, r, Options{}).ReadFile(context.Background(), src)
	rep := res.Report
	rep.Issues = append(rep.Issues, model.Issue{Severity: model.SeverityWarning, Code: "x.warn", Sheet: "조사표",
		Cell: "G3", Row: 3, Message: "경고입니다"})
	out := filepath.Join(t.TempDir(), "out.xlsx")
	if err := Annotate(src, &rep, out); err != nil {
		t.Fatal(err)
	}
	g, _ := excelize.OpenFile(out)
	defer g.Close()
	if fill := fillOf(t, g, "조사표", "G3"); fill != warningFill {
		t.Errorf("G3 fill %q", fill)
	}
	if c := commentsOf(t, g, "조사표")["G3"]; !strings.Contains(c, "경고입니다") || !strings.Contains(c, "확인 필요") {
		t.Errorf("G3 comment %q", c)
	}
	if list := g.GetSheetList(); len(list) != 2 || list[0] != summarySheet {
		t.Errorf("sheets %v, want the summary first and the data", list)
	}
}

func TestAnnotateCSV(t *testing.T) {
	text := "기업명,시도,업종,종업원수,AI도입단계,비고\n가,서울,C,5,도입,\"=HYPERLINK(\"\"http://x\"\")\"\n나,서울시티,C,5,도입,\n"
	src := writeRaw(t, "a.csv", cp949(t, text))
	_, f := annotated(t, src, Options{})
	if list := f.GetSheetList(); len(list) != 2 || list[0] != summarySheet || list[1] != csvSheetName {
		t.Fatalf("sheets %v", list)
	}
	if fill := fillOf(t, f, csvSheetName, "B3"); fill != errorFill {
		t.Errorf("B3 fill %q", fill)
	}
	if v, _ := f.GetCellValue(csvSheetName, "G1"); v != errorColumn {
		t.Errorf("G1 = %q", v)
	}
	if v, _ := f.GetCellValue(csvSheetName, "A2"); v != "가" {
		t.Errorf("A2 = %q", v)
	}
	// Text that looks like a formula stays text.
	if fx, _ := f.GetCellFormula(csvSheetName, "F2"); fx != "" {
		t.Errorf("F2 became a formula: %q", fx)
	}
	if v, _ := f.GetCellValue(csvSheetName, "F2"); !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("F2 = %q", v)
	}
}

func TestAnnotateRefuses(t *testing.T) {
	rep := &model.ImportReport{}
	out := filepath.Join(t.TempDir(), "out.xlsx")
	s, r := loadConfigs(t)
	tests := []struct {
		name string
		run  func() error
	}{
		{"pdf", func() error { return Annotate(writeRaw(t, "a.pdf", []byte("%PDF-1.4\n")), rep, out) }},
		{"too large", func() error {
			return New(s, r, Options{MaxFileBytes: 10}).Annotate(writeBook(t, oneSheet(stdHeader)), rep, out)
		}},
		{"not xlsx output", func() error { return Annotate(writeBook(t, oneSheet(stdHeader)), rep, out+".csv") }},
		{"nil report", func() error { return Annotate(writeBook(t, oneSheet(stdHeader)), nil, out) }},
	}
	for _, tt := range tests {
		if err := tt.run(); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

// TestAnnotateHonoursContext: a context that ends stops the copy, of a
// workbook and of a CSV file, with the context's error and no output file.
func TestAnnotateHonoursContext(t *testing.T) {
	csv := writeRaw(t, "a.csv", []byte("기업명,시도,업종,종업원수,AI도입단계\n가,서울시티,C,5,도입\n"))
	book := writeBook(t, oneSheet(stdHeader, []any{"가", "서울시티", "C", 5, "도입"}))
	for _, src := range []string{csv, book} {
		res := readPath(t, src, Options{})
		if len(res.Report.Issues) == 0 {
			t.Fatalf("%s: no issue to mark", src)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		out := filepath.Join(t.TempDir(), "annotated.xlsx")
		if err := AnnotateContext(ctx, src, &res.Report, out); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", filepath.Ext(src), err)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: an output file was left: %v", filepath.Ext(src), err)
		}
		if err := AnnotateContext(context.Background(), src, &res.Report, out); err != nil {
			t.Errorf("%s: with a live context: %v", filepath.Ext(src), err)
		}
	}
}
