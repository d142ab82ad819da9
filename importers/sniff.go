package importers

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"strings"

	"github.com/richardlehane/mscfb"
)

type format int

const (
	formatUnknown format = iota
	formatXLSX
	formatOLE
)

var (
	magicZip = []byte("PK\x03\x04")
	magicOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Bounds of the zip pre-check. A real workbook has tens of parts; thousands
// mean a crafted file, and each entry costs excelize memory.
const maxZipEntries = 5000

// hashFile returns the first bytes of the file (for sniffing) and the hex
// SHA-256 of all of it, reading it once.
func hashFile(p string) (head []byte, sum string, err error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, "", fmt.Errorf("importers: open %s: %w", p, err)
	}
	defer f.Close()
	head = make([]byte, 8)
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

// sniff decides the format by content: users rename files freely, and a
// name says nothing about what excelize would be fed.
func sniff(head []byte) format {
	switch {
	case bytes.HasPrefix(head, magicZip):
		return formatXLSX
	case bytes.HasPrefix(head, magicOLE[:4]):
		return formatOLE
	}
	return formatUnknown
}

// refuseOLE explains an OLE2 (compound) file. Both a legacy .xls and a
// password-protected .xlsx are OLE2; the directory tells them apart: an
// EncryptionInfo stream means encrypted OOXML.
func refuseOLE(p string, st *state) {
	if oleEncrypted(p) {
		st.res.Report.Format = "xlsx"
		st.refuse(CodeFileEncrypted, "암호가 걸린 엑셀 파일은 읽을 수 없습니다. 엑셀에서 파일을 열어 "+
			"[파일] → [정보] → [통합 문서 보호] → [암호 설정]에서 암호를 지운 뒤 .xlsx로 저장해 다시 올려 주세요.")
		return
	}
	st.res.Report.Format = "xls"
	st.refuse(CodeFileLegacyXLS, "예전 엑셀 형식(.xls) 파일은 읽을 수 없습니다. 엑셀에서 파일을 열어 "+
		"[다른 이름으로 저장] → 파일 형식 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 다시 올려 주세요.")
}

// oleEncrypted walks the compound-file directory looking for the streams of
// ECMA-376 encryption. Any failure (including a panic in the parser on a
// malformed file) answers false: the file is then reported as legacy .xls,
// which is refused all the same.
func oleEncrypted(p string) (enc bool) {
	defer func() {
		if recover() != nil {
			enc = false
		}
	}()
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	r, err := mscfb.New(f)
	if err != nil {
		return false
	}
	for i := 0; i < maxZipEntries; i++ {
		e, err := r.Next()
		if err != nil {
			return false
		}
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return true
		case "Workbook", "Book":
			return false
		}
	}
	return false
}

// precheckZip reads the zip's central directory before excelize does and
// refuses what excelize would handle badly: too many entries, a declared
// unpacked size over the limit (including sizes that overflow), and entry
// names that climb out of the archive or repeat.
func precheckZip(p string, maxUnzipped int64, st *state) bool {
	zr, err := zip.OpenReader(p)
	if err != nil {
		st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 구조가 손상된 .xlsx 파일입니다. "+
			"엑셀에서 열어 .xlsx로 다시 저장해 보세요.")
		return false
	}
	defer zr.Close()
	if len(zr.File) > maxZipEntries {
		st.refuse(CodeFileLimit, "압축 항목 수 제한을 넘습니다: %d개 (최대 %d개).", len(zr.File), maxZipEntries)
		return false
	}
	var total uint64
	seen := make(map[string]bool, len(zr.File))
	for _, zf := range zr.File {
		name := strings.ReplaceAll(zf.Name, "\\", "/")
		clean := path.Clean(name)
		if strings.HasPrefix(name, "/") || clean == ".." || strings.HasPrefix(clean, "../") || seen[strings.ToLower(clean)] {
			st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 안의 항목 이름이 올바르지 않습니다.")
			return false
		}
		seen[strings.ToLower(clean)] = true
		total += zf.UncompressedSize64
		if zf.UncompressedSize64 > math.MaxInt64 || total > math.MaxInt64 || int64(total) > maxUnzipped {
			st.refuse(CodeFileLimit, "압축을 푼 크기 제한을 넘습니다 (최대 %s).", humanBytes(maxUnzipped))
			return false
		}
	}
	return true
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
