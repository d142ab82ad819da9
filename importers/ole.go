package importers

import (
	"os"

	"github.com/richardlehane/mscfb"
)

// oleKind is what an OLE2 (compound) file holds, told by its streams.
type oleKind int

const (
	oleUnknown   oleKind = iota
	oleEncrypted         // ECMA-376 encrypted OOXML: a password-protected .xlsx
	oleXLS               // BIFF workbook: legacy .xls (Workbook) or Excel 5/95 (Book)
	oleHWP               // 한글 (HWP 5)
	oleDOC               // Word 97-2003
	olePPT               // PowerPoint 97-2003
)

// refuseOLE explains an OLE2 file. A legacy .xls and a password-protected
// .xlsx share the magic number, and Korean offices also send HWP and Word
// files in the same container; the stream names tell them apart.
func refuseOLE(p string, st *state) {
	rep := &st.res.Report
	switch oleContent(p) {
	case oleEncrypted:
		rep.Format = "xlsx"
		st.refuse(CodeFileEncrypted, "암호가 걸린 엑셀 파일은 읽을 수 없습니다. 엑셀에서 파일을 열어 "+
			"[파일] → [정보] → [통합 문서 보호] → [암호 설정]에서 암호를 지운 뒤(암호를 해제한 뒤) .xlsx로 저장해 다시 올려 주세요.")
	case oleHWP:
		rep.Format = "hwp"
		st.refuse(CodeFileNotSpreadsheet, "%s", notSheetMsg("한글(HWP) 문서"))
	case oleDOC:
		rep.Format = "doc"
		st.refuse(CodeFileNotSpreadsheet, "%s", notSheetMsg("워드 문서(.doc)"))
	case olePPT:
		rep.Format = "ppt"
		st.refuse(CodeFileNotSpreadsheet, "%s", notSheetMsg("파워포인트 문서(.ppt)"))
	default:
		// A workbook stream, or a compound file too damaged to list: both
		// are most likely an old .xls, and re-saving is the fix for both.
		rep.Format = "xls"
		st.refuse(CodeFileLegacyXLS, "예전 엑셀 형식(.xls, Excel 97-2003) 파일은 읽을 수 없습니다. 엑셀에서 파일을 열어 "+
			"[다른 이름으로 저장] → 파일 형식 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 다시 올려 주세요.")
	}
}

// maxOLEEntries bounds the directory walk: the kinds are told by the first
// few streams, and a crafted directory can chain without end.
const maxOLEEntries = 5000

// oleContent walks the compound-file directory. Any failure (including a
// panic in the parser on a malformed file) answers oleUnknown.
func oleContent(p string) (kind oleKind) {
	defer func() {
		if recover() != nil {
			kind = oleUnknown
		}
	}()
	f, err := os.Open(p)
	if err != nil {
		return oleUnknown
	}
	defer f.Close()
	r, err := mscfb.New(f)
	if err != nil {
		return oleUnknown
	}
	seen := map[oleKind]bool{}
	for i := 0; i < maxOLEEntries; i++ {
		e, err := r.Next()
		if err != nil {
			break
		}
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			seen[oleEncrypted] = true
		case "Workbook", "Book":
			seen[oleXLS] = true
		case "FileHeader", "HwpSummaryInformation", "\x05HwpSummaryInformation":
			seen[oleHWP] = true
		case "WordDocument":
			seen[oleDOC] = true
		case "PowerPoint Document":
			seen[olePPT] = true
		}
	}
	// Encryption first: an encrypted package may carry other streams too.
	for _, k := range []oleKind{oleEncrypted, oleXLS, oleHWP, oleDOC, olePPT} {
		if seen[k] {
			return k
		}
	}
	return oleUnknown
}
