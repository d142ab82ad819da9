package quality

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/model/modeltest"
	"axdash/configs"
)

func defaultRules(t *testing.T) *Rules {
	t.Helper()
	rs, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func i64(v int64) *int64      { return &v }
func intp(v int) *int         { return &v }
func f64(v float64) *float64  { return &v }
func day(s string) *time.Time { d, _ := time.Parse("2006-01-02", s); return &d }
func allMapped(string) bool   { return true }
func noNote(f string) bool    { return f != "exemplar_note" }
func areas(c ...string) []model.ResponseUseArea {
	var out []model.ResponseUseArea
	for _, x := range c {
		out = append(out, model.ResponseUseArea{Code: x})
	}
	return out
}

// base is a row that passes every default rule.
func base() model.Response {
	return model.Response{FirmName: "가나", Region: "11", Industry: "C", Employees: 20, SizeBand: "10-49",
		Stage: "도입", UseAreas: areas("품질검사"), AdoptionCost: i64(50_000_000), GovSupport: i64(20_000_000),
		AIStaffCurrent: intp(2), AIStaffNeeded: intp(3), ProductivityGain: f64(12), Weight: 1,
		SurveyedOn: day("2026-03-02")}
}

func TestDefaultRules(t *testing.T) {
	rs := defaultRules(t)
	period := &model.Period{Start: *day("2026-01-01"), End: *day("2026-06-30")}
	tests := []struct {
		name   string
		edit   func(r *model.Response)
		period *model.Period
		mapped func(string) bool
		want   []string
	}{
		{"clean row", func(*model.Response) {}, period, allMapped, nil},
		{"support above cost", func(r *model.Response) { r.GovSupport = i64(60_000_000) }, nil, allMapped,
			[]string{"rule.support_exceeds_cost"}},
		{"support equal to cost", func(r *model.Response) { r.GovSupport = i64(50_000_000) }, nil, allMapped, nil},
		{"support with blank cost", func(r *model.Response) { r.AdoptionCost = nil }, nil, allMapped, nil},
		{"blank support", func(r *model.Response) { r.GovSupport = nil }, nil, allMapped, nil},
		{"staff above employees", func(r *model.Response) { r.AIStaffCurrent = intp(21) }, nil, allMapped,
			[]string{"rule.ai_staff_exceeds_employees"}},
		{"staff equal to employees", func(r *model.Response) { r.AIStaffCurrent = intp(20) }, nil, allMapped, nil},
		{"blank staff", func(r *model.Response) { r.AIStaffCurrent = nil }, nil, allMapped, nil},
		{"검토 with a cost", func(r *model.Response) { r.Stage = "검토"; r.GovSupport = nil }, nil, allMapped,
			[]string{"rule.cost_without_adoption"}},
		{"미도입 with a cost", func(r *model.Response) { r.Stage = "미도입"; r.UseAreas = nil }, nil, allMapped,
			[]string{"rule.cost_without_adoption"}},
		{"미도입 with zero cost", func(r *model.Response) { r.Stage = "미도입"; r.AdoptionCost = i64(0); r.GovSupport = nil },
			nil, allMapped, nil},
		{"미도입 with blank cost", func(r *model.Response) { r.Stage = "미도입"; r.AdoptionCost = nil }, nil, allMapped, nil},
		{"시범도입 with a cost", func(r *model.Response) { r.Stage = "시범도입" }, nil, allMapped, nil},
		{"도입 without use area", func(r *model.Response) { r.UseAreas = nil }, nil, allMapped,
			[]string{"rule.adopted_without_use_area"}},
		{"확산 without use area", func(r *model.Response) { r.Stage = "확산"; r.UseAreas = nil }, nil, allMapped,
			[]string{"rule.adopted_without_use_area"}},
		{"시범도입 without use area", func(r *model.Response) { r.Stage = "시범도입"; r.UseAreas = nil }, nil, allMapped, nil},
		{"use areas not in the sheet", func(r *model.Response) { r.UseAreas = nil },
			nil, func(f string) bool { return f != "use_areas" }, nil},
		{"exemplar without note", func(r *model.Response) { r.Exemplar = true }, nil, allMapped,
			[]string{"rule.exemplar_without_note"}},
		{"exemplar with blank-looking note", func(r *model.Response) { r.Exemplar, r.ExemplarNote = true, "  " }, nil, allMapped,
			[]string{"rule.exemplar_without_note"}},
		{"exemplar with note", func(r *model.Response) { r.Exemplar, r.ExemplarNote = true, "불량률 30% 감소" }, nil, allMapped, nil},
		{"exemplar, sheet without a note column", func(r *model.Response) { r.Exemplar = true }, nil, noNote, nil},
		{"gain -100", func(r *model.Response) { r.ProductivityGain = f64(-100) }, nil, allMapped, nil},
		{"gain 1000", func(r *model.Response) { r.ProductivityGain = f64(1000) }, nil, allMapped, nil},
		{"gain below -100", func(r *model.Response) { r.ProductivityGain = f64(-100.5) }, nil, allMapped,
			[]string{"rule.productivity_gain_range"}},
		{"gain above 1000", func(r *model.Response) { r.ProductivityGain = f64(1200) }, nil, allMapped,
			[]string{"rule.productivity_gain_range"}},
		{"blank gain", func(r *model.Response) { r.ProductivityGain = nil }, nil, allMapped, nil},
		{"surveyed before the period", func(r *model.Response) { r.SurveyedOn = day("2025-12-31") }, period, allMapped,
			[]string{"rule.surveyed_outside_period"}},
		{"surveyed after the period", func(r *model.Response) { r.SurveyedOn = day("2026-07-01") }, period, allMapped,
			[]string{"rule.surveyed_outside_period"}},
		{"surveyed on the last day", func(r *model.Response) { r.SurveyedOn = day("2026-06-30") }, period, allMapped, nil},
		{"surveyed on the first day", func(r *model.Response) { r.SurveyedOn = day("2026-01-01") }, period, allMapped, nil},
		{"no period known", func(r *model.Response) { r.SurveyedOn = day("2020-01-01") }, nil, allMapped, nil},
		{"blank survey date", func(r *model.Response) { r.SurveyedOn = nil }, period, allMapped, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base()
			tt.edit(&r)
			var got []string
			rs.Checker(tt.mapped, tt.period).Check(&model.FirmResponse{Response: r}, func(rule *Rule) { got = append(got, rule.Code) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCompileRefusesBadRules(t *testing.T) {
	tests := []struct {
		name  string
		check string
		want  []string
	}{
		{"syntax error", "gov_support <= (adoption_cost", []string{"rule.bad", "line 1, column", "gov_support <= (adoption_cost"}},
		{"unknown field", "gov_suport <= adoption_cost", []string{"rule.bad", "line 1, column 1", "gov_suport"}},
		{"type error", "stage > 3", []string{"rule.bad", "line 1, column 7", "mismatched types"}},
		{"not a condition", "adoption_cost + 1", []string{"rule.bad", "bool"}},
		{"second line", "stage == \"도입\" and\n  foo > 1", []string{"rule.bad", "line 2, column 3", "foo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile([]configs.Rule{{Code: "rule.bad", Severity: "error", Message: "m", Check: tt.check}})
			if err == nil {
				t.Fatal("compiled")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestRulesOverrideFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	over := `rules:
  - code: rule.productivity_gain_range
    severity: warning
    fields: [productivity_gain]
    message: 생산성향상률이 0~300% 밖입니다.
    check: productivity_gain >= 0 and productivity_gain <= 300
  - code: rule.exemplar_without_note
    disabled: true
  - code: rule.big_firm_without_revenue
    severity: warning
    fields: [employees]
    message: 300명 이상인데 매출액이 0입니다.
    check: not (employees >= 300 and revenue == 0)
`
	if err := os.WriteFile(path, []byte(over), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	r := base()
	r.ProductivityGain, r.Exemplar, r.Employees, r.Revenue = f64(400), true, 400, i64(0)
	var got []*Rule
	rs.Checker(allMapped, nil).Check(&model.FirmResponse{Response: r}, func(rule *Rule) { got = append(got, rule) })
	if len(got) != 2 || got[0].Code != "rule.productivity_gain_range" || got[0].Severity != "warning" ||
		got[1].Code != "rule.big_firm_without_revenue" {
		t.Fatalf("got %+v", got)
	}
	if rs.Len() != len(defaultRules(t).list) {
		t.Errorf("%d rules, want the defaults minus one plus one", rs.Len())
	}
}

// BenchmarkRules is the per-row cost of the default rules.
func BenchmarkRules(b *testing.B) {
	rs, err := Load("")
	if err != nil {
		b.Fatal(err)
	}
	c := rs.Checker(allMapped, &model.Period{Start: *day("2026-01-01"), End: *day("2026-12-31")})
	rec := model.FirmResponse{Response: base()}
	fails := 0
	b.ReportAllocs()
	for b.Loop() {
		c.Check(&rec, func(*Rule) { fails++ })
	}
	if fails != 0 {
		b.Fatal("a clean row failed")
	}
}

// TestRulesOnAddedField compiles a rule on a field added to a copy of the
// table: it runs on the field's value, and is skipped when the value is
// blank or the sheet has no column for it.
func TestRulesOnAddedField(t *testing.T) {
	budget := modeltest.NewBudget()
	rs, err := CompileFields(budget.Table(t), []configs.Rule{{Code: "rule.budget_exceeds_cost", Severity: "error",
		Message: "AI예산이 도입비용보다 큽니다.", Check: "ai_budget <= adoption_cost"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		budget *int64
		mapped func(string) bool
		want   int
	}{
		{"within cost", i64(10_000_000), allMapped, 0},
		{"above cost", i64(90_000_000), allMapped, 1},
		{"blank", nil, allMapped, 0},
		{"no column", i64(90_000_000), func(f string) bool { return f != "ai_budget" }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := model.FirmResponse{Response: base()}
			budget.Values[rec.Response.SourceRow] = tt.budget
			fails := 0
			rs.Checker(tt.mapped, nil).Check(&rec, func(*Rule) { fails++ })
			if fails != tt.want {
				t.Errorf("%d failures, want %d", fails, tt.want)
			}
		})
	}
	if _, err := Compile([]configs.Rule{{Code: "x", Severity: "error", Check: "ai_budget > 0"}}); err == nil {
		t.Error("the survey's own table accepted a rule on a field it does not have")
	}
}
