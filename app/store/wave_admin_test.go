package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// loadWithFile stores rows into wave as one import that keeps content as
// its original file.
func loadWithFile(t *testing.T, s *store.DB, wave string, content []byte, rows []model.FirmResponse) string {
	t.Helper()
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])
	l, err := s.Surveys.BeginLoad(context.Background(), store.LoadInput{Wave: wave,
		Import: model.Import{FileName: wave + ".xlsx", Format: "xlsx", SHA256: sha}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := l.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(model.Import{Rows: len(rows), Valid: len(rows), Format: "xlsx"}, bytes.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	return sha
}

func TestRenameAndDeleteWave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		r := resp("11", "C", 20, "도입", 1, 1000, 1, 2)
		r.Response.UseAreas = []model.ResponseUseArea{{Code: "생산공정"}}
		r.Response.Barriers = []model.ResponseBarrier{{Code: "비용부담"}}
		shaA := loadWithFile(t, s, "2025-H2", []byte("file a"), []model.FirmResponse{r, resp("26", "C", 5, "검토", 1, 0, 0, 0)})
		shaB := loadWithFile(t, s, "2026-H1", []byte("file b"), []model.FirmResponse{resp("11", "C", 20, "도입", 1, 1000, 1, 2)})
		a, _ := s.Surveys.WaveByName(ctx, "2025-H2")
		b, _ := s.Surveys.WaveByName(ctx, "2026-H1")
		if err := s.Surveys.RenameWave(ctx, a.ID, " 2025 하반기 "); err != nil {
			t.Fatal(err)
		}
		if w, err := s.Surveys.WaveByName(ctx, "2025 하반기"); err != nil || w.ID != a.ID {
			t.Errorf("renamed wave: %+v, %v", w, err)
		}
		for _, tt := range []struct {
			id   int64
			name string
			want error
		}{{b.ID, "2025 하반기", store.ErrWaveNameTaken}, {9999, "x", store.ErrNotFound}} {
			if err := s.Surveys.RenameWave(ctx, tt.id, tt.name); !errors.Is(err, tt.want) {
				t.Errorf("RenameWave(%d, %q) = %v, want %v", tt.id, tt.name, err, tt.want)
			}
		}
		for _, bad := range []string{"", "  ", "a\tb", "a\xffb", string(make([]rune, 65))} {
			if err := s.Surveys.RenameWave(ctx, a.ID, bad); err == nil {
				t.Errorf("RenameWave accepted %q", bad)
			}
		}
		got, err := s.Surveys.DeleteWave(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "2025 하반기" || got.Responses != 2 || got.Imports != 1 || got.Files != 1 {
			t.Errorf("DeleteWave = %+v", got)
		}
		for table, rows := range cubeTables(t, s, a.ID) { // the cube goes with the wave
			if len(rows) > 0 {
				t.Errorf("%s keeps %d rows of the deleted wave", table, len(rows))
			}
		}
		if _, err := s.Jobs.ImportFile(ctx, shaA); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the deleted wave's file is still kept: %v", err)
		}
		if _, err := s.Jobs.ImportFile(ctx, shaB); err != nil {
			t.Errorf("the other wave's file is gone: %v", err)
		}
		states, err := s.Surveys.WaveStates(ctx)
		if err != nil || len(states) != 1 || states[0].Name != "2026-H1" || states[0].Responses != 1 {
			t.Errorf("waves after delete: %+v, %v", states, err)
		}
		if _, err := s.Surveys.DeleteWave(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
		// The same file may be imported again once its wave is gone.
		loadWithFile(t, s, "2025-H2", []byte("file a"), []model.FirmResponse{resp("11", "C", 20, "도입", 1, 1000, 1, 2)})
	})
}
