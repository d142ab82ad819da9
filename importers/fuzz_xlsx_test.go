package importers

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"axdash/importers/corpus"
)

// FuzzReadXLSX feeds any bytes to Read as a workbook, seeded with the small
// cases of the hostile corpus: whatever they are, Read answers with a
// well-formed report, never a panic, and leaves its temp folder empty.
// Most mutations break a CRC and are refused early; FuzzSheetXML reaches
// excelize itself.
func FuzzReadXLSX(f *testing.F) {
	for _, c := range corpus.Cases() {
		if b, err := c.Build(); err == nil && !c.Heavy && len(b) < 1<<20 {
			f.Add(b)
		}
	}
	readFuzzed(f, "fuzz.xlsx", func(data []byte) ([]byte, error) { return data, nil })
}

// FuzzSheetXML puts any text in place of a valid workbook's sheet rows, so
// that every input reaches excelize's row reader, the way the advisories'
// crafted sheets did.
func FuzzSheetXML(f *testing.F) {
	for _, rows := range []string{
		corpus.Good(2, "가"), `<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>`,
		`<row r="-1"><c r="A1"><v>1</v></c></row>`, `<row r="2"><c r="A2" t="s"><v>-1</v></c></row>`,
		`<row r="2"><c r="A2" s="-5"><v>1</v></c></row>`, `<row r="2"><c r="XFE2"><v>1</v></c></row>`,
		`<row r="2"><c r="C2"><f>1+1</f></c></row>`, `<row r="2"><c r="A2"><v>1`,
	} {
		f.Add([]byte(rows))
	}
	readFuzzed(f, "fuzz.xlsx", func(rows []byte) ([]byte, error) { return corpus.Zip(corpus.Book(string(rows))) })
}

// readFuzzed runs the fuzz target: build the file from the input, read it,
// check the report and the temp folder.
func readFuzzed(f *testing.F, name string, build func([]byte) ([]byte, error)) {
	s, r := loadConfigs(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := build(data)
		if err != nil {
			t.Skip()
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		tmp := t.TempDir()
		im := New(s, r, Options{MaxRows: 200, HeaderScanRows: 10, MaxIssues: 50, TmpDir: tmp})
		valid := 0
		res, err := im.Read(context.Background(), p, func(Record) error { valid++; return nil })
		if err != nil || res == nil {
			t.Fatalf("Read: %v, %v", res, err)
		}
		checkFuzzReport(t, res, valid)
		if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
			t.Errorf("temp folder holds %d entries", len(ents))
		}
	})
}
