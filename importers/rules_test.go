package importers

import (
	"testing"
	"time"

	"axdash/app/model"
	"axdash/quality"
)

func compiledRules(t *testing.T) *quality.Rules {
	t.Helper()
	rs, err := quality.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestRulesInTheReport checks that rule findings are ordinary issues: an
// error rule makes its row invalid, a warning travels with the record, and
// each points at the cell of the rule's field with the cell's text.
func TestRulesInTheReport(t *testing.T) {
	header := []any{"기업명", "시도", "업종", "종업원수", "AI도입단계", "AI활용분야", "AI도입비용(백만원)", "정부지원금(백만원)",
		"AI인력현원", "조사일"}
	spec := oneSheet(header,
		[]any{"정상", "서울", "C", 20, "도입", "품질검사", 50, 20, 2, "2026-03-02"},
		[]any{"지원초과", "서울", "C", 20, "도입", "품질검사", 50, 60, 2, "2026-03-02"},
		[]any{"인력초과", "서울", "C", 3, "도입", "품질검사", 50, "", 4, "2026-03-02"},
		[]any{"검토비용", "서울", "C", 20, "검토", "", 5, "", "", "2026-03-02"},
		[]any{"기간밖", "서울", "C", 20, "도입", "품질검사", "", "", "", "2025-12-01"},
	)
	period := &model.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}
	res := read(t, spec, Options{Rules: compiledRules(t), Period: period})
	want := []struct {
		code, cell, header, value, severity string
	}{
		{"rule.support_exceeds_cost", "H3", "정부지원금(백만원)", "60", model.SeverityError},
		{"rule.ai_staff_exceeds_employees", "I4", "AI인력현원", "4", model.SeverityError},
		{"rule.cost_without_adoption", "G5", "AI도입비용(백만원)", "5", model.SeverityWarning},
		{"rule.surveyed_outside_period", "J6", "조사일", "2025-12-01", model.SeverityError},
	}
	if len(res.Report.Issues) != len(want) {
		t.Fatalf("issues %v", codes(res))
	}
	for i, w := range want {
		is := res.Report.Issues[i]
		if is.Code != w.code || is.Cell != w.cell || is.Header != w.header || is.Value != w.value ||
			is.Severity != w.severity || is.Sheet != "조사표" || is.Message == "" {
			t.Errorf("issue %d = %+v, want %+v", i, is, w)
		}
	}
	if res.Report.Rows != 5 || res.Report.Valid != 2 || len(res.Records) != 2 {
		t.Fatalf("rows %d valid %d records %d", res.Report.Rows, res.Report.Valid, len(res.Records))
	}
	if f := res.Records[1].Findings; len(f) != 1 || f[0].Code != "rule.cost_without_adoption" || f[0].Row != 5 {
		t.Errorf("the warning did not travel with its record: %+v", f)
	}
	if len(res.Records[0].Findings) != 0 {
		t.Errorf("clean row carries findings %+v", res.Records[0].Findings)
	}
	// Without a period the date rule is skipped, and without rules nothing fires.
	if res := read(t, spec, Options{Rules: compiledRules(t)}); issue(res, "rule.surveyed_outside_period") != nil {
		t.Errorf("period rule ran without a period: %v", codes(res))
	}
	if res := read(t, spec, Options{}); len(res.Report.Issues) != 0 || res.Report.Valid != 5 {
		t.Errorf("no rules: %v", codes(res))
	}
}
