package charts

import (
	"fmt"
	"strings"
)

// AltText is a chart's key finding in words and numbers, for its role=img
// label (WCAG 1.1.1): the highest and lowest rows of the figure's main
// measure, or its one value. The whole table stays one aria-describedby
// away; this is the sentence a screen-reader user hears first.
func AltText(t *Table) string {
	val := keyColumn(t)
	if val < 0 {
		return "표에 같은 수치가 있습니다."
	}
	col := t.Columns[val]
	type point struct {
		label string
		v     float64
	}
	var pts []point
	for _, row := range t.Rows {
		if f, ok := number(row[val]); ok {
			pts = append(pts, point{rowLabel(t, row, val), f})
		}
	}
	switch len(pts) {
	case 0:
		return col.Label + ": 공개할 수 있는 값이 없습니다."
	case 1:
		return fmt.Sprintf("%s %s %s.", pts[0].label, col.Label, FormatValue(col.Unit, pts[0].v))
	}
	hi, lo := pts[0], pts[0]
	for _, p := range pts[1:] {
		if p.v > hi.v {
			hi = p
		}
		if p.v < lo.v {
			lo = p
		}
	}
	return fmt.Sprintf("%s: 가장 높은 %s %s, 가장 낮은 %s %s (%d개 항목).", col.Label,
		hi.label, FormatValue(col.Unit, hi.v), lo.label, FormatValue(col.Unit, lo.v), len(pts))
}

// KeyTable is a chart's main measure as a two-column table, row name and
// value: the compact text equivalent of a printed chart.
type KeyTable struct {
	Label string // the measure, with its unit
	Rows  []KeyRow
}

// KeyRow is one row of a KeyTable; a blank value reads as its RowStatus,
// "비공개" or "자료 없음".
type KeyRow struct{ Name, Value string }

// KeyValues is the table's main measure by row; no rows when the table has
// no numeric column.
func KeyValues(t *Table) KeyTable {
	val := keyColumn(t)
	if val < 0 {
		return KeyTable{}
	}
	col := t.Columns[val]
	kt := KeyTable{Label: DisplayLabel(col)}
	for i, row := range t.Rows {
		v := FormatValue(col.Unit, row[val])
		switch status := RowStatus(t, i); {
		case status == Withheld || status == NoData:
			v = status // 자료 없음 is not 비공개
		case t.MarksOf(i)[col.Key].imprecise():
			v += CautionMark
		}
		kt.Rows = append(kt.Rows, KeyRow{Name: rowLabel(t, row, val), Value: v})
	}
	return kt
}

// keyColumn is the figure's main measure: its first rate or amount column,
// else its first numeric column (counts such as n come after either); -1
// when the table has none.
func keyColumn(t *Table) int {
	first := -1
	for i, col := range t.Columns {
		switch {
		case isValue(col):
			return i
		case col.Unit != "" && first < 0:
			first = i
		}
	}
	return first
}

// rowLabel names a row by its first two text cells (차수 and 시도, or 기업명
// and 시도), joined; a code column beside its name column is left out, and
// longer text (an exemplar's note) would drown the number.
func rowLabel(t *Table, row []any, skip int) string {
	var parts []string
	for i, col := range t.Columns {
		if len(parts) == 2 {
			break
		}
		if i == skip || col.Unit != "" || strings.HasSuffix(col.Label, "코드") {
			continue
		}
		if s := Display(col, row[i]); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// CompareAlt is the region-against-nation chart's key finding: each rate
// measure with both values.
func CompareAlt(region string, ms []Measure) string {
	var parts []string
	for _, m := range ms {
		if m.Unit != "%" {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s(전국 %s)", m.Label, FormatValue(m.Unit, m.Value), FormatValue(m.Unit, m.Other)))
	}
	if len(parts) == 0 {
		return "표에 같은 수치가 있습니다."
	}
	return Clean(region) + ": " + strings.Join(parts, ", ") + "."
}
