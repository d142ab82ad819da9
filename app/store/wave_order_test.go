package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestWavesInSurveyOrder: the waves are listed (WaveStates, Waves) in the
// order they were surveyed, by period start, then creation; never by name
// nor by id. Names, ids and creation here all sort against the periods.
func TestWavesInSurveyOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		periods := []struct {
			name  string
			start *time.Time
		}{
			{"2026-H1", ptrTime(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))},
			{"2025-H2", ptrTime(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))},
			{"2024-H2", nil}, // no period: surveyed when it was created, after both
			{"2023-H1", ptrTime(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))},
		}
		db := store.DBForTest(s)
		for i, p := range periods {
			rows := storetest.ExemplarRows([]storetest.Exemplar{storetest.NewExemplar("가온", "", "11", "고객응대", "", true)}, 1)
			if _, err := commit(t, s, p.name, p.name, rows, false); err != nil {
				t.Fatal(err)
			}
			// Creation in the listed order, a day apart, all before now.
			created := time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC)
			if p.start == nil {
				created = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			if err := db.Exec("UPDATE waves SET period_start = ?, created_at = ? WHERE name = ?", p.start, created, p.name).Error; err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"2023-H1", "2026-H1", "2025-H2", "2024-H2"} // by name, id or creation each differs
		states, err := s.Surveys.WaveStates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		summaries, err := s.Surveys.Waves(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			got  []string
		}{
			{"WaveStates", mapNames(states, func(w store.WaveState) string { return w.Name })},
			{"Waves", mapNames(summaries, func(w store.WaveSummary) string { return w.Name })},
		} {
			if !slices.Equal(tt.got, want) {
				t.Errorf("%s = %v, want %v", tt.name, tt.got, want)
			}
		}
	})
}

func ptrTime(t time.Time) *time.Time { return &t }

func mapNames[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = name(it)
	}
	return out
}
