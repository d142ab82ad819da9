package corpus

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"strings"
)

// Case is one hostile upload and the outcome the importer must give with
// default options: Status "checked" or "refused", and Code, an issue the
// report must hold ("" for none in particular).
type Case struct {
	Name   string
	File   string // file name, for the extension
	Status string
	Code   string
	Heavy  bool // worth running through the parse worker and measuring
	Build  func() ([]byte, error)
}

const (
	refused = "refused"
	checked = "checked"
	limit   = "file.limit"
	corrupt = "file.corrupt"
)

// Bomb chunks are about 64 KB, so that each flushed block deflates near
// the format's best ratio (about 1000:1); a row has no r attribute, so
// that copies agree.
var (
	row = bytes.Repeat([]byte(`<row><c t="inlineStr"><is><t>`+strings.Repeat("가", 100)+`</t></is></c></row>`), 200)
	si  = bytes.Repeat([]byte(`<si><t>`+strings.Repeat("나", 100)+`</t></si>`), 200)
	xf  = bytes.Repeat([]byte(`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`), 1000)
)

// bombPart is a part of about size bytes: head, chunk repeated, tail.
func bombPart(name, head string, chunk []byte, size int, tail string) func() ([]byte, error) {
	return func() ([]byte, error) {
		return Zip(With(Book(""), Part{Name: name, Raw: Bomb([]byte(head), chunk, size/len(chunk), []byte(tail))}))
	}
}

// book is a workbook with the given data rows.
func book(rows string) func() ([]byte, error) {
	return func() ([]byte, error) { return Zip(Book(rows)) }
}

// withPart is a workbook with one part replaced.
func withPart(p Part) func() ([]byte, error) {
	return func() ([]byte, error) { return Zip(With(Book(Good(2, "가")), p)) }
}

// lie is a workbook whose sheet's directory entry claims size and crc.
func lie(size func(actual uint64) uint64, crc func(actual uint32) uint32) func() ([]byte, error) {
	return func() ([]byte, error) {
		r := Deflate([]byte(Sheet(Good(2, "가"))))
		r.Size, r.CRC = size(r.Size), crc(r.CRC)
		return Zip(With(Book(""), Part{Name: "xl/worksheets/sheet1.xml", Raw: r}))
	}
}

func same[T any](v T) T { return v }

const gib = 1 << 30

