package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"axdash/app/demo"
)

// damagedCells spoil three rows of a demo workbook: two unknown regions and
// a head count that is not a number.
var damagedCells = map[string]string{"C5": "서울시티", "C9": "달나라", "F12": "많음"}

// damagedBook writes a demo workbook of n rows with damagedCells.
func damagedBook(t *testing.T, n int) []byte {
	t.Helper()
	b, err := os.ReadFile(damagedBookFile(t, n))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func damagedBookFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "조사결과.xlsx")
	if _, err := demo.WriteFile(path, demo.Options{Rows: n, Seed: 77, Year: 2026, Lift: 1.6}); err != nil {
		t.Fatal(err)
	}
	if err := demo.Damage(path, damagedCells); err != nil {
		t.Fatal(err)
	}
	return path
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
