package demo

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.xlsx")
	if _, err := WriteFile(path, Options{Rows: 10, Seed: 1, Year: 2026}); err != nil {
		t.Fatal(err)
	}
	if err := Damage(path, map[string]string{"C5": "서울시티", "F6": "많음"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"C5": "서울시티", "F6": "많음"} {
		if got, _ := f.GetCellValue(DataSheet, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	if got, _ := f.GetCellValue(DataSheet, "A4"); got != "기업명" {
		t.Errorf("header lost: A4 = %q", got)
	}
	if err := Damage(filepath.Join(t.TempDir(), "none.xlsx"), nil); err == nil {
		t.Error("no error for a missing file")
	}
}
