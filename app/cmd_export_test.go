package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/charts"
)

// exportCase is one export command line and what it must do.
type exportCase struct {
	name  string
	args  []string
	code  int
	check func(t *testing.T, path string)
}

func TestExportCommand(t *testing.T) {
	dir := importedDemo(t, 200, 3)
	out := func(name string) string { return filepath.Join(dir, name) }
	cases := []exportCase{
		{"csv", []string{"adoption-by-region", "--wave", "2026-H1", "--out", out("a.csv")}, exitOK, func(t *testing.T, p string) {
			b, _ := os.ReadFile(p)
			// The demo workbook is labelled synthetic, so its wave is too.
			if !strings.HasPrefix(string(b), "\uFEFF"+charts.SyntheticNotice+",") || !strings.Contains(string(b), "\r\n시도") ||
				!strings.Contains(string(b), "AI 도입률(%, 소수 첫째 자리)") || !strings.Contains(string(b), ",전국,") ||
				strings.Contains(string(b), charts.InternalNotice) {
				t.Errorf("CSV starts %.80q", b)
			}
		}},
		// The public view is the default; --internal writes the cube's
		// numbers, labelled on the first line, and they differ.
		{"csv internal", []string{"adoption-by-region", "--wave", "2026-H1", "--internal", "--out", out("i.csv")}, exitOK,
			func(t *testing.T, p string) {
				in, _ := os.ReadFile(p)
				pub, _ := os.ReadFile(out("a.csv"))
				first, rest, _ := strings.Cut(string(in), "\r\n")
				if !strings.HasPrefix(first, "\uFEFF"+charts.InternalNotice+",") {
					t.Errorf("internal CSV starts %.80q", in)
				}
				if rest == strings.TrimPrefix(string(pub), "\uFEFF") {
					t.Error("the public and internal CSV hold the same numbers")
				}
			}},
		{"xlsx with region", []string{"cost-by-size", "--wave", "2026-H1", "--region", "11", "--out", out("c.xlsx")}, exitOK,
			func(t *testing.T, p string) {
				x, err := excelize.OpenFile(p)
				if err != nil {
					t.Fatal(err)
				}
				defer x.Close()
				if v, _ := x.GetCellValue(x.GetSheetList()[0], "B4"); v != "서울" { // under 자료 구분 (synthetic) and 조사 차수
					t.Errorf("filter cell = %q, want 서울", v)
				}
				hasPart(t, p, "xl/charts/chart1.xml")
			}},
		{"briefing", []string{"briefing", "--wave", "2026-H1", "--out", out("b.xlsx")}, exitOK, func(t *testing.T, p string) {
			x, err := excelize.OpenFile(p)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if sheets := x.GetSheetList(); len(sheets) < 10 || sheets[0] != "요약" {
				t.Errorf("sheets = %q", sheets)
			}
			hasPart(t, p, "xl/charts/chart10.xml")
		}},
		{"unknown wave", []string{"barriers", "--wave", "nope", "--out", out("x.csv")}, exitRefused, nil},
		{"no wave", []string{"barriers", "--out", out("x.csv")}, exitUsage, nil},
		{"no out", []string{"barriers", "--wave", "2026-H1"}, exitUsage, nil},
		{"bad extension", []string{"barriers", "--wave", "2026-H1", "--out", out("x.txt")}, exitUsage, nil},
		{"figure pdf", []string{"barriers", "--wave", "2026-H1", "--out", out("x.pdf")}, exitUsage, nil},
		{"briefing csv", []string{"briefing", "--wave", "2026-H1", "--out", out("x.csv")}, exitUsage, nil},
		{"unknown figure", []string{"nope", "--wave", "2026-H1", "--out", out("x.csv")}, exitUsage, nil},
		{"unknown region", []string{"barriers", "--wave", "2026-H1", "--region", "99", "--out", out("x.csv")}, exitUsage, nil},
	}
	if _, err := chromiumPath(os.Getenv("AXDASH_CHROME_PATH")); err == nil {
		cases = append(cases, exportCase{"briefing pdf", []string{"briefing", "--wave", "2026-H1", "--region", "48", "--out", out("b.pdf")}, exitOK,
			func(t *testing.T, p string) {
				b, _ := os.ReadFile(p)
				if !strings.HasPrefix(string(b), "%PDF-") {
					t.Errorf("%s is not a PDF: %.20q", p, b)
				}
				if n := len(pdfPage.FindAll(b, -1)); n < 1 || n > 2 {
					t.Errorf("the briefing PDF has %d pages, want 1 or 2", n)
				}
			}})
	} else {
		t.Setenv("AXDASH_CHROME_PATH", "")
		cases = append(cases, exportCase{"pdf without chromium", []string{"briefing", "--wave", "2026-H1", "--out", out("b.pdf")}, exitRefused, nil})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, append([]string{"export"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s %s", code, tc.code, stdout, stderr)
			}
			if tc.check != nil {
				tc.check(t, tc.args[len(tc.args)-1])
			}
		})
	}
}

func hasPart(t *testing.T, path, part string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if _, err := zr.Open(part); err != nil {
		t.Errorf("%s has no %s", path, part)
	}
}
