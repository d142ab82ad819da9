package importers

import (
	"bytes"
	"errors"
	"unicode/utf8"
)

// errSheetXML is worksheet XML that encoding/xml rejects (bytes that are not
// UTF-8, control characters, unknown entities) or a DTD, which Excel never
// writes: excelize's row reader stops silently at such a byte, so every row
// after it would be dropped without a word.
var errSheetXML = errors.New("worksheet XML is not well-formed")

// xmlTextOK checks text between tags, or a tag, for what would stop
// encoding/xml. partial marks a piece cut at the buffer's end: its last
// rune or entity may go on in the next piece, so it is returned as rest,
// unchecked (an entity only up to 32 bytes: a longer one is not XML's).
func xmlTextOK(b []byte, partial bool) (ok bool, rest []byte) {
	if plainXML(b) { // most tags and values: nothing to cut or check
		return true, nil
	}
	if partial {
		cut := len(b)
		if i := bytes.LastIndexByte(b, '&'); i >= 0 && len(b)-i <= 32 && bytes.IndexByte(b[i:], ';') < 0 {
			cut = i
		}
		for k := cut - 1; k >= 0 && k >= cut-utf8.UTFMax; k-- {
			if utf8.RuneStart(b[k]) {
				if !utf8.FullRune(b[k:cut]) {
					cut = k
				}
				break
			}
		}
		b, rest = b[:cut], b[cut:]
	}
	if !utf8.Valid(b) {
		return false, nil
	}
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return false, nil
		case c == '&':
			j := bytes.IndexByte(b[i:], ';')
			if j < 0 || !knownEntity(b[i+1:i+j]) {
				return false, nil
			}
		}
	}
	return true, rest
}

// plainXML reports printable ASCII without entities.
func plainXML(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c >= utf8.RuneSelf || c == '&' {
			return false
		}
	}
	return true
}

// knownEntity is one of XML's five entities or a character reference.
func knownEntity(e []byte) bool {
	switch string(e) {
	case "lt", "gt", "amp", "quot", "apos":
		return true
	}
	return len(e) > 1 && e[0] == '#'
}
