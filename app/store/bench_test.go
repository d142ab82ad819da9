package store_test

import (
	"context"
	"fmt"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

// benchRows makes n responses spread over regions, industries and bands.
func benchRows(n int) []model.FirmResponse {
	regions := []string{"11", "26", "27", "28", "41", "48", "50"}
	stages := model.Stages
	rows := make([]model.FirmResponse, n)
	for i := range rows {
		emp := (i*37)%400 + 1
		rows[i] = resp(regions[i%len(regions)], string(rune('A'+i%21)), emp, stages[i%len(stages)],
			0.5+float64(i%7)/2, int64(5_000_000+(i%50)*1_000_000), i%3, i%5)
		rows[i].Response.UseAreas = []model.ResponseUseArea{{Code: "품질검사"}, {Code: "마케팅"}}
	}
	return rows
}

// BenchmarkCommitImport measures storing a 5,000-row wave in one
// transaction (replacing the previous iteration's rows).
func BenchmarkCommitImport(b *testing.B) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			s := benchStore(b, dialect)
			rows := benchRows(5000)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, err := s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: "W", Replace: true, Rows: rows,
					Import: model.Import{FileName: "b.xlsx", Format: "xlsx", SHA256: fmt.Sprintf("%s-%d", dialect, i)}})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkAggregates measures the four figure queries over 20,000 rows.
func BenchmarkAggregates(b *testing.B) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		b.Run(dialect, func(b *testing.B) {
			s := benchStore(b, dialect)
			imp, err := s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: "W", Rows: benchRows(20000),
				Import: model.Import{FileName: "b.xlsx", Format: "xlsx", SHA256: "agg"}})
			if err != nil {
				b.Fatal(err)
			}
			f := model.Filter{WaveID: imp.WaveID}
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				states, err := s.Surveys.WaveStates(ctx)
				if err != nil {
					b.Fatal(err)
				}
				src, err := s.Surveys.Cubes(ctx, states, configs.DefaultDesign())
				if err != nil {
					b.Fatal(err)
				}
				for _, dim := range []string{cube.ByRegion, cube.BySize} {
					if _, err := src.CellsBy(ctx, dim, f); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := s.Surveys.ExemplarFirms(ctx, f, 200); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchStore(b *testing.B, dialect string) *store.DB {
	if dialect == store.DialectPostgres {
		return storetest.Postgres(b)
	}
	return storetest.SQLite(b)
}
