package charts

import (
	"fmt"
	"slices"
	"strings"
)

// MarksOf is row i's marks (Table.Marks), nil for none; i = -1 is the
// Total row's.
func (t *Table) MarksOf(i int) map[string]Mark {
	switch {
	case i < 0:
		return t.TotalMarks
	case i < len(t.Marks):
		return t.Marks[i]
	}
	return nil
}

// rowOf is row i, the Total row for -1.
func (t *Table) rowOf(i int) []any {
	if i < 0 {
		return t.Total
	}
	return t.Rows[i]
}

// markStatus is the status a published row's marks give it: an analyst's
// value that the public would not see names the rule ("공개 시 비공개(…)"),
// a row with a value withheld beside published ones "일부 비공개(…)", an
// imprecise one Caution; "" when none applies.
func (t *Table) markStatus(marks map[string]Mark) string {
	var ruled, hidden []string
	caution := false
	for _, key := range slices.Sorted(mapKeys(marks)) {
		m := marks[key]
		caution = caution || m.imprecise()
		switch {
		case m.Hidden:
			hidden = appendNew(hidden, t.reason(m.Rule))
		case m.Rule != "":
			ruled = appendNew(ruled, t.reason(m.Rule))
		}
	}
	switch {
	case len(ruled) > 0:
		return "공개 시 비공개(" + strings.Join(ruled, ", ") + ")"
	case len(hidden) > 0:
		return "일부 " + Withheld + "(" + strings.Join(hidden, ", ") + ")"
	case caution:
		return Caution
	}
	return ""
}

// hiddenReasons are the reasons of a row's withheld estimates, joined.
func (t *Table) hiddenReasons(marks map[string]Mark) string {
	var out []string
	for _, key := range slices.Sorted(mapKeys(marks)) {
		if m := marks[key]; m.Hidden && m.Rule != "" {
			out = appendNew(out, t.reason(m.Rule))
		}
	}
	return strings.Join(out, ", ")
}

// reason is a rule's Korean reason as the catalogue gave it (Reasons).
func (t *Table) reason(rule string) string {
	if r, ok := t.Reasons[rule]; ok {
		return r
	}
	return rule
}

func mapKeys(m map[string]Mark) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// explain gives a built table the Korean reasons of the rules and adds
// the notes of its marks: the caution note when an estimate is marked
// imprecise, which rule withheld which cell, and, in an analyst's view,
// which values the public would not see.
func (c *Catalogue) explain(t *Table) {
	t.Reasons = map[string]string{}
	withheld, internal := map[string][]string{}, map[string][]string{}
	var rules []string
	caution := false
	for i := -1; i < len(t.Rows); i++ {
		marks := t.MarksOf(i)
		if i < 0 && t.Total == nil || len(marks) == 0 {
			continue
		}
		row := t.rowOf(i)
		for _, key := range slices.Sorted(mapKeys(marks)) {
			m := marks[key]
			caution = caution || m.imprecise()
			if m.Rule == "" {
				continue
			}
			t.Reasons[m.Rule] = c.RuleReason(m.Rule)
			rules = appendNew(rules, m.Rule)
			cell := c.cellName(t, row, key)
			if m.Hidden {
				withheld[m.Rule] = appendNew(withheld[m.Rule], cell)
			} else {
				internal[m.Rule] = appendNew(internal[m.Rule], cell)
			}
		}
	}
	if caution {
		t.Notes = append(t.Notes, c.CautionNote())
	}
	for _, r := range rules {
		if cells := withheld[r]; len(cells) > 0 {
			t.Notes = append(t.Notes, fmt.Sprintf("공개하지 않은 칸(사유: %s): %s.", c.RuleReason(r), strings.Join(cells, ", ")))
		}
	}
	for _, r := range rules {
		if cells := internal[r]; len(cells) > 0 {
			t.Notes = append(t.Notes, fmt.Sprintf("내부용 표시: 공개 시 비공개인 칸(사유: %s): %s.", c.RuleReason(r), strings.Join(cells, ", ")))
		}
	}
}

// cellName names one estimate of a row for the notes: the row's label and,
// when the table has several estimates, the column's.
func (c *Catalogue) cellName(t *Table, row []any, key string) string {
	name := rowLabel(t, row, -1)
	if name == "" && len(row) > 1 {
		name = fmt.Sprint(row[1]) // the 전국 row has no code
	}
	values := 0
	for _, col := range t.Columns {
		if col.Unit != "" && col.Unit != "개" && col.Of == "" {
			values++
		}
	}
	if values > 1 {
		if i := colIndex(t, key); i >= 0 {
			name += " " + t.Columns[i].Label
		}
	}
	return name
}
