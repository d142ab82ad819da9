package importers

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// maxSmallPart bounds the package parts this package reads itself
// (mimetype, relationships, workbook.xml): real ones are kilobytes.
const maxSmallPart = 4 << 20

// zipKinds are zip-based documents that are not Excel workbooks, known by
// their OpenDocument-style mimetype entry or a main part.
var zipKinds = []struct{ mimetype, part, format, what string }{
	{"application/vnd.oasis.opendocument.text", "", "odt", "OpenDocument 텍스트 문서(.odt)"},
	{"application/vnd.oasis.opendocument.presentation", "", "odp", "OpenDocument 프레젠테이션(.odp)"},
	{"application/hwp+zip", "", "hwpx", "한글(HWPX) 문서"},
	{"", "word/document.xml", "docx", "워드 문서(.docx)"},
	{"", "ppt/presentation.xml", "pptx", "파워포인트 문서(.pptx)"},
	{"", "xl/workbook.bin", "xlsb", "엑셀 바이너리 통합 문서(.xlsb)"},
}

const odsMimetype = "application/vnd.oasis.opendocument.spreadsheet"

// classifyZip accepts a zip only when it is an Excel workbook (.xlsx or
// .xlsm, whose macros are never run), that is, when its main part exists.
// Everything else is refused with what it seems to be.
func classifyZip(p string, st *state) bool {
	zr, err := zip.OpenReader(p)
	if err != nil {
		st.refuse(CodeFileCorrupt, "파일을 읽을 수 없습니다. 압축 구조가 손상된 .xlsx 파일입니다.")
		return false
	}
	defer zr.Close()
	if wb := workbookPath(&zr.Reader); findEntry(&zr.Reader, wb) != nil {
		if sharedStringsMisplaced(&zr.Reader, wb) {
			st.refuse(CodeFileCorrupt, "글자 셀이 모인 공유 문자열 파트가 표준 위치(xl/sharedStrings.xml)가 아닌 곳에 있어 "+
				"글자를 읽을 수 없습니다. 엑셀이나 LibreOffice에서 열어 .xlsx로 다시 저장한 뒤 올려 주세요.")
			return false
		}
		return true
	}
	mime := ""
	if e := findEntry(&zr.Reader, "mimetype"); e != nil {
		b, _ := readEntry(e, 256)
		mime = strings.TrimSpace(string(b))
	}
	rep := &st.res.Report
	if mime == odsMimetype {
		rep.Format = "ods"
		st.refuse(CodeFileNotSpreadsheet, "OpenDocument 스프레드시트(.ods) 파일은 읽을 수 없습니다. LibreOffice나 "+
			"한컴오피스에서 열어 [다른 이름으로 저장] → 'Excel 2007-365 (.xlsx)' 형식으로 저장하거나, 엑셀에서 열어 "+
			".xlsx로 다시 저장한 뒤 올려 주세요.")
		return false
	}
	for _, k := range zipKinds {
		if (k.mimetype != "" && mime == k.mimetype) || (k.part != "" && findEntry(&zr.Reader, k.part) != nil) {
			rep.Format = k.format
			st.refuse(CodeFileNotSpreadsheet, "%s", notSheetMsg(k.what))
			return false
		}
	}
	rep.Format = "zip"
	st.refuse(CodeFileNotSpreadsheet, "압축(zip) 파일이지만 엑셀 통합 문서가 아닙니다 (xl/workbook.xml이 없습니다). "+
		"압축을 풀어 안의 .xlsx 파일을 올리거나, 엑셀에서 .xlsx로 저장해 올려 주세요.")
	return false
}

// findEntry returns the zip entry with the name, or nil. Names are compared
// after turning backslashes into slashes, as excelize does.
func findEntry(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.ReplaceAll(f.Name, "\\", "/") == name {
			return f
		}
	}
	return nil
}

// readEntry reads a small entry whole, refusing more than limit bytes.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = zip.ErrFormat
	}
	return b, err
}

// relationships is a package .rels part.
type relationships struct {
	Rels []relationship `xml:"Relationship"`
}

type relationship struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr,omitempty"`
}

// workbookRel is the part that the first of the workbook wb's
// relationships to match points at; ok is false when none matches.
func workbookRel(zr *zip.Reader, wb string, match func(relationship) bool) (part string, ok bool) {
	dir, base := path.Split(wb)
	for _, r := range readRels(zr, dir+"_rels/"+base+".rels").Rels {
		if match(r) {
			return resolvePart(dir, r.Target), true
		}
	}
	return "", false
}

// readRels parses a .rels part; a missing or broken one has no relations.
func readRels(zr *zip.Reader, name string) relationships {
	var r relationships
	if e := findEntry(zr, name); e != nil {
		if b, err := readEntry(e, maxSmallPart); err == nil {
			_ = xml.Unmarshal(b, &r)
		}
	}
	return r
}

// workbookPath is the workbook part named by the package relationships
// (the officeDocument), falling back to the usual xl/workbook.xml.
func workbookPath(zr *zip.Reader) string {
	for _, r := range readRels(zr, "_rels/.rels").Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target != "" {
			return resolvePart("", r.Target)
		}
	}
	return "xl/workbook.xml"
}

// resolvePart resolves a relationship target against the folder of the
// part that holds the relationship: "/xl/a.xml" is absolute, "a.xml" and
// "../a.xml" are relative.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join("/", dir, target)), "/")
}

// sharedStringsMisplaced reports a workbook whose relationships put its
// shared strings somewhere other than xl/sharedStrings.xml. excelize reads
// only that path, so every text cell of such a file would come out empty:
// a wrong reading, not an error, in each optional text column.
func sharedStringsMisplaced(zr *zip.Reader, wb string) bool {
	part, ok := workbookRel(zr, wb, func(r relationship) bool { return strings.HasSuffix(r.Type, "/sharedStrings") })
	return ok && !strings.EqualFold(part, "xl/sharedStrings.xml")
}