// Cases is the corpus, in the order of issue 4's list.
func Cases() []Case {
	sheetTail := `</sheetData></worksheet>`
	return []Case{
		{"bomb: 1 GiB sheet", "a.xlsx", refused, limit, true, bombPart("xl/worksheets/sheet1.xml", SheetHead+Header, row, gib, sheetTail)},
		{"bomb: 150 MB sheet at 1000:1", "a.xlsx", refused, limit, true, bombPart("xl/worksheets/sheet1.xml", SheetHead+Header, row, 150<<20, sheetTail)},
		{"bomb: 1 GiB sharedStrings", "a.xlsx", refused, limit, true, bombPart("xl/sharedStrings.xml", SST(""), si, gib, "</sst>")},
		{"bomb: 150 MB sharedStrings", "a.xlsx", refused, limit, true, bombPart("xl/sharedStrings.xml", SST(""), si, 150<<20, "</sst>")},
		{"bomb: 1 GiB styles", "a.xlsx", refused, limit, true, bombPart("xl/styles.xml", `<styleSheet><cellXfs>`, xf, gib, `</cellXfs></styleSheet>`)},
		{"bomb: overlapping entries", "a.xlsx", refused, corrupt, true, overlapping},
		{"zip64: declared 1 MiB, inflates to 1 GiB", "a.xlsx", refused, corrupt, true, func() ([]byte, error) {
			r := Bomb([]byte(SheetHead+Header), row, gib/len(row), []byte(sheetTail))
			r.Size = 1 << 20
			return Zip(With(Book(""), Part{Name: "xl/worksheets/sheet1.xml", Raw: r}))
		}},
		{"zip64: declared larger than actual", "a.xlsx", refused, corrupt, false, lie(func(n uint64) uint64 { return n + 1000 }, same)},
		{"zip64: declared 5 GiB", "a.xlsx", refused, limit, false, lie(func(uint64) uint64 { return 5 * gib }, same)},
		{"zip64: size overflowing int64", "a.xlsx", refused, limit, false, lie(func(uint64) uint64 { return 1<<63 + 5 }, same)},
		{"50,000 entries", "a.xlsx", refused, limit, true, manyEntries(50000)},
		{"max sheet: cell XFD1048576", "a.xlsx", refused, limit, true,
			book(`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`)},
		{"max sheet: data in row 1048576", "a.xlsx", checked, "", true, book(Good(1048576, "가"))},
		{"32,767-character cell", "a.xlsx", checked, "firm_name.too_long", false, book(Good(2, strings.Repeat("가", 32767)))},
		{"billion laughs in sheet", "a.xlsx", refused, corrupt, false, withPart(Part{Name: "xl/worksheets/sheet1.xml", Body: []byte(laughs(SheetHead+Header) + Row(2, "&lol9;") + SheetTail)})},
		{"invalid UTF-8 in sheet", "a.xlsx", refused, corrupt, false, book(Good(2, "가") + Good(3, "나\xff다"))},
		{"sheet cut mid-cell", "a.xlsx", refused, corrupt, false, withPart(Part{Name: "xl/worksheets/sheet1.xml",
			Body: []byte(SheetHead + Header + Good(2, "가") + `<row r="3"><c r="A3"><v>1`)})},
		{"trailing empty rows", "a.xlsx", checked, "", false, book(Good(2, "가") + `<row r="3"/><row r="9" spans="1:5"></row>`)},
		{"external entity in sharedStrings", "a.xlsx", refused, corrupt, false, withPart(Part{Name: "xl/sharedStrings.xml", Body: []byte(xxe)})},
		{"advisory: row 2147483647", "a.xlsx", refused, limit, false, book(`<row r="2147483647"><c r="A2147483647"><v>1</v></c></row>`)},
		{"advisory: row -1", "a.xlsx", refused, corrupt, false, book(`<row r="-1"><c r="A1"><v>1</v></c></row>` + Good(2, "가"))},
		{"advisory: shared string out of range", "a.xlsx", checked, "", false, book(`<row r="2"><c r="A2" t="s"><v>99999</v></c></row>`)},
		{"advisory: negative shared string", "a.xlsx", checked, "", false, book(`<row r="2"><c r="A2" t="s"><v>-1</v></c></row>`)},
		{"advisory: negative style", "a.xlsx", checked, "", false, book(`<row r="2"><c r="A2" s="-5"><v>1</v></c></row>`)},
		{"advisory: empty mergeCell ref", "a.xlsx", checked, "", false, withPart(Part{Name: "xl/worksheets/sheet1.xml",
			Body: []byte(SheetHead + Header + Good(2, "가") + `</sheetData><mergeCells count="1"><mergeCell ref=""/></mergeCells></worksheet>`)})},
		{"truncated zip", "a.xlsx", refused, corrupt, false, func() ([]byte, error) {
			b, err := Zip(Book(Good(2, "가")))
			return b[:len(b)*2/3], err
		}},
		{"CRC-damaged entry", "a.xlsx", refused, corrupt, false, lie(same, func(c uint32) uint32 { return c ^ 1 })},
		{"CRC zero in directory", "a.xlsx", refused, corrupt, false, lie(same, func(uint32) uint32 { return 0 })},
		{"symlink entry", "a.xlsx", refused, corrupt, false, withPart(Part{Name: "xl/link.xml", Body: []byte("/etc/passwd"), Mode: fs.ModeSymlink | 0o777})},
		{"backslash name", "a.xlsx", refused, corrupt, false, withPart(Part{Name: `xl\worksheets\sheet9.xml`, Body: []byte("<x/>")})},
		{"PDF named .xlsx", "a.xlsx", refused, "file.not_spreadsheet", false, raw("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")},
		{"PNG named .xlsx", "a.xlsx", refused, "file.not_spreadsheet", false, raw("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
		{"encrypted workbook", "a.xlsx", refused, "file.encrypted", false, cfb("EncryptionInfo", "EncryptedPackage")},
		{"legacy .xls", "a.xlsx", refused, "file.legacy_xls", false, cfb("Workbook")},
		{"binary CSV", "a.csv", refused, "file.not_spreadsheet", false, raw("기업명,시도\x00\x01\x02\xff\xfe\x00" + strings.Repeat("\x00\x9c\x07", 300))},
	}
}

func raw(s string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(s), nil } }

func cfb(streams ...string) func() ([]byte, error) {
	return func() ([]byte, error) { return CFB(streams...) }
}

// laughs is head with a billion-laughs DTD put before the root element.
func laughs(head string) string {
	dtd := `<!DOCTYPE worksheet [<!ENTITY lol "lol">`
	for i := 1; i <= 9; i++ {
		prev := "&lol;"
		if i > 1 {
			prev = fmt.Sprintf("&lol%d;", i-1)
		}
		dtd += fmt.Sprintf(`<!ENTITY lol%d "%s">`, i, strings.Repeat(prev, 10))
	}
	decl, rest, _ := strings.Cut(head, "?>")
	return decl + "?>" + dtd + "]>" + rest
}

const xxe = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
	`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>`

// manyEntries is a workbook followed by n tiny stored entries.
func manyEntries(n int) func() ([]byte, error) {
	return func() ([]byte, error) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range Book(Good(2, "가")) {
			if err := writePart(zw, p); err != nil {
				return nil, err
			}
		}
		for i := range n {
			if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("x/%d", i), Method: zip.Store}); err != nil {
				return nil, err
			}
		}
		err := zw.Close()
		return buf.Bytes(), err
	}
}
