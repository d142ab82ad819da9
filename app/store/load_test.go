package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// loadRow is a response with every field set, i%3 use areas and i%2
// barriers, so that both multi-select tables see varying counts.
func loadRow(i int, no string) model.FirmResponse {
	r := resp([]string{"11", "26", "41"}[i%3], "C", 5+i, model.Stages[i%5], 1+float64(i%4)/4, int64(1_000_000*(i+1)), i%3, i%4)
	r.BusinessNo = no
	r.Response.SourceRow = i + 5
	r.Response.FirmName = fmt.Sprintf("기업 %d", i)
	r.Response.Sigungu = "강남구"
	r.Response.Revenue = ptr(int64(9_000_000_000 + i))
	r.Response.GovSupport = ptr(int64(i * 1000))
	r.Response.ProductivityGain = ptr(float64(i) / 8)
	r.Response.Exemplar = i%2 == 0
	r.Response.ExemplarNote = "note 'x' ; --"
	r.Response.SurveyedOn = ptr(time.Date(2026, 3, 1+i%28, 0, 0, 0, 0, time.UTC))
	for k := 0; k < i%3; k++ {
		r.Response.UseAreas = append(r.Response.UseAreas, model.ResponseUseArea{Code: fmt.Sprintf("area%d", k)})
	}
	for k := 0; k < i%2; k++ {
		r.Response.Barriers = append(r.Response.Barriers, model.ResponseBarrier{Code: "cost"})
	}
	return r
}

func begin(t *testing.T, s *store.DB, wave, sha string, replace bool, batch int) *store.Load {
	t.Helper()
	l, err := s.Surveys.BeginLoad(context.Background(), store.LoadInput{Wave: wave, Replace: replace, Batch: batch,
		Import: model.Import{FileName: sha + ".xlsx", Format: "xlsx", SHA256: sha, Sheet: "조사표", HeaderRow: 4}})
	if err != nil {
		t.Fatalf("BeginLoad(%s, %s): %v", wave, sha, err)
	}
	return l
}

// loadN commits rows 0..n-1 into wave in one load and returns the import.
func loadN(t *testing.T, s *store.DB, wave, sha string, n int, replace bool) *model.Import {
	t.Helper()
	l := begin(t, s, wave, sha, replace, 3)
	for i := 0; i < n; i++ {
		if err := l.Add(loadRow(i, "")); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
	imp, err := l.Commit(model.Import{Rows: n, Valid: n}, nil)
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return imp
}

// snapshot is, per table, its row count and an order-independent checksum
// of every row's values.
func snapshot(t *testing.T, s *store.DB) map[string]string {
	t.Helper()
	db := store.DBForTest(s)
	q := "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
	if s.Ops.Dialect() == store.DialectPostgres {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
	}
	var names []string
	if err := db.Raw(q).Scan(&names).Error; err != nil || len(names) < 7 {
		t.Fatalf("list tables = %v, %v", names, err)
	}
	out := map[string]string{}
	for _, name := range names {
		rows, err := db.Raw(`SELECT * FROM "` + name + `"`).Rows()
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		cols, _ := rows.Columns()
		vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var n int
		var sum uint64
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("scan %s: %v", name, err)
			}
			h := sha256.Sum256(fmt.Appendf(nil, "%q", vals))
			sum += binary.BigEndian.Uint64(h[:8])
			n++
		}
		rows.Close()
		out[name] = fmt.Sprintf("%d rows, checksum %016x", n, sum)
	}
	return out
}

func sameSnapshot(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for name, b := range before {
		if after[name] != b {
			t.Errorf("%s: table %s changed: %s → %s", what, name, b, after[name])
		}
	}
	if len(after) != len(before) {
		t.Errorf("%s: tables %d → %d", what, len(before), len(after))
	}
}

