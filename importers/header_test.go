package importers

import (
	"context"
	"slices"
	"testing"
)

// readStrictSubHeaders reads a workbook with a survey schema whose bare
// sub-headers "현원" and "필요" are not aliases, so that they match only
// when joined with their group ("AI 인력" + "현원").
func readStrictSubHeaders(t *testing.T, spec bookSpec) *Result {
	t.Helper()
	s, r := loadConfigs(t)
	for i := range s.Fields {
		s.Fields[i].Aliases = slices.DeleteFunc(s.Fields[i].Aliases, func(a string) bool { return a == "현원" || a == "필요" })
	}
	res, err := New(s, r, Options{}).ReadFile(context.Background(), writeBook(t, spec))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestReadTwoRowHeaders(t *testing.T) {
	tests := []struct {
		name      string
		rows      [][]any
		merges    []string
		headerRow int
		header    string // the header text mapped to ai_staff_needed, or revenue for the unit case
	}{
		{"group row above full and sub headers", [][]any{
			{"기본 정보", "", "", "", "", "AI 인력", ""},
			{"기업명", "시도", "업종", "종업원수", "AI도입단계", "현원", "필요"},
			{"가", "서울", "C", 10, "도입", 2, 5},
		}, []string{"A1:E1", "F1:G1"}, 2, "AI 인력 필요"},
		{"group in first column only, no merge", [][]any{
			{"기업명", "시도", "업종", "종업원수", "AI도입단계", "AI 인력", ""},
			{"", "", "", "", "", "현원", "필요"},
			{"가", "서울", "C", 10, "도입", 2, 5},
		}, nil, 2, "AI 인력 필요"},
		{"full headers merged down, group over sub-headers", [][]any{
			{"기업명", "시도", "업종", "종업원수", "AI도입단계", "AI인력(명)", ""},
			{"", "", "", "", "", "현원", "필요"},
			{"가", "서울", "C", 10, "도입", 2, 5},
		}, []string{"A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:G1"}, 2, "AI인력(명) 필요"},
		{"title above is not a group", [][]any{
			{"2026년 AI 인력 조사"},
			{"기업명", "시도", "업종", "종업원수", "AI도입단계", "AI인력현원", "AI인력필요"},
			{"가", "서울", "C", 10, "도입", 2, 5},
		}, []string{"A1:G1"}, 2, "AI인력필요"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := oneSheet(tt.rows...)
			spec.sheets[0].merges = tt.merges
			res := readStrictSubHeaders(t, spec)
			if res.Report.HeaderRow != tt.headerRow || len(res.Records) != 1 {
				t.Fatalf("header row %d, records %d, mapping %+v, issues %v",
					res.Report.HeaderRow, len(res.Records), res.Report.Mapping, codes(res))
			}
			r := res.Records[0].Response
			if r.AIStaffCurrent == nil || *r.AIStaffCurrent != 2 || r.AIStaffNeeded == nil || *r.AIStaffNeeded != 5 {
				t.Errorf("staff %v/%v, mapping %+v", r.AIStaffCurrent, r.AIStaffNeeded, res.Report.Mapping)
			}
			if got := mappedHeader(res, "ai_staff_needed"); got != tt.header {
				t.Errorf("needed header %q, want %q", got, tt.header)
			}
			if len(res.Report.Mapping) != 7 {
				t.Errorf("mapping %+v", res.Report.Mapping)
			}
		})
	}
}

// TestReadUnitRowUnderHeader: Korean tables often put the units in a row of
// their own under the header; that row is part of the header, not data.
func TestReadUnitRowUnderHeader(t *testing.T) {
	res := read(t, oneSheet(
		[]any{"기업명", "시도", "업종", "종업원수", "AI도입단계", "매출액", "AI도입비용"},
		[]any{"", "", "", "(명)", "", "(백만원)", "(천원)"},
		[]any{"가", "서울", "C", 10, "도입", 30, 500},
	), Options{})
	if res.Report.HeaderRow != 2 || len(res.Records) != 1 {
		t.Fatalf("header row %d, issues %v", res.Report.HeaderRow, codes(res))
	}
	r := res.Records[0].Response
	if *r.Revenue != 30_000_000 || *r.AdoptionCost != 500_000 || r.Employees != 10 {
		t.Errorf("revenue %d cost %d employees %d", *r.Revenue, *r.AdoptionCost, r.Employees)
	}
}

func mappedHeader(res *Result, field string) string {
	for _, m := range res.Report.Mapping {
		if m.Field == field {
			return m.Header
		}
	}
	return ""
}
