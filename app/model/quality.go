package model

import (
	"fmt"
	"math"
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

// periodLayout is how a period is written on the command line and in
// reports: "2026-01-01..2026-06-30".
const periodLayout = "2006-01-02"

// String writes the period as START..END.
func (p Period) String() string {
	return p.Start.Format(periodLayout) + ".." + p.End.Format(periodLayout)
}

// ParsePeriod reads "START..END" (ISO dates, both included).
func ParsePeriod(s string) (Period, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "..")
	if !ok {
		return Period{}, fmt.Errorf("조사 기간은 2026-01-01..2026-06-30 형식이어야 합니다: %q", s)
	}
	start, err1 := time.Parse(periodLayout, strings.TrimSpace(a))
	end, err2 := time.Parse(periodLayout, strings.TrimSpace(b))
	switch {
	case err1 != nil || err2 != nil:
		return Period{}, fmt.Errorf("조사 기간의 날짜를 읽을 수 없습니다 (YYYY-MM-DD): %q", s)
	case end.Before(start):
		return Period{}, fmt.Errorf("조사 기간의 끝(%s)이 시작(%s)보다 앞섭니다", b, a)
	}
	return Period{Start: start, End: end}, nil
}

// Log-scale histograms for the outlier test: bins of 1/HistPerDecade of a
// decade from 1 to 10^16, so medians and MADs read from them are known to
// within one bin (±0.01 in log10, ±2.3% of the value). The store keeps one
// per wave, field, industry and size band; the test adds the file's own.
const (
	HistPerDecade = 100
	HistBins      = 16 * HistPerDecade
)

// LogBin is the histogram bin of a positive value; values outside 1–10^16
// land in the end bins.
func LogBin(v float64) int {
	return min(max(int(math.Floor(math.Log10(v)*HistPerDecade)), 0), HistBins-1)
}

// HistValue reads a field the outlier test may use (Field.Histogram) from
// a response: the value and whether it is there and positive (a zero cost
// is no cost, and has no logarithm).
func HistValue(r *FirmResponse, f *Field) (float64, bool) {
	v, ok := f.Number(r)
	return v, ok && v > 0
}
