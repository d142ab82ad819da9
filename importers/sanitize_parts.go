package importers

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// sheetDropped are the worksheet's children that go whole: formulas of
// conditional formats and data validations (which could also hide the
// error fills), OLE objects and ActiveX controls, the Excel 2010 wrappers
// around those, extensions (x14 formats and validations, sparklines, web
// add-ins) and publish-to-web items.
var sheetDropped = map[string]bool{
	"conditionalFormatting": true, "dataValidations": true, "oleObjects": true, "controls": true,
	"AlternateContent": true, "extLst": true, "webPublishItems": true,
}

// sheetRules turn every formula cell into its cached value and drop the
// worksheet's other live content.
type sheetRules struct{}

func (sheetRules) start(pf *partFilter, e *elem, _ bool) (action, []byte) {
	name := e.tok.Name.Local
	parent := pf.parent(e)
	switch {
	case e.depth == 2 && sheetDropped[name]:
		return dropElem, nil
	case e.depth == 2 && name == "hyperlinks":
		return holdElem, nil
	case name == "f": // any formula, wherever it stands
		if parent != nil && parent.cell != nil {
			parent.cell.formula = true
		}
		return dropElem, nil
	case name == "c" && parent != nil && parent.tok.Name.Local == "row":
		e.cell = &cellValue{start: e.tok}
		return holdElem, nil
	case parent != nil && parent.cell != nil && name == "v":
		parent.cell.hasV = true
		e.text = &parent.cell.v
	case parent != nil && parent.cell != nil && name == "is":
		return holdElem, nil
	}
	return keepElem, nil
}

func (sheetRules) end(pf *partFilter, e *elem) {
	switch {
	case e.cell != nil && e.cell.formula:
		pf.keep(e.cell.plain())
	case e.cell != nil:
		pf.keep(e.hold.Bytes())
	case e.tok.Name.Local == "is":
		pf.top().cell.is = bytes.Clone(e.hold.Bytes())
		pf.keep(e.hold.Bytes())
	case e.kept > 0: // hyperlinks: the schema wants at least one
		pf.keep(e.hold.Bytes())
	}
}

// cellValue is a worksheet cell being read.
type cellValue struct {
	start   xml.StartElement
	formula bool
	hasV    bool
	v       []byte
	is      []byte // its inline string element, as written
}

// plain is a formula cell as a cell holding its cached value: a number
// stays a number, a boolean a boolean, a shared string or date what it
// was, and text or an error value (#N/A) becomes an inline string. A cell
// without a cached value, or with one that does not fit its type, keeps
// only its place and style. Cell metadata goes with the formula: it
// describes dynamic arrays and rich values that the formula produced.
func (c *cellValue) plain() []byte {
	keep := func(a xml.Attr) bool { return !plainAttr(a, "t", "cm", "vm") }
	v := strings.TrimSpace(string(c.v))
	typ, body := "", ""
	p := ""
	if c.start.Name.Space != "" {
		p = c.start.Name.Space + ":"
	}
	switch t := plainAttrValue(c.start, "t"); {
	case c.is != nil:
		typ, body = "inlineStr", string(c.is)
	case !c.hasV:
	case (t == "" || t == "n") && isNumber(v):
		body = "<" + p + "v>" + v + "</" + p + "v>"
	case t == "b" && (v == "0" || v == "1"), t == "s" && isIndex(v), t == "d" && v != "":
		typ, body = t, "<"+p+"v>"+escapeXML(v)+"</"+p+"v>"
	case (t == "" || t == "n" || t == "str" || t == "e" || t == "b") && len(c.v) > 0:
		typ = "inlineStr"
		body = "<" + p + `is><` + p + `t xml:space="preserve">` + escapeXML(string(c.v)) + "</" + p + "t></" + p + "is>"
	}
	if typ == "" && body == "" {
		return startTag(c.start, true, keep)
	}
	var extra []xml.Attr
	if typ != "" {
		extra = append(extra, xml.Attr{Name: xml.Name{Local: "t"}, Value: typ})
	}
	return append(startTag(c.start, false, keep, extra...), body+"</"+qualified(c.start.Name)+">"...)
}

// isNumber reports the decimal or E notation of a number cell, refusing
// what ParseFloat also takes but Excel does not write (Inf, NaN, hex).
func isNumber(v string) bool {
	if v == "" || strings.Trim(v, "0123456789+-.eE") != "" {
		return false
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}

func isIndex(v string) bool {
	n, err := strconv.Atoi(v)
	return err == nil && n >= 0
}

func escapeXML(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // a bytes.Buffer does not fail
	return b.String()
}

// tableRules make a table a plain one: no column formulas (which Excel
// fills into new rows) and no query table behind it.
type tableRules struct{}

func (tableRules) start(_ *partFilter, e *elem, _ bool) (action, []byte) {
	switch e.tok.Name.Local {
	case "calculatedColumnFormula", "totalsRowFormula":
		return dropElem, nil
	case "table":
		if e.depth == 1 {
			return keepElem, startTag(e.tok, e.self, func(a xml.Attr) bool { return !plainAttr(a, "tableType", "connectionId") })
		}
	case "tableColumn":
		return keepElem, startTag(e.tok, e.self, func(a xml.Attr) bool {
			return !plainAttr(a, "queryTableFieldId") && !(plainAttr(a, "totalsRowFunction") && a.Value == "custom")
		})
	}
	return keepElem, nil
}

func (tableRules) end(*partFilter, *elem) {}

// refRules only drop the elements that name a relationship left out.
type refRules struct{}

func (refRules) start(*partFilter, *elem, bool) (action, []byte) { return keepElem, nil }
func (refRules) end(*partFilter, *elem)                          {}

// startTag writes an element's start tag from its token with the
// attributes keep allows, then extra ones.
func startTag(t xml.StartElement, selfClosing bool, keep func(xml.Attr) bool, extra ...xml.Attr) []byte {
	var b bytes.Buffer
	b.WriteByte('<')
	b.WriteString(qualified(t.Name))
	for _, a := range t.Attr {
		if keep(a) {
			writeAttr(&b, a)
		}
	}
	for _, a := range extra {
		writeAttr(&b, a)
	}
	if selfClosing {
		b.WriteByte('/')
	}
	b.WriteByte('>')
	return b.Bytes()
}

func writeAttr(b *bytes.Buffer, a xml.Attr) {
	b.WriteByte(' ')
	b.WriteString(qualified(a.Name))
	b.WriteString(`="`)
	_ = xml.EscapeText(b, []byte(a.Value)) // a bytes.Buffer does not fail
	b.WriteByte('"')
}

// qualified is a raw name as written: prefix:local.
func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// selfClosing reports a start tag written as <x/>.
func selfClosing(raw []byte) bool { return bytes.HasSuffix(raw, []byte("/>")) }

// plainAttr matches an attribute without a prefix by name.
func plainAttr(a xml.Attr, names ...string) bool {
	if a.Name.Space != "" {
		return false
	}
	for _, n := range names {
		if a.Name.Local == n {
			return true
		}
	}
	return false
}

// plainAttrValue is the value of an attribute without a prefix, or "":
// the rules read what Excel reads, not a prefixed look-alike.
func plainAttrValue(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if plainAttr(a, name) {
			return a.Value
		}
	}
	return ""
}
