// Package corpus builds hostile upload files for tests: zip bombs, lying
// zips, crafted sheets and renamed formats, generated in a few
// milliseconds each so that no large or dangerous file is committed. Both
// the importer's tests and the parse-worker tests read the same cases.
package corpus

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io/fs"
	"strings"
)

// Part is one zip entry: Body compressed by the writer, or Raw bytes
// written as they are with whatever sizes and CRC the case claims.
type Part struct {
	Name string
	Body []byte
	Raw  *Raw
	Mode fs.FileMode // e.g. fs.ModeSymlink; zero for a plain file
}

// Raw is an already deflated entry and the directory's claims about it.
type Raw struct {
	Packed []byte
	CRC    uint32
	Size   uint64 // declared unpacked size
}

// Bomb deflates prefix, k copies of chunk and suffix without ever holding
// the copies: each piece is compressed and sync-flushed on its own (a
// byte-aligned, non-final block that refers to nothing before it), the
// chunk's block is repeated k times, and an empty final block ends the
// stream. A gigabyte bomb costs milliseconds.
func Bomb(prefix, chunk []byte, k int, suffix []byte) *Raw {
	var packed []byte
	for _, piece := range []struct {
		b []byte
		n int
	}{{prefix, 1}, {chunk, k}, {suffix, 1}} {
		packed = append(packed, bytes.Repeat(flushed(piece.b), piece.n)...)
	}
	var end bytes.Buffer
	fw, _ := flate.NewWriter(&end, flate.BestCompression)
	fw.Close()
	h := crc32.NewIEEE()
	h.Write(prefix)
	for range k {
		h.Write(chunk)
	}
	h.Write(suffix)
	size := uint64(len(prefix)+len(suffix)) + uint64(len(chunk))*uint64(k)
	return &Raw{Packed: append(packed, end.Bytes()...), CRC: h.Sum32(), Size: size}
}

func flushed(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(b)
	w.Flush()
	return buf.Bytes()
}

// Deflate compresses body honestly; callers then change the claims.
func Deflate(body []byte) *Raw { return Bomb(nil, body, 1, nil) }

// Zip writes the parts as a zip archive.
func Zip(parts []Part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if err := writePart(zw, p); err != nil {
			return nil, fmt.Errorf("corpus: %s: %w", p.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writePart(zw *zip.Writer, p Part) error {
	if p.Raw != nil {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, CRC32: p.Raw.CRC,
			CompressedSize64: uint64(len(p.Raw.Packed)), UncompressedSize64: p.Raw.Size})
		if err != nil {
			return err
		}
		_, err = w.Write(p.Raw.Packed)
		return err
	}
	fh := &zip.FileHeader{Name: p.Name, Method: zip.Deflate}
	if p.Mode != 0 {
		fh.SetMode(p.Mode)
	}
	w, err := zw.CreateHeader(fh)
	if err != nil {
		return err
	}
	_, err = w.Write(p.Body)
	return err
}

// Book is a minimal valid workbook: one sheet named 조사표 whose rows are
// the given XML after a header row of the survey's required columns, with
// a shared-strings and a styles part for cases to replace.
func Book(rows string) []Part {
	return []Part{
		{Name: "[Content_Types].xml", Body: []byte(contentTypes)},
		{Name: "_rels/.rels", Body: []byte(rootRels)},
		{Name: "xl/workbook.xml", Body: []byte(workbook)},
		{Name: "xl/_rels/workbook.xml.rels", Body: []byte(workbookRels)},
		{Name: "xl/worksheets/sheet1.xml", Body: []byte(Sheet(rows))},
		{Name: "xl/sharedStrings.xml", Body: []byte(SST(`<si><t>서울</t></si>`))},
		{Name: "xl/styles.xml", Body: []byte(styles)},
	}
}

// With returns parts with the named part replaced (or added).
func With(parts []Part, p Part) []Part {
	out := make([]Part, 0, len(parts)+1)
	done := false
	for _, q := range parts {
		if q.Name == p.Name {
			q, done = p, true
		}
		out = append(out, q)
	}
	if !done {
		out = append(out, p)
	}
	return out
}

// Header is the header row: every required column, in inline strings.
var Header = Row(1, "기업명", "시도", "업종", "종업원수", "AI도입단계")

// Row is one row of inline-string cells from column A.
func Row(r int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, c := range cells {
		fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, r, c)
	}
	return b.String() + `</row>`
}

// Good is a valid data row for Header.
func Good(r int, name string) string { return Row(r, name, "서울", "C", "25", "도입") }

// Sheet is a worksheet with the header and then rows.
func Sheet(rows string) string { return SheetHead + Header + rows + SheetTail }

const (
	SheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	SheetTail = `</sheetData></worksheet>`
)

// SST is a shared-strings part holding the given <si> items.
func SST(items string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + items + `</sst>`
}

const ns = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
const od = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships ` + ns + `>` +
		`<Relationship Id="rId1" Type="` + od + `officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="조사표" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships ` + ns + `>` +
		`<Relationship Id="rId1" Type="` + od + `worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + od + `sharedStrings" Target="sharedStrings.xml"/>` +
		`<Relationship Id="rId3" Type="` + od + `styles" Target="styles.xml"/></Relationships>`
	styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
		`<cellXfs count="1"><xf/></cellXfs></styleSheet>`
)
