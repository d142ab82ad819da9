package demo

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestLabelled: a demo workbook is recognised by its synthetic label; a
// workbook labelled otherwise, an unlabelled one and a CSV file are not.
func TestLabelled(t *testing.T) {
	dir := t.TempDir()
	plain := func(category string) func(string) error {
		return func(path string) error {
			f := excelize.NewFile()
			defer f.Close()
			if category != "" {
				if err := f.SetDocProps(&excelize.DocProperties{Category: category}); err != nil {
					return err
				}
			}
			return f.SaveAs(path)
		}
	}
	cases := []struct {
		name  string
		file  string
		write func(path string) error
		want  bool
	}{
		{"demo workbook", "demo.xlsx", func(path string) error {
			_, err := WriteFile(path, Options{Rows: 20, Seed: 1, Year: 2025})
			return err
		}, true},
		{"other category", "other.xlsx", plain("보고서"), false},
		{"no properties", "plain.xlsx", plain(""), false},
		{"csv", "demo.csv", func(path string) error {
			return os.WriteFile(path, []byte("기업명,시도\nA,서울\n"), 0o600)
		}, false},
		{"missing file", "missing.xlsx", func(string) error { return nil }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			if err := c.write(path); err != nil {
				t.Fatal(err)
			}
			if got := Labelled(path); got != c.want {
				t.Errorf("Labelled(%s) = %v, want %v", c.file, got, c.want)
			}
		})
	}
}
