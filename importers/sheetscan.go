package importers

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// errRowOrder is a worksheet whose rows are not in ascending order: Excel
// never writes one, and streaming readers cannot place its cells.
var errRowOrder = errors.New("worksheet rows out of order")

// sheetScanner finds formula cells without a cached value in worksheet XML.
// excelize's streaming reader does not expose formulas, and loading the
// sheet to ask would cost memory in proportion to its size; this reads the
// XML as a byte stream instead, tag by tag, without building tokens, so a
// pass costs little more than the decompression. It understands exactly
// what it needs: <row r>, <c r>, <f>, <v> and <is>, with or without a
// namespace prefix; everything else is skipped.
type sheetScanner struct {
	br       *bufio.Reader
	row, col int
	lastRow  int
	inCell   bool
	hasF     bool
	hasV     bool
	inV      bool
	isStr    bool // the cell's cached value is a formula's string result
	isNum    bool // the cell is a number (no t, or t="n")
	xf       int  // the cell's style (its s attribute), -1 when not read
	// scaleCols are the columns whose numbers matter when their format
	// scales them, xfScale how each cell style scales (nil: none does).
	scaleCols []scanCol
	xfScale   []fmtScale
	// flag is called for each formula cell without a value (1-based row,
	// 0-based column), scaled for each number in a scaleCols column whose
	// style scales it, rowDone after each row. flag and rowDone may stop
	// the scan by returning false.
	flag    func(row, col int) bool
	scaled  func(row, col int, sc fmtScale)
	rowDone func(row int) bool
	// pending is the unchecked end of a text piece cut at the buffer's
	// end (part of a rune or an entity), checked with the next piece.
	pending []byte
}

// textOK checks text between tags; see xmlTextOK.
func (s *sheetScanner) textOK(text []byte, partial bool) bool {
	if len(s.pending) > 0 {
		text = append(s.pending, text...)
		s.pending = nil
	}
	ok, rest := xmlTextOK(text, partial)
	if len(rest) > 0 {
		s.pending = append([]byte(nil), rest...)
	}
	return ok
}

// maxScanRow is Excel's last row; excelize refuses rows past it too.
const maxScanRow = 1 << 20

// run scans to the end of sheetData. It returns nil when the scan ended
// because a callback said stop.
func (s *sheetScanner) run() error {
	for {
		text, err := s.br.ReadSlice('<')
		if s.inV && len(bytes.TrimSpace(bytes.TrimSuffix(text, []byte("<")))) > 0 {
			s.hasV = true
		}
		if !s.textOK(text, errors.Is(err, bufio.ErrBufferFull)) {
			return errSheetXML
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			// A sheet ends with </sheetData>: excelize stops silently at
			// the end of a cut part, so its end must be seen here.
			return errSheetCut
		case err != nil:
			return err
		}
		tag, err := s.readTag()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errSheetCut
			}
			return err
		}
		if ok, _ := xmlTextOK(tag, true); !ok || bytes.HasPrefix(tag, []byte("!DOCTYPE")) {
			return errSheetXML
		}
		if stop, err := s.handle(tag); stop || err != nil {
			return err
		}
	}
}

// readTag reads up to the closing '>' and returns the tag's first bytes,
// enough for its name and leading attributes; the rest of an overlong tag
// is skipped.
func (s *sheetScanner) readTag() ([]byte, error) {
	tag, err := s.br.ReadSlice('>')
	if errors.Is(err, bufio.ErrBufferFull) {
		tag = append([]byte(nil), tag[:256]...)
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = s.br.ReadSlice('>')
		}
	}
	if err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(tag, []byte(">")), nil
}

