package charts

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// utf8BOM makes Korean Excel read a CSV as UTF-8 rather than CP949.
const utf8BOM = "\uFEFF"

// ExportValue is a cell as exports hold it: a number in the unit its
// DisplayLabel names (money in 백만원), a string (a code by its Korean name,
// Clean-ed) or nil for a suppressed or empty cell.
func ExportValue(col Column, v any) any {
	if v == nil {
		return nil
	}
	if f, ok := number(v); ok {
		if col.Unit == "원" {
			return f / 1e6
		}
		return f
	}
	s, ok := v.(string)
	if !ok {
		return nil
	}
	if name, named := col.Names[s]; named {
		return name
	}
	return Clean(s)
}

// NeutraliseFormula makes a text cell inert in a spreadsheet: a value that
// Excel, LibreOffice or Sheets could read as a formula (=, +, -, @, | or %,
// a leading tab or CR, also after leading spaces or quotes) gets a leading
// apostrophe (design §7, notes/security.md §6). Numbers never come here,
// and text that is just a negative number ("-5") is left alone, as
// Superset's escape_value does: it can only ever be that number.
func NeutraliseFormula(s string) string {
	if s == "" {
		return s
	}
	if s[0] == '\t' || s[0] == '\r' || s[0] == '\n' {
		return "'" + s
	}
	trimmed := strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
	if trimmed == "" {
		return s
	}
	if negativeNumber.MatchString(s) {
		return s
	}
	switch []rune(trimmed)[0] {
	case '=', '+', '-', '@', '|', '%', '\t', '\r', '\n',
		'＝', '＋', '－', '＠': // full-width forms some spreadsheets also accept
		return "'" + s
	}
	return s
}

// negativeNumber is text that is nothing but a negative decimal number.
var negativeNumber = regexp.MustCompile(`^-[0-9]+(\.[0-9]+)?$`)

// csvCell formats one export value for CSV: numbers plainly (no grouping)
// rounded to the column's published precision, as the page shows them,
// text neutralised, nil empty.
func csvCell(col Column, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		d := Decimals(col)
		return strconv.FormatFloat(round(x, d), 'f', d, 64)
	case string:
		return NeutraliseFormula(x)
	}
	return ""
}

// WriteCSV writes the table as CSV for spreadsheet users: UTF-8 with a BOM,
// first lines marking the internal view and synthetic data when m says so, a header row of
// Korean labels with units and the precision numbers are rounded to, one
// line per row, then the 전국 row when the table has one, suppressed cells
// empty and named in the last column, 상태 (see withStatus), CRLF line ends.
func WriteCSV(w io.Writer, t *Table, m ExportMeta) error {
	t = withStatus(t)
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, notice := range m.notices() {
		// As wide as the table, so that a reader expecting a fixed
		// number of fields takes it.
		line := make([]string, max(len(t.Columns), 1))
		line[0] = notice
		if err := cw.Write(line); err != nil {
			return fmt.Errorf("charts: csv: %w", err)
		}
	}
	if err := writeCSVTable(cw, t); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	return nil
}

// writeCSVTable writes a table's header and rows (the 전국 row last) to
// cw; the caller flushes.
func writeCSVTable(cw *csv.Writer, t *Table) error {
	header := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		header[i] = NeutraliseFormula(Clean(CSVLabel(col)))
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	rec := make([]string, len(t.Columns))
	rows := t.Rows
	if t.Total != nil {
		rows = append(rows[:len(rows):len(rows)], t.Total)
	}
	for _, row := range rows {
		for i, col := range t.Columns {
			rec[i] = ""
			if i < len(row) {
				rec[i] = csvCell(col, ExportValue(col, row[i]))
			}
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("charts: csv: %w", err)
		}
	}
	return nil
}

// CSVLabel is a column's CSV header: its DisplayLabel, with the precision
// its numbers are rounded to when they have decimals ("AI 도입률(%, 소수
// 첫째 자리)"), so that a reader knows 18.2 is not 18.20.
func CSVLabel(col Column) string {
	label := DisplayLabel(col)
	if col.Unit == "" || Decimals(col) == 0 {
		return label
	}
	return strings.TrimSuffix(label, ")") + fmt.Sprintf(", 소수 %s 자리)", decimalPlace[Decimals(col)])
}

// decimalPlace names a number of decimals in Korean.
var decimalPlace = map[int]string{1: "첫째", 2: "둘째"}

// ExportName is a file name stem for a figure's export or image: the id,
// the wave and the filters joined by underscores; every character other
// than ASCII letters, digits, '-' and '.' becomes '-', so that a wave or
// filter value can never form a path or break a header.
func ExportName(id, wave string, filters ...string) string {
	return exportName(func(r rune) bool {
		return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.')
	}, id, wave, filters...)
}

// ExportNameUnicode is ExportName keeping letters and digits of every
// script and '+': a wave named 2026년 상반기 keeps its name in a browser's
// download (Content-Disposition filename*), where ExportName gives dashes.
func ExportNameUnicode(id, wave string, filters ...string) string {
	return exportName(func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.' || r == '+'
	}, id, wave, filters...)
}

func exportName(keep func(rune) bool, id, wave string, filters ...string) string {
	var parts []string
	for _, p := range append([]string{id, wave}, filters...) {
		if p == "" {
			continue
		}
		parts = append(parts, strings.Map(func(r rune) rune {
			if keep(r) {
				return r
			}
			return '-'
		}, p))
	}
	name := strings.Trim(strings.Join(parts, "_"), ".")
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	if name == "" {
		return "figure"
	}
	return name
}
