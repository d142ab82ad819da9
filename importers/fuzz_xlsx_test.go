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

// FuzzStylesXML puts any text in place of the styles part of a workbook
// whose percent and amount columns hold numbers, so that every input
// reaches the number-format reading of the sheet scan.
func FuzzStylesXML(f *testing.F) {
	for _, styles := range []string{
		stylesXML(nil, 0, 9, 10), stylesXML(map[int]string{164: `#,##0,,`, 165: `0.0"%"`, 166: `[$-412]0%;"-"`}, 164, 165, 166),
		prefixed(stylesXML(map[int]string{164: `0%%`}, 164)), `<styleSheet><cellXfs><xf numFmtId="-9"/></cellXfs></styleSheet>`,
	} {
		f.Add([]byte(styles))
	}
	sheet := sheet1(prodData(2, `<c r="F2" s="1"><v>30000000</v></c><c r="G2" s="2"><v>0.35</v></c>`) +
		prodData(3, `<c r="F3" s="0"><v>1E+99</v></c><c r="G3" s="99999"><v>-1.5E-99</v></c>`))
	readFuzzed(f, "fuzz.xlsx", func(styles []byte) ([]byte, error) {
		return corpus.Zip(corpus.With(corpus.With(corpus.Book(""), sheet), corpus.Part{Name: "xl/styles.xml", Body: styles}))
	})
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
