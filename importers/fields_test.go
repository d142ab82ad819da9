package importers

import (
	"context"
	"strings"
	"testing"

	"axdash/app/model"
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
	budgets := map[int]*int64{} // the test field's values, by source row
	table, err := model.Fields().With(model.Field{Key: "ai_budget", Label: "AI예산", Kind: model.KindMoney,
		Nullable: true, Column: "ai_budget", Access: model.Access[*int64]{
			Get: func(r *model.FirmResponse) *int64 { return budgets[r.Response.SourceRow] },
			Set: func(r *model.FirmResponse, v *int64) { budgets[r.Response.SourceRow] = v },
		}})
	if err != nil {
		t.Fatal(err)
	}
	s, r := loadConfigs(t)
	s.Fields = append(s.Fields, configs.Field{Key: "ai_budget", Header: "AI예산", Type: "money",
		Aliases: []string{"AI 예산"}})
	path := writeBook(t, oneSheet(append(stdHeader, "AI 예산(백만원)"),
		append(goodRow("가나"), 12), append(goodRow("다라"), "")))
	res, err := New(s, r, Options{Fields: table}).ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 2 || res.Report.Valid != 2 {
		t.Fatalf("%d records, %d valid; issues %v", len(res.Records), res.Report.Valid, codes(res))
	}
	if got := budgets[res.Records[0].Response.SourceRow]; got == nil || *got != 12_000_000 {
		t.Errorf("row 1 ai_budget = %v, want 12,000,000", got)
	}
	if got, ok := budgets[res.Records[1].Response.SourceRow]; ok {
		t.Errorf("blank ai_budget was set to %v", got)
	}
}
