package demo

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/configs"
)

func TestGenerateDeterministic(t *testing.T) {
	a, err := Generate(Options{Rows: 500, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(Options{Rows: 500, Seed: 7})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different rows")
	}
	c, _ := Generate(Options{Rows: 500, Seed: 8})
	same := 0
	for i := range a {
		if reflect.DeepEqual(a[i], c[i]) {
			same++
		}
	}
	if same > 0 {
		t.Fatalf("seeds 7 and 8 share %d identical rows", same)
	}
}

func TestGenerateOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		wantErr bool
		wantLen int
	}{
		{"zero rows", Options{}, false, 0},
		{"defaults", Options{Rows: 3}, false, 3},
		{"negative rows", Options{Rows: -1}, true, 0},
		{"too many rows", Options{Rows: maxRows + 1}, true, 0},
		{"negative lift", Options{Rows: 1, Lift: -1}, true, 0},
		{"NaN lift", Options{Rows: 1, Lift: math.NaN()}, true, 0},
		{"year out of range", Options{Rows: 1, Year: 20260}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Generate(tt.opts)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if len(rows) != tt.wantLen {
				t.Fatalf("len = %d, want %d", len(rows), tt.wantLen)
			}
		})
	}
}

// codeSet returns the codes of a survey.yaml code list.
func codeSet(cs []configs.Code) map[string]bool {
	m := map[string]bool{}
	for _, c := range cs {
		m[c.Code] = true
	}
	return m
}

// validator checks rows against survey.yaml and regions.yaml.
type validator struct {
	region, industry, area, barrier map[string]bool
	bizNo                           map[string]bool
}

func newValidator(t *testing.T) *validator {
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	v := &validator{region: map[string]bool{}, industry: map[string]bool{}, bizNo: map[string]bool{},
		area: codeSet(survey.UseAreas), barrier: codeSet(survey.Barriers)}
	for _, r := range regions.Regions {
		v.region[r.Code] = true
	}
	for _, in := range survey.Industries {
		v.industry[in.Code] = true
	}
	return v
}

// problem returns what is wrong with r, or "".
func (v *validator) problem(r Row, year int) string {
	defer func() { v.bizNo[r.BusinessNo] = true }()
	checks := []struct {
		bad  bool
		what string
	}{
		{!model.BusinessNoValid(r.BusinessNo), "business number invalid"},
		{v.bizNo[r.BusinessNo], "business number repeated"},
		{!v.region[r.Region], "region not one of the 17"},
		{!v.industry[r.Industry], "industry"},
		{!slices.Contains(model.Stages, r.Stage), "stage"},
		{r.FirmName == "" || r.Employees < 1 || r.Employees > 999 || r.Revenue <= 0, "firm fields"},
		{r.Weight < 0.5 || r.Weight > 4, "weight"},
		{r.SurveyedOn.Year() != year || r.SurveyedOn.Month() < 6 || r.SurveyedOn.Month() > 9, "surveyed on"},
		{r.GovSupport < 0 || r.GovSupport > r.AdoptionCost, "gov support above cost"},
		{r.AdoptionCost != 0 && (r.AdoptionCost < costMin || r.AdoptionCost > costMax || r.AdoptionCost%1e4 != 0), "cost"},
		{model.Adopted(r.Stage) && (r.AdoptionCost == 0 || r.ProductivityGain <= 0 || len(r.UseAreas) == 0), "adopter without cost, gain or use area"},
		{!model.Adopted(r.Stage) && (r.ProductivityGain != 0 || r.Exemplar), "non-adopter with gain or exemplar"},
		{r.Exemplar != (r.ExemplarNote != ""), "exemplar flag and note disagree"},
		{r.StaffNeeded < 0 || r.StaffCurrent < 0, "staff"},
	}
	for _, c := range checks {
		if c.bad {
			return c.what
		}
	}
	for _, a := range r.UseAreas {
		if !v.area[a] {
			return "use area " + a
		}
	}
	for _, b := range r.Barriers {
		if !v.barrier[b] {
			return "barrier " + b
		}
	}
	return ""
}

func TestRowsFollowSchema(t *testing.T) {
	v := newValidator(t)
	rows, _ := Generate(Options{Rows: 5000, Seed: 3, Year: 2025})
	for i, r := range rows {
		if p := v.problem(r, 2025); p != "" {
			t.Fatalf("row %d: %s: %+v", i, p, r)
		}
	}
}