// seed stores a wave with a kept original file, so that a failed load has
// something in every table to leave alone.
func seed(t *testing.T, s *store.DB) {
	t.Helper()
	content := []byte("original workbook bytes")
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])
	l := begin(t, s, "W", sha, false, 2)
	for i := 0; i < 5; i++ {
		if err := l.Add(loadRow(i, fmt.Sprintf("10000000%02d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(model.Import{Rows: 5, Valid: 5}, bytes.NewReader(content)); err != nil {
		t.Fatal(err)
	}
}

func TestLoadRollbackLeavesEveryTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		seed(t, s)
		before := snapshot(t, s)
		for _, c := range []struct {
			wave    string
			replace bool
		}{{"W", true}, {"W2", false}} {
			l := begin(t, s, c.wave, "new-"+c.wave, c.replace, 4)
			for i := 0; i < 14; i++ { // three batches written, two rows buffered
				if err := l.Add(loadRow(i, fmt.Sprintf("20000000%02d", i%5))); err != nil {
					t.Fatalf("Add %d: %v", i, err)
				}
			}
			if err := l.Rollback(); err != nil {
				t.Fatalf("Rollback: %v", err)
			}
			if err := l.Rollback(); err != nil {
				t.Fatalf("second Rollback: %v", err)
			}
			if _, err := l.Commit(model.Import{}, nil); !errors.Is(err, store.ErrLoadDone) {
				t.Fatalf("Commit after Rollback: err = %v, want ErrLoadDone", err)
			}
			sameSnapshot(t, "rollback into "+c.wave, before, snapshot(t, s))
		}
	})
}

func TestLoadFailureLeavesEveryTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		seed(t, s)
		before := snapshot(t, s)
		l := begin(t, s, "W", "bad-row", true, 2)
		var failedAt int
		for i := 0; i < 10 && failedAt == 0; i++ {
			r := loadRow(i, "")
			if i == 4 { // a duplicate code breaks a primary key in the third batch
				r.Response.UseAreas = []model.ResponseUseArea{{Code: "보안"}, {Code: "보안"}}
			}
			if err := l.Add(r); err != nil {
				failedAt = i
			}
		}
		if failedAt != 5 {
			t.Fatalf("Add failed at row %d, want 5 (the batch holding row 4)", failedAt)
		}
		if err := l.Add(loadRow(9, "")); err == nil {
			t.Error("Add after a failure succeeded")
		}
		if _, err := l.Commit(model.Import{}, nil); err == nil {
			t.Error("Commit after a failure succeeded")
		}
		if err := l.Rollback(); err != nil {
			t.Errorf("Rollback after a failure: %v", err)
		}
		sameSnapshot(t, "constraint failure", before, snapshot(t, s))

		// A failure inside Commit: the original file is not the one hashed.
		l = begin(t, s, "W3", "not-the-hash", false, 2)
		for i := 0; i < 5; i++ {
			if err := l.Add(loadRow(i, "")); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.Commit(model.Import{Rows: 5}, bytes.NewReader([]byte("other"))); err == nil {
			t.Fatal("Commit with a mismatched original succeeded")
		}
		sameSnapshot(t, "commit failure", before, snapshot(t, s))
	})
}

func TestLoadRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		loadN(t, s, "W", "s1", 3, false)
		before := snapshot(t, s)
		// More refusals than the pool has connections: each must release its own.
		for i := 0; i < 6; i++ {
			_, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: "other", Import: model.Import{SHA256: "s1"}})
			if !errors.Is(err, store.ErrDuplicateFile) {
				t.Fatalf("same file: err = %v, want ErrDuplicateFile", err)
			}
			_, err = s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: "W", Import: model.Import{SHA256: "s2"}})
			if !errors.Is(err, store.ErrWaveExists) {
				t.Fatalf("existing wave: err = %v, want ErrWaveExists", err)
			}
		}
		sameSnapshot(t, "refusals", before, snapshot(t, s))
		loadN(t, s, "W", "s2", 4, true)
		loadN(t, s, "empty", "s3", 0, false)
		loadN(t, s, "empty", "s4", 2, false) // a wave without responses needs no replace
		waves, err := s.Surveys.Waves(ctx)
		if err != nil || len(waves) != 2 || waves[0].Responses != 4 || waves[1].Responses != 2 {
			t.Fatalf("waves = %+v, %v; want W with 4 and empty with 2", waves, err)
		}
	})
}
