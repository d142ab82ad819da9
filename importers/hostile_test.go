package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"axdash/app/model"
)

// rezip copies a workbook, replacing (or adding) the named parts. It lets a
// test feed crafted XML to the reader, as an attacker would.
func rezip(t testing.TB, src string, parts map[string]string) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := map[string]bool{}
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if body, ok := parts[zf.Name]; ok {
			done[zf.Name] = true
			io.WriteString(w, body)
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	for name, body := range parts {
		if !done[name] {
			w, _ := zw.Create(name)
			io.WriteString(w, body)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return writeRaw(t, "crafted.xlsx", buf.Bytes())
}

// craftedSheet is a worksheet whose first row is a valid header in inline
// strings, followed by the given rows XML.
func craftedSheet(rows string) string {
	cell := func(ref, text string) string {
		return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` +
		cell("A1", "기업명") + cell("B1", "시도") + cell("C1", "업종") + cell("D1", "종업원수") + cell("E1", "AI도입단계") +
		`</row>` + rows + `</sheetData></worksheet>`
}

// TestReadFileSurvivesHostileSheets feeds sheets shaped like the excelize
// advisories and other malformed input: whatever happens, ReadFile answers
// with a report, never a panic or an error.
func TestReadFileSurvivesHostileSheets(t *testing.T) {
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	tests := []struct {
		name, rows string
		code       string // a refusal code, or "" when the file may be read
	}{
		{"row past the sheet limit", `<row r="1048577"><c r="A1048577"><v>1</v></c></row>`, CodeFileLimit},
		{"huge row number", `<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>`, CodeFileLimit},
		{"negative row number", `<row r="-1"><c r="A1"><v>1</v></c></row>`, ""},
		{"column past XFD", `<row r="2"><c r="XFE2"><v>1</v></c></row>`, CodeFileCorrupt},
		{"shared string out of range", `<row r="2"><c r="A2" t="s"><v>99999</v></c></row>`, ""},
		{"negative shared string", `<row r="2"><c r="A2" t="s"><v>-1</v></c></row>`, ""},
		{"negative style", `<row r="2"><c r="A2" s="-5"><v>1</v></c></row>`, ""},
		{"cells out of order", `<row r="2"><c r="C2"><v>1</v></c><c r="A2"><v>2</v></c></row>`, ""},
		{"unclosed XML", `<row r="2"><c r="A2"><v>1`, ""},
		{"gap of empty rows", `<row r="900000"><c r="A900000" t="inlineStr"><is><t>가</t></is></c></row>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := rezip(t, base, map[string]string{"xl/worksheets/sheet1.xml": craftedSheet(tt.rows)})
			res := readPath(t, path, Options{})
			if tt.code != "" {
				wantRefused(t, res, tt.code)
			} else if res.Report.Status != model.StatusChecked && res.Report.Status != model.StatusRefused {
				t.Errorf("status %q", res.Report.Status)
			}
		})
	}
}

func TestReadFileRefusesBadZipEntries(t *testing.T) {
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	for _, name := range []string{"../evil.xml", "/abs.xml", "XL/WORKBOOK.XML"} {
		t.Run(name, func(t *testing.T) {
			res := readPath(t, rezip(t, base, map[string]string{name: "<x/>"}), Options{})
			wantRefused(t, res, CodeFileCorrupt)
		})
	}
}

func TestReadFileLeavesNoTempFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads an 18 MB sheet")
	}
	tmp := t.TempDir()
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	// A sheet over excelize's in-memory size (16 MiB), repetitive enough to
	// need the ratio check relaxed,
	// goes through TmpDir.
	big := craftedSheet(`<row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.Repeat("가", 6<<20) + `</t></is></c></row>`)
	for _, p := range []string{base, rezip(t, base, map[string]string{"xl/worksheets/sheet1.xml": big})} {
		if res := readPath(t, p, Options{TmpDir: tmp, MaxUnzipped: 64 << 20, MaxZipRatio: 1 << 20}); res.Report.Status != model.StatusChecked {
			t.Errorf("status %s: %v", res.Report.Status, codes(res))
		}
	}
	entries, err := os.ReadDir(tmp)
	if err != nil || len(entries) != 0 {
		t.Errorf("temp folder holds %d entries (%v)", len(entries), err)
	}
}
