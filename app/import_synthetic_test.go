package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
)

// TestImportFlagsDemoWorkbook: importing a demo-workbook file flags its
// wave synthetic, by the file's label alone; the same rows without the
// label make a real wave.
func TestImportFlagsDemoWorkbook(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		dir := t.TempDir()
		labelled := filepath.Join(dir, "demo.xlsx")
		if _, err := demo.WriteFile(labelled, demo.Options{Rows: 60, Seed: 9, Year: 2025}); err != nil {
			t.Fatal(err)
		}
		unlabelled := filepath.Join(dir, "real.xlsx")
		f, err := excelize.OpenFile(labelled)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetDocProps(&excelize.DocProperties{Category: "조사 결과", Title: "실제 조사"}); err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(unlabelled); err != nil {
			t.Fatal(err)
		}
		_ = f.Close()
		cases := []struct {
			file, wave string
			synthetic  bool
		}{{labelled, "D", true}, {unlabelled, "R", false}}
		for _, c := range cases {
			if code, out, errOut := cli(t, "import", c.file, "--wave", c.wave); code != exitOK {
				t.Fatalf("import %s: exit %d: %s %s", c.wave, code, out, errOut)
			}
		}
		_, st := testEnvStore(t)
		for _, c := range cases {
			w, err := st.Surveys.WaveByName(context.Background(), c.wave)
			if err != nil {
				t.Fatal(err)
			}
			if w.Synthetic != c.synthetic {
				t.Errorf("wave %s: synthetic %v, want %v", c.wave, w.Synthetic, c.synthetic)
			}
		}
	})
}
