package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/ingest"
	"axdash/app/model"
	"axdash/app/model/modeltest"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
	"axdash/importers"
)

// TestAddedFieldImportedStoredExported adds a field to test copies of the
// field table and survey.yaml and a column to the test's schema, then
// imports a sheet holding it through ingest, stores it and reads the wave
// back: the importer, the loader and the read-back only iterate over the
// table.
func TestAddedFieldImportedStoredExported(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.DB) {
		ctx := context.Background()
		if err := store.DBForTest(st).Exec("ALTER TABLE responses ADD COLUMN ai_budget BIGINT").Error; err != nil {
			t.Fatal(err)
		}
		budget := modeltest.NewBudget()
		table := budget.Table(t)
		if err := st.Ops.CheckFields(ctx, table); err != nil {
			t.Fatal(err)
		}
		survey, regions, err := configs.LoadSchema()
		if err != nil {
			t.Fatal(err)
		}
		survey.Fields = append(survey.Fields, modeltest.SurveyField())
		in := &ingest.Ingester{Store: st.Surveys, Fields: table, Reader: ingest.InProcess{New: func(spec importers.Spec) *importers.Importer {
			return importers.New(survey, regions, importers.Options{Sheet: spec.Sheet, Fields: table})
		}}}
		path := budgetBook(t, [][]any{
			{"기업명", "시도", "업종", "종업원수", "AI도입단계", "AI예산(백만원)"},
			{"가나전자", "서울", "C", 25, "도입", 12},
			{"다라정밀", "부산", "C", 40, "검토", ""},
		})
		rep, err := in.Run(ctx, ingest.Request{Path: path, Wave: "2026-H1"})
		if err != nil || rep.Status != model.StatusStored {
			t.Fatalf("Run: %v, report %+v", err, rep)
		}
		clear(budget.Values)
		names := map[int]string{}
		err = st.Surveys.WaveResponses(ctx, "2026-H1", table, func(r *model.FirmResponse) error {
			names[r.Response.SourceRow] = r.Response.FirmName
			return nil
		})
		want := map[int]int64{2: 12_000_000}
		if err != nil || len(names) != 2 || len(budget.Values) != 2 || !reflect.DeepEqual(budget.Amounts(), want) {
			t.Errorf("read back %v (%v): ai_budget %v, want %v and a blank", names, err, budget.Amounts(), want)
		}
	})
}

// budgetBook writes rows to the first sheet of a new workbook.
func budgetBook(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "조사표.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