// services are the KSIC service sections the published surveys compare
// with manufacturing (C).
const services = "GHIJKLMNPQRS"

// rate is a weighted adoption rate.
type rate struct{ adopt, total float64 }

func (r *rate) add(row Row) {
	r.total += row.Weight
	if model.Adopted(row.Stage) {
		r.adopt += row.Weight
	}
}

func (r rate) pct() float64 { return 100 * r.adopt / r.total }

func TestRealism(t *testing.T) {
	rows, err := Generate(Options{Rows: 20000, Seed: 2026})
	if err != nil {
		t.Fatal(err)
	}
	var all, capital, other, svc, mfg rate
	var costs []int64
	var needed, short, adopters, exemplars float64
	for _, r := range rows {
		all.add(r)
		if capitalArea(r.Region) {
			capital.add(r)
		} else {
			other.add(r)
		}
		if r.Industry == "C" {
			mfg.add(r)
		} else if strings.Contains(services, r.Industry) {
			svc.add(r)
		}
		if r.AdoptionCost > 0 {
			costs = append(costs, r.AdoptionCost)
		}
		needed += r.Weight * float64(r.StaffNeeded)
		short += r.Weight * float64(max(r.StaffNeeded-r.StaffCurrent, 0))
		if model.Adopted(r.Stage) {
			adopters++
			if r.Exemplar {
				exemplars++
			}
		}
	}
	slices.Sort(costs)
	q := func(p float64) float64 { return float64(costs[int(p*float64(len(costs)-1))]) }
	figures := []struct {
		name     string
		got      float64
		min, max float64
	}{
		{"weighted adoption %", all.pct(), 5, 35},
		{"수도권/비수도권", capital.pct() / other.pct(), 1.5, 2.6},
		{"services/manufacturing", svc.pct() / mfg.pct(), 1.5, 2.6},
		{"cost p01 (원)", q(0.01), 5e6, 3e8},
		{"cost p99 (원)", q(0.99), 5e6, 3e8},
		{"cost median (원)", q(0.5), 1e7, 6e7},
		{"shortage % of needed", 100 * short / needed, 8, 17},
		{"exemplar % of adopters", 100 * exemplars / adopters, 4, 11},
	}
	for _, f := range figures {
		t.Logf("%-24s %.4g", f.name, f.got)
		if f.got < f.min || f.got > f.max {
			t.Errorf("%s = %.4g, want within [%g, %g]", f.name, f.got, f.min, f.max)
		}
	}
}

func TestExemplarNotesVary(t *testing.T) {
	rows, _ := Generate(Options{Rows: 5000, Seed: 11})
	notes := map[string]bool{}
	for _, r := range rows {
		if r.Exemplar {
			if !strings.Contains(r.ExemplarNote, "도입으로") || !strings.Contains(r.ExemplarNote, "%") {
				t.Errorf("note %q does not read like an exemplar", r.ExemplarNote)
			}
			notes[r.ExemplarNote] = true
		}
	}
	if len(notes) < 20 {
		t.Fatalf("only %d distinct exemplar notes", len(notes))
	}
}

// A later wave from the same seed has the same firms; Lift only raises
// adoption, and no adopter falls back.
func TestLiftMakesLaterWave(t *testing.T) {
	base, _ := Generate(Options{Rows: 10000, Seed: 5, Year: 2025})
	later, _ := Generate(Options{Rows: 10000, Seed: 5, Year: 2026, Lift: 1.3})
	var r0, r1 rate
	for i := range base {
		if base[i].BusinessNo != later[i].BusinessNo || base[i].FirmName != later[i].FirmName {
			t.Fatalf("row %d is a different firm in the later wave", i)
		}
		if model.Adopted(base[i].Stage) && !model.Adopted(later[i].Stage) {
			t.Fatalf("row %d stopped adopting under a lift", i)
		}
		r0.add(base[i])
		r1.add(later[i])
	}
	t.Logf("adoption %.1f%% → %.1f%%", r0.pct(), r1.pct())
	if ratio := r1.pct() / r0.pct(); ratio < 1.2 || ratio > 1.35 {
		t.Fatalf("lift 1.3 moved adoption by %.2f×", ratio)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Options{Rows: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
