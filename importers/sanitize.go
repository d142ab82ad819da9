package importers

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"axdash/app/private"
)

// The annotated copy goes to other analysts, who open it in Excel, so it
// holds the upload's data and none of its live content: every formula
// becomes its cached value, and the parts below go with the relationships
// and elements that point at them.

// droppedRelTypes are relationship types, by the last segment of their
// URI, whose targets are left out: links to other workbooks and DDE
// servers, data connections and query tables, VBA projects and Excel 4
// macro sheets, ActiveX controls, form controls, OLE objects and embedded
// packages, the ribbon's customUI (its callbacks are macros), and the
// calculation chain and RTD topics, which name formulas that are gone.
var droppedRelTypes = map[string]bool{
	"externallink": true, "externallinkpath": true, "connections": true, "querytable": true,
	"vbaproject": true, "vbaprojectsignature": true, "vbaprojectsignatureagile": true, "vbaprojectsignaturev3": true,
	"xlmacrosheet": true, "xlintlmacrosheet": true, "control": true, "activexcontrolbinary": true, "ctrlprop": true,
	"oleobject": true, "package": true, "extensibility": true, "calcchain": true, "volatiledependencies": true,
}

// droppedContentTypes are the same parts by content type (lower case),
// which also catches such a part that no relationship names.
var droppedContentTypes = map[string]bool{
	"application/vnd.openxmlformats-officedocument.spreadsheetml.externallink+xml":         true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml":          true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.querytable+xml":           true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.calcchain+xml":            true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.volatiledependencies+xml": true,
	"application/vnd.openxmlformats-officedocument.oleobject":                              true,
	"application/vnd.ms-office.vbaproject":                                                 true,
	"application/vnd.ms-office.vbaprojectsignature":                                        true,
	"application/vnd.ms-office.vbaprojectsignatureagile":                                   true,
	"application/vnd.ms-office.vbaprojectsignaturev3":                                      true,
	"application/vnd.ms-excel.macrosheet+xml":                                              true,
	"application/vnd.ms-excel.intlmacrosheet+xml":                                          true,
	"application/vnd.ms-office.activex+xml":                                                true,
	"application/vnd.ms-office.activex":                                                    true,
	"application/vnd.ms-excel.controlproperties+xml":                                       true,
}

// mainSheetType is the workbook part's content type in a plain .xlsx.
const mainSheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

const contentTypesPart = "[Content_Types].xml"

// partKind is how a part is copied.
type partKind int

const (
	rawPart       partKind = iota // byte for byte
	workbookPart                  // workbookRules
	worksheetPart                 // sheetRules
	tablePart                     // tableRules
	refsPart                      // refRules: only what names a relationship left out
)

// saveSanitized writes the annotated workbook to outPath as a plain .xlsx
// without live content, going through a file in tmp. Both files are made
// through private.WriteFile, not excelize's SaveAs, which creates its file
// 0777 less the umask: the copy holds raw answers.
func saveSanitized(f *excelize.File, tmp, outPath string) error {
	raw := filepath.Join(tmp, "annotated.xlsx")
	f.Path = raw // WriteTo picks the content type from the path, as SaveAs would
	if err := private.WriteFile(raw, func(w io.Writer) error { return f.Write(w) }); err != nil {
		return err
	}
	return sanitizeBook(raw, outPath)
}

// sanitizeBook copies the workbook package at src to dst without live
// content.
func sanitizeBook(src, dst string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	plan, err := planBook(&zr.Reader)
	if err != nil {
		return err
	}
	return private.WriteFile(dst, func(w io.Writer) error {
		zw := zip.NewWriter(w)
		if err := plan.write(zw); err != nil {
			return err
		}
		return zw.Close()
	})
}

// bookPlan is what happens to each part. Part names are keyed in lower
// case: OPC compares them without case.
type bookPlan struct {
	files    []*zip.File
	types    contentTypes
	workbook string                     // the workbook part
	drop     map[string]bool            // parts left out
	rels     map[string]relationships   // .rels part → its relationships
	gone     map[string]map[string]bool // part → ids of its relationships left out
	kind     map[string]partKind
}