// handle acts on one tag (without its angle brackets).
func (s *sheetScanner) handle(tag []byte) (stop bool, err error) {
	if len(tag) == 0 || tag[0] == '?' || tag[0] == '!' {
		return false, nil
	}
	end := tag[0] == '/'
	self := tag[len(tag)-1] == '/'
	name := localName(tag)
	switch {
	case string(name) == "sheetData" && (end || self):
		return true, nil
	case end && string(name) == "row":
		return !s.rowDone(s.row), nil
	case end && string(name) == "c":
		s.inCell = false
		if s.hasF && !s.hasV {
			return !s.flag(s.row, s.col-1), nil
		}
		if s.xf >= 0 && s.isNum && s.hasV && s.xf < len(s.xfScale) {
			s.checkScale()
		}
	case end && string(name) == "v":
		s.inV = false
	case end:
	case string(name) == "row":
		return s.startRow(tag, self)
	case string(name) == "c":
		s.startCell(tag, self)
	case string(name) == "f":
		s.hasF = s.hasF || s.inCell
	case string(name) == "v":
		// A string result may be empty: Excel saves a formula that gives
		// "" as <v></v> in a t="str" cell, and that is a value.
		s.inV = !self && s.inCell
		s.hasV = s.hasV || (s.inCell && s.isStr)
	case string(name) == "is":
		s.hasV = true
	}
	return false, nil
}

// startRow takes the row number from r, or counts on when it is missing.
func (s *sheetScanner) startRow(tag []byte, self bool) (bool, error) {
	r := s.lastRow + 1
	if v := attr(tag, "r"); v != nil {
		if n, ok := atoiBytes(v); ok {
			r = n
		}
	}
	if r <= s.lastRow {
		return true, errRowOrder
	}
	if r > maxScanRow {
		return true, nil
	}
	s.row, s.lastRow, s.col = r, r, 0
	if self {
		return !s.rowDone(r), nil
	}
	return false, nil
}

// startCell takes the column from r, or counts on when it is missing.
func (s *sheetScanner) startCell(tag []byte, self bool) {
	col := s.col + 1
	if v := attr(tag, "r"); v != nil {
		if c := refColumn(v); c > 0 {
			col = c
		}
	}
	s.col = col
	s.inCell, s.hasF, s.hasV, s.inV = !self, false, false, false
	t := attr(tag, "t")
	s.isStr = string(t) == "str"
	s.isNum, s.xf = len(t) == 0 || string(t) == "n", -1
	// The style is read only where it can matter: most sheets have no
	// number column whose format scales. A cell without s has style 0.
	if s.xfScale != nil && col <= len(s.scaleCols) && s.scaleCols[col-1]&scanScaled != 0 {
		s.xf = 0
		if v := attr(tag, "s"); v != nil {
			if s.xf, _ = atoiBytes(v); s.xf == 0 && string(v) != "0" {
				s.xf = -1 // not a style index: no format to honour
			}
		}
	}
}

// checkScale hands over the current number cell if its style scales it in
// its column's field: a percent format only in a percent field.
func (s *sheetScanner) checkScale() {
	sc := s.xfScale[s.xf]
	if s.scaleCols[s.col-1]&scanPercent == 0 {
		sc.pct = 0
	}
	if sc != (fmtScale{}) {
		s.scaled(s.row, s.col-1, sc)
	}
}

// localName is a tag's name without a leading '/' or a namespace prefix.
func localName(tag []byte) []byte {
	tag = bytes.TrimPrefix(tag, []byte("/"))
	end := 0
	for end < len(tag) && !isXMLSpace(tag[end]) && tag[end] != '/' {
		end++
	}
	name := tag[:end]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// attr returns the value of a tag's attribute (a one-letter name such as
// r or t, without namespace), or nil.
func attr(tag []byte, name string) []byte {
	for i := 1; i+len(name)+2 < len(tag); i++ {
		if !isXMLSpace(tag[i-1]) || string(tag[i:i+len(name)]) != name || tag[i+len(name)] != '=' {
			continue
		}
		q := tag[i+len(name)+1]
		if q != '"' && q != '\'' {
			return nil
		}
		v := tag[i+len(name)+2:]
		if j := bytes.IndexByte(v, q); j >= 0 {
			return v[:j]
		}
		return nil
	}
	return nil
}

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// refColumn is the 1-based column of a cell reference such as "AB12", or 0.
func refColumn(ref []byte) int {
	col, i := 0, 0
	for ; i < len(ref) && i < 3; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || col > 16384 {
		return 0
	}
	return col
}

// atoiBytes parses a small positive decimal number.
func atoiBytes(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
