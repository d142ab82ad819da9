package model

import (
	"cmp"
	"slices"
)

// Import statuses as they appear in reports.
const (
	StatusStored  = "stored"
	StatusRefused = "refused"
	StatusChecked = "checked"
)

// Issue severities.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// StatusLabel is a report status in Korean, as people read it: the
// annotated copy's summary and the pages. An unknown status is shown as it
// is.
func StatusLabel(status string) string {
	if l, ok := map[string]string{StatusStored: "저장됨", StatusRefused: "거부됨", StatusChecked: "검사 완료"}[status]; ok {
		return l
	}
	return status
}

// SeverityLabel is an issue severity in Korean: 오류 blocks storing, 경고
// does not.
func SeverityLabel(severity string) string {
	if l, ok := map[string]string{SeverityError: "오류", SeverityWarning: "경고"}[severity]; ok {
		return l
	}
	return severity
}

// SortIssues returns the issues ordered as people should read them: errors
// before warnings, and within each, the file's own problems (no row) first,
// then by row; otherwise in the order found.
func SortIssues(issues []Issue) []Issue {
	out := slices.Clone(issues)
	rank := func(s string) int {
		if s == SeverityError {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b Issue) int {
		if c := cmp.Compare(rank(a.Severity), rank(b.Severity)); c != 0 {
			return c
		}
		return cmp.Compare(a.Row, b.Row)
	})
	return out
}

// Issue is one problem found in an uploaded file. File-level issues have no
// cell; cell issues name the sheet, the cell (such as "D17") and the header.
type Issue struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Row      int    `json:"row,omitempty"`
	Header   string `json:"header,omitempty"`
	Value    string `json:"value,omitempty"`
	Message  string `json:"message"`
}

// ColumnMapping says which survey field a spreadsheet column was mapped to.
type ColumnMapping struct {
	Column string `json:"column"`
	Header string `json:"header"`
	Field  string `json:"field"`
}

// ImportReport is the summary of one import: what `import --json` prints and
// the report in what GET /api/v1/imports/{id} answers. ID is the stored
// import record's, named import_id in JSON because the route's {id} is an
// upload job's and the two differ.
type ImportReport struct {
	ID        int64           `json:"import_id,omitempty"`
	File      string          `json:"file"`
	Format    string          `json:"format"`
	Sheet     string          `json:"sheet"`
	HeaderRow int             `json:"header_row"`
	Wave      string          `json:"wave"`
	Status    string          `json:"status"`
	Rows      int             `json:"rows"`
	Valid     int             `json:"valid"`
	Stored    int             `json:"stored"`
	Skipped   int             `json:"skipped"`
	Mapping   []ColumnMapping `json:"mapping"`
	Unmapped  []string        `json:"unmapped"`
	Issues    []Issue         `json:"issues"`
	// IssuesTotal counts every issue found, including those beyond the
	// reported list's cap.
	IssuesTotal int `json:"issues_total"`
}

// HasErrors reports whether any issue is an error.
func (r *ImportReport) HasErrors() bool {
	for _, is := range r.Issues {
		if is.Severity == SeverityError {
			return true
		}
	}
	return false
}

// HasFileErrors reports whether an error concerns the file or the wave as a
// whole (no cell): --skip-invalid skips rows, never those.
func (r *ImportReport) HasFileErrors() bool {
	for _, is := range r.Issues {
		if is.Severity == SeverityError && is.Cell == "" && is.Row == 0 {
			return true
		}
	}
	return false
}

// Storable says whether a commit would store the rows read: with no error
// at all, or, skipping invalid rows, with none about the file as a whole
// (an empty file or one with nothing valid left has one, file.empty).
func (r *ImportReport) Storable(skipInvalid bool) bool {
	return !r.HasErrors() || (skipInvalid && !r.HasFileErrors())
}