// planBook decides, from the content types and every .rels part, which
// parts and relationships go and which parts are filtered.
func planBook(zr *zip.Reader) (*bookPlan, error) {
	p, err := readPlan(zr)
	if err != nil {
		return nil, err
	}
	// Targets of the dropped types go first, so that another part's
	// relationship to one of them goes too.
	p.eachRel(func(src, target string, r relationship) {
		if !external(r) && droppedRelTypes[relType(r)] {
			p.drop[strings.ToLower(target)] = true
		}
	})
	p.eachRel(func(src, target string, r relationship) {
		if external(r) || droppedRelTypes[relType(r)] || p.drop[strings.ToLower(target)] {
			p.leaveOut(src, r.ID)
			return
		}
		switch relType(r) {
		case "officedocument":
			if src == "" {
				p.workbook, p.kind[strings.ToLower(target)] = target, workbookPart
			}
		case "worksheet":
			p.kind[strings.ToLower(target)] = worksheetPart
		case "table":
			p.kind[strings.ToLower(target)] = tablePart
		}
	})
	if p.workbook == "" {
		return nil, errors.New("no workbook part")
	}
	for part := range p.gone {
		if p.kind[part] == rawPart {
			p.kind[part] = refsPart
		}
	}
	return p, nil
}

// readPlan reads the content types and every .rels part, and marks the
// parts whose content type goes.
func readPlan(zr *zip.Reader) (*bookPlan, error) {
	p := &bookPlan{files: zr.File, drop: map[string]bool{}, rels: map[string]relationships{},
		gone: map[string]map[string]bool{}, kind: map[string]partKind{}}
	e := findEntry(zr, contentTypesPart)
	if e == nil {
		return nil, errors.New("no [Content_Types].xml")
	}
	b, err := readEntry(e, maxSmallPart)
	if err == nil {
		err = xml.Unmarshal(b, &p.types)
	}
	if err != nil {
		return nil, fmt.Errorf("[Content_Types].xml: %w", err)
	}
	typeOf := p.types.typeOf()
	for _, f := range zr.File {
		name := partName(f)
		if droppedContentTypes[strings.ToLower(typeOf(name))] {
			p.drop[strings.ToLower(name)] = true
		}
		if _, ok := relsSource(name); ok {
			var r relationships
			if b, err := readEntry(f, maxSmallPart); err != nil || xml.Unmarshal(b, &r) != nil {
				return nil, fmt.Errorf("%s cannot be read", name)
			}
			p.rels[strings.ToLower(name)] = r
		}
	}
	return p, nil
}

// eachRel calls fn for every relationship of a part that stays; the .rels
// of a part that goes goes with it.
func (p *bookPlan) eachRel(fn func(src, target string, r relationship)) {
	for name, rs := range p.rels {
		src, _ := relsSource(name)
		if src != "" && p.drop[src] {
			p.drop[name] = true
			continue
		}
		dir, _ := path.Split(src)
		for _, r := range rs.Rels {
			fn(src, resolvePart(dir, r.Target), r)
		}
	}
}

func (p *bookPlan) leaveOut(src, id string) {
	if p.gone[src] == nil {
		p.gone[src] = map[string]bool{}
	}
	p.gone[src][id] = true
}

// relsSource is the part whose relationships a .rels part holds ("" for
// the package's own _rels/.rels); ok is false for other parts.
func relsSource(name string) (src string, ok bool) {
	dir, base := path.Split(name)
	if !strings.HasSuffix(dir, "_rels/") || !strings.HasSuffix(base, ".rels") {
		return "", false
	}
	return strings.TrimSuffix(dir, "_rels/") + strings.TrimSuffix(base, ".rels"), true
}

func partName(f *zip.File) string { return strings.ReplaceAll(f.Name, "\\", "/") }

func external(r relationship) bool { return strings.EqualFold(r.TargetMode, "External") }

// relType is the last segment of a relationship's type URI, in lower case.
func relType(r relationship) string {
	return strings.ToLower(r.Type[strings.LastIndexByte(r.Type, '/')+1:])
}
