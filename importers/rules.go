package importers

import (
	"strconv"

	"axdash/app/model"
	"axdash/quality"
)

// checkRules runs the data-quality rules on a row whose cells all parsed:
// a broken error rule makes the row invalid like a type error; a warning
// is reported and travels with the record, so that the store keeps it.
func (rr *rowReader) checkRules(rec *Record, cells []string) {
	rr.rules.Check(rec, func(r *quality.Rule) {
		is := model.Issue{Severity: r.Severity, Code: r.Code, Sheet: rr.sheet, Row: rr.row, Message: r.Message}
		if c := rr.ruleColumn(r); c != nil {
			is.Cell, is.Header, is.Value = c.letter+strconv.Itoa(rr.row), c.header, cellAt(cells, c.idx)
		}
		if r.Severity == model.SeverityError {
			rr.rowErr = true
		} else {
			rec.Findings = append(rec.Findings, cleanIssue(is))
		}
		rr.st.add(is)
	})
}

// ruleColumn is the first of a rule's fields that the sheet has a column
// for: the cell a finding points at.
func (rr *rowReader) ruleColumn(r *quality.Rule) *column {
	for _, f := range r.Fields {
		if c := rr.column(f); c != nil {
			return c
		}
	}
	return nil
}
