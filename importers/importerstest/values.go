package importerstest

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"testing"
)

// CellValues reads a sheet of a workbook package: each cell's value by
// reference, with shared strings looked up.
func CellValues(t testing.TB, book []byte, sheet string) map[string]Value {
	t.Helper()
	p := openPackage(t, book)
	var shared []string
	if b, ok := p["xl/sharedStrings.xml"]; ok {
		var sst struct {
			SI []struct {
				Inner []byte `xml:",innerxml"`
			} `xml:"si"`
		}
		if err := xml.Unmarshal(b, &sst); err != nil {
			t.Fatalf("shared strings: %v", err)
		}
		for _, si := range sst.SI {
			shared = append(shared, texts(t, si.Inner))
		}
	}
	var ws struct {
		Cells []struct {
			Ref string  `xml:"r,attr"`
			T   string  `xml:"t,attr"`
			V   *string `xml:"v"`
			IS  *struct {
				Inner []byte `xml:",innerxml"`
			} `xml:"is"`
		} `xml:"sheetData>row>c"`
	}
	if err := xml.Unmarshal(p[p.sheetPart(t, sheet)], &ws); err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	out := map[string]Value{}
	for _, c := range ws.Cells {
		switch {
		case c.IS != nil:
			out[c.Ref] = Value{"str", texts(t, c.IS.Inner)}
		case c.V == nil:
			out[c.Ref] = Value{}
		case c.T == "s":
			i, err := strconv.Atoi(*c.V)
			if err != nil || i < 0 || i >= len(shared) {
				t.Fatalf("%s!%s: shared string %q", sheet, c.Ref, *c.V)
			}
			out[c.Ref] = Value{"str", shared[i]}
		case c.T == "" || c.T == "n":
			out[c.Ref] = Value{"n", *c.V}
		default:
			out[c.Ref] = Value{c.T, *c.V}
		}
	}
	return out
}

// texts joins the <t> elements in a string item (plain or rich text).
func texts(t testing.TB, inner []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(inner))
	var b bytes.Buffer
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatalf("string item: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			inT = el.Name.Local == "t"
		case xml.EndElement:
			inT = false
		case xml.CharData:
			if inT {
				b.Write(el)
			}
		}
	}
}

// sheetPart is the part of the sheet with the name.
func (p pkg) sheetPart(t testing.TB, sheet string) string {
	t.Helper()
	wb := p.workbook(t)
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range p.rels(t, "xl/workbook.xml") {
			if r.ID == s.ID {
				return resolve("xl/workbook.xml", r.Target)
			}
		}
	}
	t.Fatalf("no sheet %s", sheet)
	return ""
}
