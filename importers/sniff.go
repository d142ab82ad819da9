package importers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
)

// headLen is how many leading bytes hashFile keeps for sniffing: enough for
// every magic number below.
const headLen = 512

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// hashFile returns the first bytes of the file (for sniffing) and the hex
// SHA-256 of all of it, reading it once.
func hashFile(p string) (head []byte, sum string, err error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, "", fmt.Errorf("importers: open %s: %w", p, err)
	}
	defer f.Close()
	head = make([]byte, headLen)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, "", fmt.Errorf("importers: read %s: %w", p, err)
	}
	head = head[:n]
	h := sha256.New()
	h.Write(head)
	if _, err := io.Copy(h, f); err != nil {
		return nil, "", fmt.Errorf("importers: hash %s: %w", p, err)
	}
	return head, hex.EncodeToString(h.Sum(nil)), nil
}

// sniffed is what sniffing decided: a format the importer reads ("xlsx" or
// "csv", with the text layout for CSV), or a refusal already recorded.
type sniffed struct {
	format string
	text   textLayout
}

// sniffFile decides the format by content: users rename files freely, and a
// name says nothing about what a parser would be fed. Refusals go into st,
// with Report.Format naming what the file is; ok is false for them.
func (im *Importer) sniffFile(p string, head []byte, st *state) (sniffed, bool) {
	rep := &st.res.Report
	switch {
	case bytes.HasPrefix(head, magicZip):
		rep.Format = "xlsx"
		if !precheckZip(p, im.limits(), st) || !classifyZip(p, st) {
			return sniffed{}, false
		}
		return sniffed{format: "xlsx"}, true
	case bytes.HasPrefix(head, magicOLE[:4]):
		refuseOLE(p, st)
		return sniffed{}, false
	}
	if b := binaryKind(head); b != nil {
		rep.Format = b.format
		st.refuse(CodeFileNotSpreadsheet, "%s", notSheetMsg(b.what))
		return sniffed{}, false
	}
	layout, err := sniffText(p)
	if err != nil {
		st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다.")
		return sniffed{}, false
	}
	if layout.refusal != nil {
		rep.Format = layout.refusal.format
		st.refuse(CodeFileNotSpreadsheet, "%s", layout.refusal.msg)
		return sniffed{}, false
	}
	rep.Format = "csv"
	return sniffed{format: "csv", text: layout}, true
}

// magicKind is a binary format known by its first bytes.
type magicKind struct {
	magic  string
	offset int
	format string // for Report.Format
	what   string // Korean name for the message
}

// binaryMagics are the non-spreadsheet files people upload by mistake:
// scans, screenshots, the report itself.
var binaryMagics = []magicKind{
	{"%PDF-", 0, "pdf", "PDF 문서"},
	{"\x89PNG\r\n\x1a\n", 0, "png", "PNG 그림"},
	{"\xFF\xD8\xFF", 0, "jpeg", "JPEG 그림"},
	{"GIF87a", 0, "gif", "GIF 그림"},
	{"GIF89a", 0, "gif", "GIF 그림"},
	{"II*\x00", 0, "tiff", "TIFF 그림"},
	{"MM\x00*", 0, "tiff", "TIFF 그림"},
	{"WEBP", 8, "webp", "WebP 그림"},
	{"\x1F\x8B", 0, "gzip", "gzip 압축 파일"},
	{"7z\xBC\xAF\x27\x1C", 0, "7z", "7z 압축 파일"},
	{"Rar!\x1A\x07", 0, "rar", "RAR 압축 파일"},
	{"{\\rtf", 0, "rtf", "RTF 문서"},
	{"HWP Document File", 0, "hwp", "한글(HWP) 문서"},
}

// binaryKind returns the known binary format of head, or nil.
func binaryKind(head []byte) *magicKind {
	for i := range binaryMagics {
		m := &binaryMagics[i]
		if len(head) >= m.offset+len(m.magic) && string(head[m.offset:m.offset+len(m.magic)]) == m.magic {
			return m
		}
	}
	return nil
}

// notSheetMsg is the message for a file that is some other kind of
// document: say what it is and how to get a workbook out of it.
func notSheetMsg(what string) string {
	return fmt.Sprintf("엑셀 통합 문서(.xlsx)나 CSV 파일이 아니라 %s로 보입니다. 조사표를 엑셀에서 열어 "+
		"[다른 이름으로 저장] → 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 다시 올려 주세요.", what)
}

// humanBytes writes a byte count the way the limit messages show it.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1fKB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d바이트", n)
}
