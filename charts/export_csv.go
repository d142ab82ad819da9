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

// csvCell formats one export value for CSV: numbers plainly (no grouping,
// as many digits as needed), text neutralised, nil empty.
func csvCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return NeutraliseFormula(x)
	}
	return ""
}

// WriteCSV writes the table as CSV for spreadsheet users: UTF-8 with a BOM,
// a header row of Korean labels with units, one line per row, suppressed
// cells empty, CRLF line ends.
func WriteCSV(w io.Writer, t *Table) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		header[i] = NeutraliseFormula(Clean(DisplayLabel(col)))
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, col := range t.Columns {
			rec[i] = ""
			if i < len(row) {
				rec[i] = csvCell(ExportValue(col, row[i]))
			}
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("charts: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("charts: csv: %w", err)
	}
	return nil
}

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
