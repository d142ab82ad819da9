package model

import (
	"strings"
	"time"
)

// Period is a wave's survey period, both days included. A wave without one
// has no Period (nil), and rules about it are skipped.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Contains reports whether day t falls within the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && !t.After(p.End) }

// Finding is one data-quality rule or outlier finding of a stored row, kept
// with its import so that the quality page can list every one of them, not
// only the capped list of the import report.
type Finding struct {
	ID        int64  `json:"-"`
	WaveID    int64  `json:"-"`
	ImportID  int64  `json:"import_id"`
	SourceRow int    `json:"row"`
	FirmName  string `json:"firm_name"`
	Severity  string `json:"severity"`
	Code      string `json:"code"`
	Sheet     string `json:"sheet,omitempty"`
	Cell      string `json:"cell,omitempty"`
	Header    string `json:"header,omitempty"`
	Value     string `json:"value,omitempty"`
	Message   string `json:"message"`
}

// FindingCount is how many findings one rule (or outlier test) raised in a
// wave.
type FindingCount struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Count    int64  `json:"count"`
}

// QualityCode reports whether an issue code comes from the data-quality
// checks (rules and outliers) rather than from reading the cell.
func QualityCode(code string) bool {
	return strings.HasPrefix(code, "rule.") || strings.HasSuffix(code, ".outlier")
}
