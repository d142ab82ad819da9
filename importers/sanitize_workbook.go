package importers

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// keptNames are the defined names the copy keeps: print areas and titles
// and the autofilter's range, Excel's own names for plain ranges. Any
// other name may be a formula (HYPERLINK, WEBSERVICE, a reference into
// another workbook, an Auto_Open macro) and goes.
var keptNames = map[string]bool{"_xlnm.print_area": true, "_xlnm.print_titles": true, "_xlnm._filterdatabase": true}

// workbookRules drop the workbook's external references, web publishing
// and every defined name but plain print ranges, and renumber what counts
// sheets by position when sheets were left out (Excel 4 macro sheets).
type workbookRules struct {
	sheets []bool // pass one: whether each <sheet> stays, in order
	newPos []int  // pass two: a sheet's new position, -1 when it went
}

// filterWorkbook runs the rules twice: sheets are listed after the views
// that point at them by position.
func filterWorkbook(b []byte, w io.Writer, gone map[string]bool) error {
	first := &workbookRules{}
	if err := filterPart(bytes.NewReader(b), io.Discard, gone, first); err != nil {
		return err
	}
	second := &workbookRules{newPos: make([]int, len(first.sheets))}
	n := 0
	for i, kept := range first.sheets {
		second.newPos[i] = -1
		if kept {
			second.newPos[i], n = n, n+1
		}
	}
	if n == len(first.sheets) {
		second.newPos = nil // every sheet stays where it was
	}
	return filterPart(bytes.NewReader(b), w, gone, second)
}

func (r *workbookRules) start(pf *partFilter, e *elem, gone bool) (action, []byte) {
	name := e.tok.Name.Local
	switch {
	case e.depth == 2 && (name == "externalReferences" || name == "webPublishObjects"):
		return dropElem, nil
	case name == "sheet" && e.depth == 3 && pf.parent(e).tok.Name.Local == "sheets":
		r.sheets = append(r.sheets, !gone)
	case e.depth == 2 && name == "definedNames":
		return holdElem, nil
	case name == "definedName":
		e.text = new([]byte)
		return holdElem, nil
	case name == "workbookView" && r.newPos != nil:
		return keepElem, r.renumber(e, "activeTab", "firstSheet")
	}
	return keepElem, nil
}

func (r *workbookRules) end(pf *partFilter, e *elem) {
	switch e.tok.Name.Local {
	case "definedNames":
		if e.kept > 0 {
			pf.keep(e.hold.Bytes())
		}
	case "definedName":
		if !plainRangeName(e.tok, string(*e.text)) {
			return
		}
		if r.newPos == nil || plainAttrValue(e.tok, "localSheetId") == "" {
			pf.keep(e.hold.Bytes())
			return
		}
		tag := r.renumber(e, "localSheetId")
		if tag == nil {
			return // the sheet it belonged to went
		}
		pf.keep(append(tag, e.hold.Bytes()[e.head:]...))
	}
}

// renumber is the element's start tag with the named sheet positions
// moved to the sheets' new places; nil when a position names a sheet that
// went (the views fall back to the first sheet instead).
func (r *workbookRules) renumber(e *elem, names ...string) []byte {
	var extra []xml.Attr
	for _, n := range names {
		v := plainAttrValue(e.tok, n)
		if v == "" {
			continue
		}
		pos, err := strconv.Atoi(v)
		switch {
		case err == nil && pos >= 0 && pos < len(r.newPos) && r.newPos[pos] >= 0:
			pos = r.newPos[pos]
		case n == "localSheetId":
			return nil
		default:
			pos = 0
		}
		extra = append(extra, xml.Attr{Name: xml.Name{Local: n}, Value: strconv.Itoa(pos)})
	}
	return startTag(e.tok, e.self, func(a xml.Attr) bool { return !plainAttr(a, names...) }, extra...)
}

// plainRangeName reports a print area, print titles or filter range that
// is only references into this workbook: no function, string, array,
// DDE link (cmd|'…'!A1) or other workbook ([1]Sheet1!A1, or a
// '[book.xlsx]Sheet'!A1 in quotes), and not flagged as a macro.
func plainRangeName(t xml.StartElement, value string) bool {
	if !keptNames[strings.ToLower(plainAttrValue(t, "name"))] {
		return false
	}
	for _, flag := range []string{"function", "vbProcedure", "xlm"} {
		if v := plainAttrValue(t, flag); v == "1" || v == "true" {
			return false
		}
	}
	quoted := false
	for _, c := range value {
		switch {
		case c == '\'':
			quoted = !quoted // '' inside quotes toggles twice
		case c == '[' || c == ']':
			return false // sheet names cannot hold brackets
		case !quoted && strings.ContainsRune(`("|{`, c):
			return false
		}
	}
	return value != ""
}
