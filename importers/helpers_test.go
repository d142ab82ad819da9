package importers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// sheetSpec describes one sheet of a workbook built for a test.
type sheetSpec struct {
	name   string
	rows   [][]any // nil rows stay blank
	hidden bool
	merges []string // "A1:H1"
}

// bookSpec describes a workbook built for a test.
type bookSpec struct {
	sheets   []sheetSpec
	date1904 bool
	password string
}

// writeBook writes the workbook into a temp folder with excelize, so that
// no binary test files are committed.
func writeBook(t *testing.T, spec bookSpec) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if spec.date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	for i, sh := range spec.sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		writeSheet(t, f, sh)
	}
	for _, sh := range spec.sheets {
		if sh.hidden {
			if err := f.SetSheetVisible(sh.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := filepath.Join(t.TempDir(), "조사표.xlsx")
	if err := f.SaveAs(p, excelize.Options{Password: spec.password}); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeSheet(t *testing.T, f *excelize.File, sh sheetSpec) {
	t.Helper()
	for r, row := range sh.rows {
		if row == nil {
			continue
		}
		cell := fmt.Sprintf("A%d", r+1)
		if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range sh.merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell(sh.name, a, b); err != nil {
			t.Fatal(err)
		}
	}
}

// oneSheet is a workbook with a single sheet named 조사표.
func oneSheet(rows ...[]any) bookSpec {
	return bookSpec{sheets: []sheetSpec{{name: "조사표", rows: rows}}}
}

// stdHeader is a plain header with every required field.
var stdHeader = []any{"기업명", "사업자등록번호", "시도", "업종", "종업원수", "AI도입단계", "AI도입비용(백만원)", "비고"}

// goodRow is a valid row for stdHeader.
func goodRow(name string) []any {
	return []any{name, "", "서울", "C", 25, "도입", 30, ""}
}

// read runs ReadFile on a built workbook with the given options.
func read(t *testing.T, spec bookSpec, opts Options) *Result {
	t.Helper()
	return readPath(t, writeBook(t, spec), opts)
}

func readPath(t *testing.T, path string, opts Options) *Result {
	t.Helper()
	s, r := loadConfigs(t)
	res, err := New(s, r, opts).ReadFile(context.Background(), path)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if res.Report.Issues == nil || res.Report.Mapping == nil || res.Report.Unmapped == nil {
		t.Fatalf("ReadFile left a nil slice in the report: %+v", res.Report)
	}
	return res
}

// writeRaw writes bytes to a temp file.
func writeRaw(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// issue returns the first issue with the code, or nil.
func issue(res *Result, code string) *model.Issue {
	for i := range res.Report.Issues {
		if res.Report.Issues[i].Code == code {
			return &res.Report.Issues[i]
		}
	}
	return nil
}

// codes lists the issue codes, for failure messages.
func codes(res *Result) []string {
	var out []string
	for _, is := range res.Report.Issues {
		out = append(out, is.Code+"@"+is.Cell)
	}
	return out
}

// wantRefused fails unless the file was refused with the code.
func wantRefused(t *testing.T, res *Result, code string) {
	t.Helper()
	if res.Report.Status != model.StatusRefused || issue(res, code) == nil {
		t.Fatalf("status %q, issues %v; want refused with %s", res.Report.Status, codes(res), code)
	}
	if len(res.Records) != 0 {
		t.Errorf("a refused file kept %d records", len(res.Records))
	}
}
