package importers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/configs"
)

// maxHeaderBytes bounds the header texts that are matched at all: a longer
// cell is a title or a note, and folding huge cells in every scanned row
// would cost time for nothing.
const maxHeaderBytes = 256

// minHeaderMatches is how many known fields a row must name to count as the
// header. Title rows and notes name at most one or two by accident.
const minHeaderMatches = 3

// column is one mapped spreadsheet column.
type column struct {
	idx    int // 0-based
	letter string
	header string // the header text as written (joined for two-row headers)
	field  *configs.Field
	slot   *model.Field // field's entry in the field table, which reads and writes its value
	unit   int64        // money multiplier declared in the header; 0 when none
	note   string
}

// header is the detected header of a sheet.
type header struct {
	row       int // 1-based sheet row of the last header row; data follow it
	top       int // 0-based index of the first header row
	cols      []column
	unmapped  []string
	dupes     []column // columns naming a field already mapped
	score     int
	sheetUnit int64 // a "(단위: 천원)" note above the header, for money columns without their own
}

// detectHeader finds the header among the first rows of a sheet: the row
// naming the most known fields (at least minHeaderMatches), earliest on a
// tie. Rows above it, such as a merged title, are ignored unless they are
// the group row of a two-row header (see joinRows).
func (s *schema) detectHeader(head [][]string) *header {
	var best *header
	for i := range head {
		h := s.joinRows(head, i)
		if h.score < minHeaderMatches || (best != nil && h.score <= best.score) {
			continue
		}
		best = h
	}
	if best != nil {
		best.sheetUnit = sheetUnit(head[:best.top])
	}
	return best
}

// scanColumns says, for each 0-based column, what the sheet scan looks
// for: formulas without a value in mapped columns, and formats that scale
// the shown number in number fields.
func (h *header) scanColumns() []scanCol {
	var m []scanCol
	for _, c := range h.cols {
		for len(m) <= c.idx {
			m = append(m, 0)
		}
		m[c.idx] |= scanMapped
		switch c.field.Type {
		case "percent":
			m[c.idx] |= scanScaled | scanPercent
		case "money", "integer":
			m[c.idx] |= scanScaled
		}
	}
	return m
}

// mapRow maps the cells of one candidate header row. parent, when set, is
// the row above in a two-row header: an empty cell below keeps the parent's
// text, and a sub-header is tried both alone and after its merged parent.
func (s *schema) mapRow(cells, parent []string, row int) *header {
	h := &header{row: row}
	taken := map[string]bool{}
	for i := range max(len(cells), len(parent)) {
		text := cellAt(cells, i)
		var f *configs.Field
		var note string
		if parent != nil {
			text, f, note = s.matchTwoRow(parent, text, i)
		} else if strings.TrimSpace(text) != "" {
			f, note = s.matchHeader(text)
		}
		text = truncateRunes(strings.TrimSpace(text), 100)
		if text == "" {
			continue
		}
		letter, _ := excelize.ColumnNumberToName(i + 1)
		c := column{idx: i, letter: letter, header: text, field: f, note: note}
		if f != nil {
			c.slot = s.table.Lookup(f.Key)
		}
		switch {
		case f == nil:
			h.unmapped = append(h.unmapped, text)
		case taken[f.Key]:
			h.dupes = append(h.dupes, c)
			h.unmapped = append(h.unmapped, text)
		default:
			taken[f.Key] = true
			h.cols = append(h.cols, c)
			h.score++
		}
	}
	return h
}

// sheetUnit finds a money unit declared for the whole table above its
// header, as Korean statistical tables do: "(단위: 천원)".
func sheetUnit(above [][]string) int64 {
	for _, cells := range above {
		for _, c := range cells {
			f := configs.Fold(c)
			i := strings.Index(f, "단위")
			if i < 0 {
				continue
			}
			note := strings.Trim(f[i:], "()[]")
			if m, _ := unitNote(note); m > 0 {
				return m
			}
		}
	}
	return 0
}

func cellAt(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

// unitsFor are the non-money header units each field type accepts.
var unitsFor = map[string]map[string]bool{
	"integer": {"명": true, "인": true, "개": true, "개사": true, "건": true},
	"percent": {"%": true, "퍼센트": true},
}

// checkHeader settles each column's unit and refuses a header that lacks a
// required field. It reports whether the rows can be read.
func (im *Importer) checkHeader(h *header, st *state) bool {
	have := map[string]bool{}
	for i := range h.cols {
		have[h.cols[i].field.Key] = true
		im.settleUnit(&h.cols[i], h, st)
	}
	for _, d := range h.dupes {
		st.add(model.Issue{Severity: model.SeverityWarning, Code: CodeHeaderDuplicate, Sheet: st.res.Report.Sheet,
			Cell: d.letter + strconv.Itoa(h.row), Row: h.row, Header: d.header, Value: d.header,
			Message: fmt.Sprintf("%s 항목의 열이 이미 있어 이 열은 읽지 않습니다.", d.field.Header)})
	}
	ok := true
	for _, f := range im.schema.fields {
		if f.Required && !have[f.Key] {
			ok = false
			st.refused = true
			st.res.Report.Issues = append(st.res.Report.Issues, model.Issue{
				Severity: model.SeverityError, Code: CodeHeaderMissing, Sheet: st.res.Report.Sheet, Header: f.Header,
				Message: fmt.Sprintf("필수 열 %q이(가) 없습니다. 머리글 행(%d행)에 이 열을 추가하거나 머리글 이름을 고쳐 주세요.",
					f.Header, h.row)})
		}
	}
	return ok
}

// settleUnit applies a header's unit: a money unit for a money column
// (else the table's "(단위: …)" note), and a warning when the unit does not
// fit the field, such as (천원) on 종업원수 or (명) on 매출액.
func (im *Importer) settleUnit(c *column, h *header, st *state) {
	money, other := unitNote(c.note)
	isMoney := c.field.Type == "money"
	mismatch := false
	switch {
	case isMoney && money > 0:
		c.unit = money
	case isMoney:
		c.unit, mismatch = h.sheetUnit, other
	case money > 0:
		mismatch = true
	case other:
		mismatch = !unitsFor[c.field.Type][c.note]
	}
	if mismatch {
		st.add(model.Issue{Severity: model.SeverityWarning, Code: c.field.Key + ".unit_mismatch", Sheet: st.res.Report.Sheet,
			Cell: c.letter + strconv.Itoa(h.row), Row: h.row, Header: c.header, Value: c.header,
			Message: fmt.Sprintf("머리글의 단위(%s)가 %s 항목과 맞지 않아 무시합니다.", c.note, c.field.Header)})
	}
}
