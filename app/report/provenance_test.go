package report_test

import (
	"slices"
	"testing"
	"time"

	"axdash/app/report"
	"axdash/app/store"
)

func day(s string) *time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &d
}

// TestProvenanceNote: the note names what is recorded of the agency and
// the period, and nothing when neither is.
func TestProvenanceNote(t *testing.T) {
	tests := []struct {
		name       string
		agency     string
		start, end string
		want       string
	}{
		{name: "nothing recorded", want: ""},
		{name: "blank agency", agency: "  ", want: ""},
		{name: "agency", agency: "기관 갑", want: "조사기관: 기관 갑"},
		{name: "period", start: "2026-01-01", end: "2026-06-30", want: "조사기간: 2026-01-01–2026-06-30"},
		{name: "both", agency: " 기관 갑 ", start: "2025-07-01", end: "2025-12-31",
			want: "조사기관: 기관 갑, 조사기간: 2025-07-01–2025-12-31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var w store.WaveState
			w.Agency = tc.agency
			if tc.start != "" {
				w.PeriodStart, w.PeriodEnd = day(tc.start), day(tc.end)
			}
			if got := report.ProvenanceNote(&w); got != tc.want {
				t.Errorf("note %q, want %q", got, tc.want)
			}
		})
	}
	if got := report.ProvenanceNote(nil); got != "" {
		t.Errorf("no wave: note %q", got)
	}
}

// TestComparisonWarnings: a change between waves is warned about past
// report.SizeRatio times the responses, or when both design notes are
// recorded and differ; never for a wave without responses or a note.
func TestComparisonWarnings(t *testing.T) {
	const size = "두 차수(A, B)의 응답 수가 3배 넘게 다릅니다(1,500 대 275): 변화 해석에 주의하십시오."
	const design = "두 차수(A, B)의 표본 설계가 다릅니다(설계 메모가 서로 다름): 변화 해석에 주의하십시오."
	tests := []struct {
		name         string
		nA, nB       int64
		noteA, noteB string
		want         []string
	}{
		{name: "alike", nA: 1500, nB: 1400, noteA: "층화", noteB: "층화"},
		{name: "exactly the ratio", nA: 100, nB: 100 * report.SizeRatio},
		{name: "just past the ratio", nA: 100, nB: 100*report.SizeRatio + 1,
			want: []string{"두 차수(A, B)의 응답 수가 3배 넘게 다릅니다(100 대 301): 변화 해석에 주의하십시오."}},
		{name: "past the ratio", nA: 1500, nB: 275, want: []string{size}},
		{name: "past the ratio, other way", nA: 275, nB: 1500,
			want: []string{"두 차수(A, B)의 응답 수가 3배 넘게 다릅니다(275 대 1,500): 변화 해석에 주의하십시오."}},
		{name: "one empty wave", nA: 0, nB: 1500},
		{name: "notes differ", nA: 10, nB: 10, noteA: "층화 추출", noteB: "전수 조사", want: []string{design}},
		{name: "one note missing", nA: 10, nB: 10, noteA: "층화 추출"},
		{name: "notes differ only in spaces", nA: 10, nB: 10, noteA: "층화 ", noteB: " 층화"},
		{name: "both", nA: 1500, nB: 275, noteA: "a", noteB: "b", want: []string{size, design}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a, b store.WaveState
			a.Name, a.Responses, a.Note = "A", tc.nA, tc.noteA
			b.Name, b.Responses, b.Note = "B", tc.nB, tc.noteB
			if got := report.ComparisonWarnings(&a, &b); !slices.Equal(got, tc.want) {
				t.Errorf("warnings %q, want %q", got, tc.want)
			}
			v := report.View{Wave: &b, Prev: &a}
			if got := v.Warnings(); !slices.Equal(got, tc.want) {
				t.Errorf("view warnings %q, want %q", got, tc.want)
			}
		})
	}
	if got := (report.View{Wave: &store.WaveState{}}).Warnings(); got != nil {
		t.Errorf("no previous wave: warnings %q", got)
	}
}
