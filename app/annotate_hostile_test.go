package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"axdash/app/model"
	"axdash/importers/importerstest"
)

// TestImportAnnotatesHostileBookAsValues: `import --annotate` on a
// macro-enabled workbook full of live content (formulas that call out,
// links to other workbooks and DDE, a web connection, VBA and an Excel 4
// macro sheet) writes a plain .xlsx holding the cached values.
func TestImportAnnotatesHostileBookAsValues(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		dir := t.TempDir()
		src, out := filepath.Join(dir, "hostile.xlsm"), filepath.Join(dir, "annotated.xlsx")
		if err := os.WriteFile(src, importerstest.Hostile(t), 0o600); err != nil {
			t.Fatal(err)
		}
		code, stdout, errOut := cli(t, "import", src, "--wave", "2026", "--dry-run", "--json", "--annotate", out)
		var rep model.ImportReport
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != exitRefused || rep.Status != model.StatusChecked {
			t.Fatalf("exit %d, status %q (%v): want a checked dry run with the unknown region; %s", code, rep.Status, err, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("no annotated copy: %v", err)
		}
		importerstest.Check(t, b)
	})
}
