package importers

import (
	"fmt"

	"axdash/app/model"
)

// Issue codes for problems with the file or the sheet as a whole (design §6).
// Cell issues use "<field>.<problem>".
const (
	CodeFileEmpty          = "file.empty"
	CodeFileTooLarge       = "file.too_large"
	CodeFileCorrupt        = "file.corrupt"
	CodeFileEncrypted      = "file.encrypted"
	CodeFileLegacyXLS      = "file.legacy_xls"
	CodeFileNotSpreadsheet = "file.not_spreadsheet"
	CodeFileLimit          = "file.limit"
	CodeFileMerged         = "file.merged"
	CodeHeaderNotFound     = "header.not_found"
	CodeHeaderMissing      = "header.missing"
	CodeHeaderDuplicate    = "header.duplicate"
	CodeRowTotal           = "row.total"
	CodeRowNote            = "row.note"
	CodeRowHeader          = "row.header"
	CodeIssuesTruncated    = "issues.truncated"
)

// maxValueRunes bounds Issue.Value: enough to recognise the cell, never a
// whole pasted document.
const maxValueRunes = 200

// state is one Read call in progress: the result being built, the issue
// budget and whether the file has been refused.
type state struct {
	res       *Result
	maxIssues int
	dropped   int
	refused   bool
	inSink    bool // the caller's sink is running: a panic now is the caller's
}

func newState(file string, maxIssues int) *state {
	return &state{
		res: &Result{Report: model.ImportReport{
			File:     file,
			Status:   model.StatusRefused,
			Mapping:  []model.ColumnMapping{},
			Unmapped: []string{},
			Issues:   []model.Issue{},
		}},
		maxIssues: maxIssues,
	}
}

// refuse records a problem with the file or sheet as a whole. These always
// get through the issue budget: they explain why nothing can be stored.
func (st *state) refuse(code, format string, args ...any) {
	st.refused = true
	st.res.Report.Issues = append(st.res.Report.Issues, model.Issue{
		Severity: model.SeverityError,
		Code:     code,
		Sheet:    st.res.Report.Sheet,
		Message:  cleanLabel(fmt.Sprintf(format, args...)),
	})
}

// add records a cell or row issue unless the budget is spent; then it only
// counts, and finish says how many were left out.
func (st *state) add(is model.Issue) {
	if st.maxIssues > 0 && len(st.res.Report.Issues) >= st.maxIssues {
		st.dropped++
		return
	}
	st.res.Report.Issues = append(st.res.Report.Issues, cleanIssue(is))
}

// cleanIssue bounds and cleans what an issue repeats from the file.
func cleanIssue(is model.Issue) model.Issue {
	is.Value = cleanLabel(truncateRunes(is.Value, maxValueRunes))
	is.Header, is.Sheet = cleanLabel(is.Header), cleanLabel(is.Sheet)
	return is
}

// finish settles the status, the issue total and the truncation note and
// hands the result over. IssuesTotal counts every issue found, including
// the dropped ones but not the truncation note, which is about the list.
func (st *state) finish() *Result {
	rep := &st.res.Report
	rep.IssuesTotal = len(rep.Issues) + st.dropped
	if st.dropped > 0 {
		rep.Issues = append(rep.Issues, truncationNote(st.maxIssues, st.dropped))
	}
	if st.refused {
		rep.Status = model.StatusRefused
	} else {
		rep.Status = model.StatusChecked
	}
	return st.res
}

// AddIssues appends issues found after the read (outliers, which need the
// whole file) to a finished report, within the same budget of maxIssues
// (0: the default): beyond it they are counted, and the truncation note
// stays last and says how many were left out.
func AddIssues(rep *model.ImportReport, extra []model.Issue, maxIssues int) {
	if len(extra) == 0 {
		return
	}
	if maxIssues <= 0 {
		maxIssues = defaultOptions.MaxIssues
	}
	if n := len(rep.Issues); n > 0 && rep.Issues[n-1].Code == CodeIssuesTruncated {
		rep.Issues = rep.Issues[:n-1]
	}
	for _, is := range extra {
		if len(rep.Issues) < maxIssues {
			rep.Issues = append(rep.Issues, cleanIssue(is))
		}
	}
	rep.IssuesTotal += len(extra)
	if dropped := rep.IssuesTotal - len(rep.Issues); dropped > 0 {
		rep.Issues = append(rep.Issues, truncationNote(maxIssues, dropped))
	}
}

func truncationNote(maxIssues, dropped int) model.Issue {
	return model.Issue{Severity: model.SeverityWarning, Code: CodeIssuesTruncated,
		Message: fmt.Sprintf("문제가 너무 많아 처음 %d건만 보여 줍니다. %d건은 생략했습니다.", maxIssues, dropped)}
}
