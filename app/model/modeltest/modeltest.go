// Package modeltest adds a survey field for tests: a field that model.Response
// has no Go field for, so that a test can show it imported, sent through
// the parse worker's codec, stored and read back by code that only
// iterates over the field table.
package modeltest

import (
	"testing"

	"axdash/app/model"
	"axdash/configs"
)

// Budget is the added field ai_budget (AI예산), money in 원; its values live
// in Values by source row, the one key that stays with a record from the
// sheet to the store.
type Budget struct {
	Values map[int]*int64
}

// NewBudget returns the field with no values.
func NewBudget() *Budget { return &Budget{Values: map[int]*int64{}} }

// Field is the table entry; its column is ai_budget.
func (b *Budget) Field() model.Field {
	return model.Field{Key: "ai_budget", Label: "AI예산", Kind: model.KindMoney, Unit: "원", Nullable: true,
		Column: "ai_budget", Access: model.Access[*int64]{
			Get: func(r *model.FirmResponse) *int64 { return b.Values[r.Response.SourceRow] },
			Set: func(r *model.FirmResponse, v *int64) { b.Values[r.Response.SourceRow] = v },
		}}
}

// Table is the survey's table with the field after its own.
func (b *Budget) Table(t testing.TB) *model.Table {
	t.Helper()
	table, err := model.Fields().With(b.Field())
	if err != nil {
		t.Fatal(err)
	}
	return table
}

// SurveyField is the field's survey.yaml entry.
func SurveyField() configs.Field {
	return configs.Field{Key: "ai_budget", Header: "AI예산", Type: "money", Aliases: []string{"AI 예산"}}
}

// Amounts reads Values as plain numbers (blank values left out), for
// comparisons and failure messages.
func (b *Budget) Amounts() map[int]int64 {
	out := map[int]int64{}
	for k, v := range b.Values {
		if v != nil {
			out[k] = *v
		}
	}
	return out
}
