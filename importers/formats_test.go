package importers

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"axdash/app/model"
)

// zipOf builds a zip archive from name → content.
func zipOf(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"mimetype", "_rels/.rels", "xl/workbook.xml", "content.xml", "word/document.xml",
		"xl/workbook.bin", "readme.txt"} {
		if body, ok := parts[name]; ok {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(body))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func utf16le(t *testing.T, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// formatCase is a file that is not read: its code, the format it is
// recognised as and a word the message must contain.
type formatCase struct {
	name   string
	data   func(t *testing.T) []byte
	code   string
	format string
	word   string
}

func otherFormats() []formatCase {
	html := "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><table><tr><td>기업명</td></tr></table></body></html>"
	return []formatCase{
		{"legacy xls", func(t *testing.T) []byte { return cfbFile(t, "Workbook") }, CodeFileLegacyXLS, "xls", ".xlsx"},
		{"excel 95 book", func(t *testing.T) []byte { return cfbFile(t, "Book") }, CodeFileLegacyXLS, "xls", "97-2003"},
		{"encrypted ooxml", func(t *testing.T) []byte {
			return cfbFile(t, "EncryptionInfo", "EncryptedPackage")
		}, CodeFileEncrypted, "xlsx", "암호를 해제한 뒤"},
		{"hwp 5", func(t *testing.T) []byte { return cfbFile(t, "FileHeader", "BodyText") }, CodeFileNotSpreadsheet, "hwp", "한글"},
		{"word 97", func(t *testing.T) []byte { return cfbFile(t, "WordDocument") }, CodeFileNotSpreadsheet, "doc", "워드"},
		{"ods", func(t *testing.T) []byte {
			return zipOf(t, map[string]string{"mimetype": odsMimetype, "content.xml": "<office:document-content/>"})
		}, CodeFileNotSpreadsheet, "ods", ".ods"},
		{"zip of other files", func(t *testing.T) []byte {
			return zipOf(t, map[string]string{"readme.txt": "hello"})
		}, CodeFileNotSpreadsheet, "zip", "xl/workbook.xml"},
		{"docx", func(t *testing.T) []byte {
			return zipOf(t, map[string]string{"word/document.xml": "<w:document/>"})
		}, CodeFileNotSpreadsheet, "docx", "워드"},
		{"xlsb", func(t *testing.T) []byte {
			return zipOf(t, map[string]string{"xl/workbook.bin": "\x00"})
		}, CodeFileNotSpreadsheet, "xlsb", ".xlsb"},
		{"html saved as xls", func(t *testing.T) []byte { return []byte(html) }, CodeFileNotSpreadsheet, "html", "HTML"},
		{"html after bom and blanks", func(t *testing.T) []byte {
			return []byte("\uFEFF \r\n\t<!DOCTYPE html><html><table></table></html>")
		}, CodeFileNotSpreadsheet, "html", "HTML"},
		{"bare table", func(t *testing.T) []byte {
			return []byte("<TABLE border=1><TR><TD>기업명</TD></TR></TABLE>")
		}, CodeFileNotSpreadsheet, "html", "HTML"},
		{"utf-16 html", func(t *testing.T) []byte { return utf16le(t, html) }, CodeFileNotSpreadsheet, "html", "HTML"},
		{"cp949 html", func(t *testing.T) []byte { return cp949(t, "<html><body>기업명</body></html>") },
			CodeFileNotSpreadsheet, "html", "HTML"},
		{"mhtml", func(t *testing.T) []byte {
			return []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n")
		}, CodeFileNotSpreadsheet, "mhtml", "MHTML"},
		{"xml spreadsheet 2003", func(t *testing.T) []byte {
			return []byte(`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>` +
				`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>`)
		}, CodeFileNotSpreadsheet, "xml", "XML 스프레드시트"},
		{"pdf", func(t *testing.T) []byte { return []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") }, CodeFileNotSpreadsheet, "pdf", "PDF"},
		{"png", func(t *testing.T) []byte {
			return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
		}, CodeFileNotSpreadsheet, "png", "그림"},
		{"binary junk", func(t *testing.T) []byte {
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(i*7 + 3)
			}
			return b
		}, CodeFileNotSpreadsheet, "", ".xlsx"},
	}
}

// TestReadRefusesOtherFormats covers every kind of file that is not read,
// so that the analyst learns what the file is and how to fix it.
func TestReadRefusesOtherFormats(t *testing.T) {
	for _, tt := range otherFormats() {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, writeRaw(t, "조사표.xls", tt.data(t)), Options{})
			wantRefused(t, res, tt.code)
			is := issue(res, tt.code)
			if res.Report.Format != tt.format || !strings.Contains(is.Message, tt.word) || is.Cell != "" {
				t.Errorf("format %q, issue %+v; want format %q and a message naming %q", res.Report.Format, *is, tt.format, tt.word)
			}
			if len(res.Report.Issues) != 1 || res.Report.IssuesTotal != 1 {
				t.Errorf("issues %v, total %d", codes(res), res.Report.IssuesTotal)
			}
		})
	}
}

// TestReadXLSMIsAWorkbook: a macro-enabled workbook is read like .xlsx;
// the macros are never run, only the sheet is read.
func TestReadXLSMIsAWorkbook(t *testing.T) {
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	p := rezip(t, base, map[string]string{"xl/vbaProject.bin": "\xd0\xcf\x11\xe0 macro bytes"})
	res := readPath(t, p, Options{})
	if res.Report.Status != model.StatusChecked || res.Report.Format != "xlsx" || len(res.Records) != 1 {
		t.Errorf("status %s format %s records %d: %v", res.Report.Status, res.Report.Format, len(res.Records), codes(res))
	}
}
