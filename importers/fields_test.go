package importers

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/model/modeltest"
	"axdash/configs"
)

// TestCheckFieldsSurvey holds the shipped survey.yaml and the field table
// together, and shows a survey key the table does not know (or the other
// way round) stopping every read instead of being dropped.
func TestCheckFieldsSurvey(t *testing.T) {
	tests := []struct {
		name string
		edit func(*configs.Survey)
		want string // part of the error; "" for none
	}{
		{"shipped", func(*configs.Survey) {}, ""},
		{"unknown key", func(s *configs.Survey) {
			s.Fields = append(s.Fields, configs.Field{Key: "ai_budget", Header: "AI예산", Type: "money"})
		}, "ai_budget (money) has no entry"},
		{"key missing", func(s *configs.Survey) {
			s.Fields = deleteField(s.Fields, "gov_support")
		}, "gov_support is not in survey.yaml"},
		{"type changed", func(s *configs.Survey) {
			s.Field("revenue").Type = "integer"
		}, "revenue is integer in survey.yaml but money"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, r := loadConfigs(t)
			tt.edit(s)
			err := CheckFields(model.Fields(), s)
			_, rerr := New(s, r, Options{}).Read(context.Background(), writeBook(t, oneSheet(stdHeader, goodRow("가나"))),
				func(Record) error { return nil })
			for what, e := range map[string]error{"CheckFields": err, "Read": rerr} {
				if tt.want == "" && e != nil || tt.want != "" && (e == nil || !strings.Contains(e.Error(), tt.want)) {
					t.Errorf("%s: %v, want %q", what, e, tt.want)
				}
			}
		})
	}
}

func deleteField(fs []configs.Field, key string) []configs.Field {
	var out []configs.Field
	for _, f := range fs {
		if f.Key != key {
			out = append(out, f)
		}
	}
	return out
}

// TestReadAddedField adds a money field to copies of the table and of the
// survey, and reads it from a sheet with no change to the importer.
func TestReadAddedField(t *testing.T) {
	budget := modeltest.NewBudget()
	s, r := loadConfigs(t)
	s.Fields = append(s.Fields, modeltest.SurveyField())
	path := writeBook(t, oneSheet(append(stdHeader, "AI 예산(백만원)"),
		append(goodRow("가나"), 12), append(goodRow("다라"), "")))
	res, err := New(s, r, Options{Fields: budget.Table(t)}).ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 2 || res.Report.Valid != 2 {
		t.Fatalf("%d records, %d valid; issues %v", len(res.Records), res.Report.Valid, codes(res))
	}
	want := map[int]int64{res.Records[0].Response.SourceRow: 12_000_000}
	if got := budget.Amounts(); !reflect.DeepEqual(got, want) || len(budget.Values) != 1 {
		t.Errorf("ai_budget by row = %v (%d set), want %v and the blank row left unset", got, len(budget.Values), want)
	}
}
