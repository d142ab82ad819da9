package importerstest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"testing"
)

// forbidden are words that no part name, relationship type or content
// type of a clean copy contains.
var forbidden = []string{"externallink", "connections", "querytable", "vbaproject", "macrosheet", "macroenabled",
	"oleobject", "embeddings", "calcchain", "customui", "extensibility", "activex"}

// Check fails t unless book, an annotated copy of Hostile, is a plain
// .xlsx without Hostile's live content, whose formula cells hold their
// cached values, and whose every relationship and r:id leads somewhere.
func Check(t testing.TB, book []byte) {
	t.Helper()
	p := openPackage(t, book)
	p.checkRels(t, "") // the package's own
	for name := range p {
		if hasForbidden(name) {
			t.Errorf("part %s is still there", name)
		}
		if !strings.HasSuffix(name, ".rels") {
			p.checkRels(t, name)
		}
	}
	p.checkTypes(t)
	for name, body := range p {
		if strings.HasSuffix(name, ".xml") {
			p.checkRefs(t, name, body)
		}
		switch {
		case strings.HasPrefix(name, "xl/worksheets/") && !strings.Contains(name, "_rels"):
			p.checkSheet(t, name, body)
		case strings.HasPrefix(name, "xl/tables/") && !strings.Contains(name, "_rels"):
			for _, bad := range []string{"calculatedColumnFormula", "tableType=", "connectionId=", "queryTableFieldId="} {
				if bytes.Contains(body, []byte(bad)) {
					t.Errorf("%s keeps %s", name, bad)
				}
			}
		}
	}
	p.checkNames(t)
	CheckValues(t, book)
	if !strings.Contains(string(p[p.sheetPart(t, Other)]), `location="'`+Sheet+`'!A1"`) {
		t.Error("the link within the workbook went too")
	}
}

// CheckValues fails t unless each of the Cells in book, a copy of
// Hostile, holds its plain value. It holds too for a copy that LibreOffice
// saved again (which writes a boolean as the formula TRUE()).
func CheckValues(t testing.TB, book []byte) {
	t.Helper()
	for _, sheet := range []string{Sheet, Other} {
		got := CellValues(t, book, sheet)
		for _, c := range Cells {
			if c.Sheet == sheet && got[c.Ref] != c.Want {
				t.Errorf("%s!%s = %+v, want %+v", c.Sheet, c.Ref, got[c.Ref], c.Want)
			}
		}
	}
}

type pkg map[string][]byte

func openPackage(t testing.TB, book []byte) pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatalf("the copy is not a zip: %v", err)
	}
	p := pkg{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		p[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return p
}

type relation struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

func (p pkg) rels(t testing.TB, src string) []relation {
	t.Helper()
	dir, base := path.Split(src)
	var rs struct {
		Rels []relation `xml:"Relationship"`
	}
	if b, ok := p[dir+"_rels/"+base+".rels"]; ok {
		if err := xml.Unmarshal(b, &rs); err != nil {
			t.Fatalf("rels of %s: %v", src, err)
		}
	}
	return rs.Rels
}

func (p pkg) checkRels(t testing.TB, src string) {
	t.Helper()
	for _, r := range p.rels(t, src) {
		target := resolve(src, r.Target)
		switch {
		case r.Mode != "":
			t.Errorf("%s links out: %s %s", src, r.Type, r.Target)
		case hasForbidden(r.Type):
			t.Errorf("%s keeps a relationship %s", src, r.Type)
		case p[target] == nil:
			t.Errorf("%s: relationship %s leads to no part (%s)", src, r.ID, target)
		}
	}
}

func (p pkg) checkTypes(t testing.TB) {
	t.Helper()
	var ct struct {
		Overrides []struct {
			Part string `xml:"PartName,attr"`
			Type string `xml:"ContentType,attr"`
		} `xml:"Override"`
		Defaults []struct {
			Type string `xml:"ContentType,attr"`
		} `xml:"Default"`
	}
	if err := xml.Unmarshal(p["[Content_Types].xml"], &ct); err != nil {
		t.Fatalf("content types: %v", err)
	}
	main := false
	for _, o := range ct.Overrides {
		main = main || o.Part == "/xl/workbook.xml" &&
			o.Type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
		if hasForbidden(o.Type) || p[strings.TrimPrefix(o.Part, "/")] == nil {
			t.Errorf("content type override %s %s", o.Part, o.Type)
		}
	}
	for _, d := range ct.Defaults {
		if hasForbidden(d.Type) {
			t.Errorf("default content type %s", d.Type)
		}
	}
	if !main {
		t.Error("the workbook is not a plain .xlsx workbook")
	}
}

// checkSheet finds no formula and no other live element.
func (p pkg) checkSheet(t testing.TB, name string, body []byte) {
	t.Helper()
	eachStart(t, name, body, func(el xml.StartElement) {
		switch el.Name.Local {
		case "f", "conditionalFormatting", "dataValidations", "oleObjects", "controls":
			t.Errorf("%s keeps <%s>", name, el.Name.Local)
		}
	})
}

// checkRefs finds no r:id (r:link, r:embed) that leads to no relationship.
func (p pkg) checkRefs(t testing.TB, name string, body []byte) {
	t.Helper()
	ids := map[string]bool{}
	for _, r := range p.rels(t, name) {
		ids[r.ID] = true
	}
	eachStart(t, name, body, func(el xml.StartElement) {
		for _, a := range el.Attr {
			if a.Name.Space == nsR && !ids[a.Value] {
				t.Errorf("%s: <%s %s> names relationship %s, which is gone", name, el.Name.Local, a.Name.Local, a.Value)
			}
		}
	})
}

// eachStart calls fn for each element of an XML part.
func eachStart(t testing.TB, name string, body []byte, fn func(xml.StartElement)) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			fn(el)
		}
	}
}

// workbookXML is what the checks read of xl/workbook.xml.
type workbookXML struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
	Ext   *struct{} `xml:"externalReferences"`
	Names []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:",chardata"`
	} `xml:"definedNames>definedName"`
}

func (p pkg) workbook(t testing.TB) workbookXML {
	t.Helper()
	var wb workbookXML
	if err := xml.Unmarshal(p["xl/workbook.xml"], &wb); err != nil {
		t.Fatalf("workbook: %v", err)
	}
	return wb
}

// checkNames finds no external reference and only plain print ranges.
func (p pkg) checkNames(t testing.TB) {
	t.Helper()
	wb := p.workbook(t)
	if wb.Ext != nil {
		t.Error("the workbook keeps its external references")
	}
	for _, n := range wb.Names {
		if !strings.HasPrefix(n.Name, "_xlnm.") || strings.ContainsAny(n.Value, "([|") {
			t.Errorf("defined name %s = %s", n.Name, n.Value)
		}
	}
}

func hasForbidden(s string) bool {
	s = strings.ToLower(s)
	for _, w := range forbidden {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// resolve is a relationship's target part: relative to the folder of the
// part that holds it, or absolute.
func resolve(src, target string) string {
	if strings.HasPrefix(target, "/") {
		return target[1:]
	}
	return path.Join(path.Dir(src), target)
}

// Part is a part of a workbook package, or nil.
func Part(t testing.TB, book []byte, name string) []byte {
	t.Helper()
	return openPackage(t, book)[name]
}
