package store_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestExemplarSearchIndex: migration 0180 builds the trigram index when
// pg_trgm can be created, and otherwise logs once and leaves the search
// to the same ILIKE without it; either way "챗봇" is found in a case text.
func TestExemplarSearchIndex(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	w := commitExemplars(t, s, "W",
		storetest.NewExemplar("가온정밀", "1000000001", "11", "고객응대", "챗봇 상담 도입 후 고객 응대 시간 40% 절감", true),
		storetest.NewExemplar("나래식품", "1000000002", "26", "생산공정", "스마트공장 공정 데이터로 불량률 12% 감소", true))
	db := store.DBForTest(s)
	if !hasIndex(t, s) {
		t.Error("migration 0180 built no trigram index where pg_trgm can be created")
	}
	for _, tt := range []struct {
		ext       string
		wantIndex bool
		wantWarns int
	}{
		{"pg_trgm", true, 0},
		{"pg_trgm_not_installed", false, 1},
	} {
		t.Run(tt.ext, func(t *testing.T) {
			if err := db.Exec("DROP INDEX IF EXISTS " + store.ExemplarSearchIndexName).Error; err != nil {
				t.Fatal(err)
			}
			var logged bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logged, nil))
			if err := store.ExemplarSearchIndexForTest(s, ctx, log, tt.ext); err != nil {
				t.Fatalf("the step failed instead of falling back: %v", err)
			}
			if n := strings.Count(logged.String(), "level=WARN"); n != tt.wantWarns {
				t.Errorf("%d warnings, want %d: %s", n, tt.wantWarns, logged.String())
			}
			if got := hasIndex(t, s); got != tt.wantIndex {
				t.Errorf("index present %t, want %t", got, tt.wantIndex)
			}
			firms, _, err := s.Surveys.SearchExemplars(ctx, model.ExemplarQuery{Filter: model.Filter{WaveID: w.ID}, Search: "챗봇", Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(firms) != 1 || firms[0].FirmName != "가온정밀" {
				t.Errorf("search 챗봇 = %+v, want 가온정밀", firms)
			}
		})
	}
}

// hasIndex says whether the store's schema holds migration 0180's index.
func hasIndex(t *testing.T, s *store.DB) bool {
	t.Helper()
	var n int64
	if err := store.DBForTest(s).Raw("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?",
		store.ExemplarSearchIndexName).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n == 1
}
