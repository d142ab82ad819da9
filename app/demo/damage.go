package demo

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Damage overwrites cells of a demo workbook's data sheet (such as "C5" →
// "서울시티"), for trying the upload preview and testing it with a file
// that has errors.
func Damage(path string, cells map[string]string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("demo: open %s: %w", path, err)
	}
	defer f.Close()
	for cell, v := range cells {
		if err := f.SetCellStr(DataSheet, cell, v); err != nil {
			return fmt.Errorf("demo: set %s: %w", cell, err)
		}
	}
	if err := f.Save(); err != nil {
		return fmt.Errorf("demo: save %s: %w", path, err)
	}
	return nil
}
