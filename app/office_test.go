package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestBriefingWorkbookOpensInLibreOffice converts the briefing workbook,
// national and 경남, to PDF with LibreOffice, an independent reader of the
// file format: charts, number formats and sheets that excelize writes must
// not trip it, and each sheet's page setup must print it on one A4 page
// (the workbook printed 46 and 42 pages before it had one). It skips where
// LibreOffice or pdfinfo is missing unless AXDASH_REQUIRE_OFFICE=1 (CI).
func TestBriefingWorkbookOpensInLibreOffice(t *testing.T) {
	soffice, pdfinfo := officeTools(t)
	t.Setenv("AXDASH_DATABASE_URL", "")
	t.Setenv("AXDASH_DATA_DIR", t.TempDir())
	dir := t.TempDir()
	book := filepath.Join(dir, "survey.xlsx")
	if code, _, errOut := cli(t, "demo-workbook", "--rows", "400", "--seed", "9", "--out", book); code != 0 {
		t.Fatalf("demo-workbook: %s", errOut)
	}
	if code, out, errOut := cli(t, "import", book, "--wave", "2026-H1"); code != 0 {
		t.Fatalf("import: %s %s", out, errOut)
	}
	cases := []struct{ name, region string }{{"national", ""}, {"gyeongnam", "48"}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			brief := filepath.Join(dir, tc.name+".xlsx")
			args := []string{"export", "briefing", "--wave", "2026-H1", "--out", brief}
			if tc.region != "" {
				args = append(args, "--region", tc.region)
			}
			if code, out, errOut := cli(t, args...); code != 0 {
				t.Fatalf("export briefing: %s %s", out, errOut)
			}
			pdf := officePDF(t, soffice, brief, dir)
			x, err := excelize.OpenFile(brief)
			if err != nil {
				t.Fatal(err)
			}
			sheets := len(x.GetSheetList())
			x.Close()
			if pages := pdfPages(t, pdfinfo, pdf); pages != sheets {
				t.Errorf("the workbook prints on %d pages, want one per sheet (%d)", pages, sheets)
			}
		})
	}
}

// officeTools finds soffice and pdfinfo, or skips.
func officeTools(t *testing.T) (string, string) {
	t.Helper()
	var paths []string
	for _, tool := range []string{"soffice", "pdfinfo"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			if os.Getenv("AXDASH_REQUIRE_OFFICE") == "1" {
				t.Fatalf("AXDASH_REQUIRE_OFFICE=1 but %s (Debian libreoffice-calc, poppler-utils) is missing", tool)
			}
			t.Skipf("%s not installed", tool)
		}
		paths = append(paths, p)
	}
	return paths[0], paths[1]
}

// officePDF converts book to PDF in dir with LibreOffice and returns its
// path.
func officePDF(t *testing.T, soffice, book, dir string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := book[:len(book)-len(filepath.Ext(book))] + ".pdf"
	fi, err := os.Stat(pdf)
	if err != nil || fi.Size() < 1000 {
		t.Fatalf("LibreOffice wrote no PDF (%v)", err)
	}
	return pdf
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

func pdfPages(t *testing.T, pdfinfo, pdf string) int {
	t.Helper()
	out, err := exec.Command(pdfinfo, pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo printed no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
