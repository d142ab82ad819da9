package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"axdash/app/disclosure"
	"axdash/app/model"
	"axdash/app/model/modeltest"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestLoadAddedField adds a column to the test's schema and a field to a
// copy of the table: CheckFields sees the column missing, then present, and
// a load stores the field and WaveResponses reads it back, with no change
// to the loader.
func TestLoadAddedField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		budget := modeltest.NewBudget()
		table := budget.Table(t)
		if err := s.Ops.CheckFields(ctx, table); err == nil || !strings.Contains(err.Error(), "ai_budget") {
			t.Fatalf("CheckFields without the column = %v, want an error naming ai_budget", err)
		}
		if err := store.DBForTest(s).Exec("ALTER TABLE responses ADD COLUMN ai_budget BIGINT").Error; err != nil {
			t.Fatal(err)
		}
		if err := s.Ops.CheckFields(ctx, table); err != nil {
			t.Fatalf("CheckFields with the column: %v", err)
		}
		l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: "2026-H1", Fields: table,
			Import: model.Import{FileName: "a.xlsx", Format: "xlsx", SHA256: "ab"}})
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]int64{}
		for i := range 3 {
			rec := loadRow(i, "")
			if i != 1 { // row 1 leaves it blank
				want[rec.Response.SourceRow] = int64(i+1) * 1_000_000
				budget.Values[rec.Response.SourceRow] = ptr(want[rec.Response.SourceRow])
			}
			if err := l.Add(rec); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.Commit(model.Import{Rows: 3, Valid: 3}, nil); err != nil {
			t.Fatal(err)
		}
		clear(budget.Values)
		n := 0
		err = s.Surveys.WaveResponses(ctx, "2026-H1", table, func(*model.FirmResponse) error { n++; return nil })
		// The blank row reads back as nil, which Amounts leaves out.
		if err != nil || n != 3 || len(budget.Values) != 3 || !reflect.DeepEqual(budget.Amounts(), want) {
			t.Errorf("read back %d rows (%v): ai_budget %v, want %v", n, err, budget.Amounts(), want)
		}
	})
}

// TestWaveResponsesRoundTrip reads back what a load stored, every field of
// the survey's table, on both databases.
func TestWaveResponsesRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		var want []model.FirmResponse
		l := begin(t, s, "2026-H1", "cd", false, 2)
		for i := range 5 {
			rec := loadRow(i, []string{"", "1248100998"}[i%2])
			want = append(want, rec)
			if err := l.Add(rec); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.Commit(model.Import{Rows: 5, Valid: 5}, nil); err != nil {
			t.Fatal(err)
		}
		var got []model.FirmResponse
		err := s.Surveys.WaveResponses(context.Background(), "2026-H1", nil, func(r *model.FirmResponse) error {
			got = append(got, *r)
			return nil
		})
		if err != nil || len(got) != len(want) {
			t.Fatalf("WaveResponses: %d rows, %v; want %d", len(got), err, len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Response.ID == 0 || g.Response.FirmID == 0 || g.Response.WaveID == 0 || g.Response.ImportID == 0 {
				t.Errorf("row %d has a zero id: %+v", i, g.Response)
			}
			if g.Response.SurveyedOn == nil || !g.Response.SurveyedOn.Equal(*w.Response.SurveyedOn) {
				t.Errorf("row %d surveyed on %v, want %v", i, g.Response.SurveyedOn, w.Response.SurveyedOn)
			}
			if g.Response.RecordKey < 0 || g.Response.RecordKey >= disclosure.KeyRange {
				t.Errorf("row %d has record key %d, want [0, 2³¹)", i, g.Response.RecordKey)
			}
			g.Response.ID, g.Response.FirmID, g.Response.WaveID, g.Response.ImportID = 0, 0, 0, 0
			g.Response.RecordKey = 0 // drawn at random when stored
			g.Response.SurveyedOn = w.Response.SurveyedOn
			if !reflect.DeepEqual(g, w) {
				t.Errorf("row %d\n got %+v\nwant %+v", i, g, w)
			}
		}
	})
}
