package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestBriefingWorkbookOpensInLibreOffice converts the briefing workbook to
// PDF with LibreOffice, an independent reader of the file format: charts,
// number formats and sheets that excelize writes must not trip it. It skips
// where LibreOffice is missing unless AXDASH_REQUIRE_OFFICE=1 (CI).
func TestBriefingWorkbookOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("AXDASH_REQUIRE_OFFICE") == "1" {
			t.Fatal("AXDASH_REQUIRE_OFFICE=1 but soffice (Debian libreoffice-calc) is missing")
		}
		t.Skip("LibreOffice not installed")
	}
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
	brief := filepath.Join(dir, "briefing.xlsx")
	if code, out, errOut := cli(t, "export", "briefing", "--wave", "2026-H1", "--out", brief); code != 0 {
		t.Fatalf("export briefing: %s %s", out, errOut)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir, brief)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	fi, err := os.Stat(filepath.Join(dir, "briefing.pdf"))
	if err != nil || fi.Size() < 1000 {
		t.Fatalf("LibreOffice wrote no PDF (%v)", err)
	}
}
