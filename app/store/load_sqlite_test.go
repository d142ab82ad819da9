package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// An SQLite load borrows a connection of the pool and turns its foreign
// keys off: however the load ends, the connection goes back with them on,
// its temp_store as it was and no transaction open. The pool is cut to one
// connection, so that the load must take the very connection checked
// afterwards (and would hang were it to use the pool meanwhile, keeping
// the original file included).
func TestSQLiteLoadGivesConnectionBack(t *testing.T) {
	cases := []struct {
		name string
		load func(t *testing.T, s *store.DB) error // the error the load ended with
	}{
		{"committed", func(t *testing.T, s *store.DB) error {
			content := []byte("a kept workbook")
			sum := sha256.Sum256(content)
			l := begin(t, s, "W2", hex.EncodeToString(sum[:]), false, 3)
			for i := 0; i < 7; i++ {
				if err := l.Add(loadRow(i, fmt.Sprintf("30000000%02d", i))); err != nil {
					t.Fatal(err)
				}
			}
			_, err := l.Commit(model.Import{Rows: 7, Valid: 7}, bytes.NewReader(content))
			return err
		}},
		{"rolled back", func(t *testing.T, s *store.DB) error {
			l := begin(t, s, "W2", "rolled-back", false, 2)
			for i := 0; i < 5; i++ {
				if err := l.Add(loadRow(i, "")); err != nil {
					t.Fatal(err)
				}
			}
			return l.Rollback()
		}},
		{"constraint", func(t *testing.T, s *store.DB) error {
			l := begin(t, s, "W2", "constraint", false, 2)
			r := loadRow(0, "")
			r.Response.UseAreas = []model.ResponseUseArea{{Code: "보안"}, {Code: "보안"}}
			_ = l.Add(r)
			err := l.Add(loadRow(1, ""))
			_ = l.Rollback()
			return err
		}},
		{"cancelled", func(t *testing.T, s *store.DB) error {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: "W2", Batch: 2, Import: model.Import{SHA256: "cancelled"}})
			if err != nil {
				t.Fatal(err)
			}
			err = addCancelling(l, 6, 3, cancel)
			_ = l.Rollback()
			return err
		}},
		{"refused at begin", func(t *testing.T, s *store.DB) error {
			_, err := s.Surveys.BeginLoad(context.Background(), store.LoadInput{Wave: "W", Import: model.Import{SHA256: "seeded"}})
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := storetest.SQLite(t)
			l := begin(t, s, "W", "seeded", false, 2)
			if err := l.Add(loadRow(0, "1000000001")); err != nil {
				t.Fatal(err)
			}
			if _, err := l.Commit(model.Import{Rows: 1, Valid: 1}, nil); err != nil {
				t.Fatal(err)
			}
			sqlDB, err := store.DBForTest(s).DB()
			if err != nil {
				t.Fatal(err)
			}
			sqlDB.SetMaxOpenConns(1)
			err = c.load(t, s)
			if want := c.name != "committed" && c.name != "rolled back"; (err != nil) != want {
				t.Fatalf("the load ended with %v; want an error: %v", err, want)
			}
			if n := sqlDB.Stats().InUse; n != 0 {
				t.Fatalf("%d connections still in use", n)
			}
			ctx := context.Background()
			conn, err := sqlDB.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			for _, p := range []struct {
				pragma string
				want   int
			}{{"foreign_keys", 1}, {"temp_store", 0}} {
				var got int
				if err := conn.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil || got != p.want {
					t.Errorf("PRAGMA %s = %d, %v after the load; want %d", p.pragma, got, err, p.want)
				}
			}
			if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
				t.Fatalf("a transaction after the load: %v", err)
			}
			if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A load looks firms up many numbers per statement on SQLite: numbers met
// in earlier loads, numbers new to this one and repeats across and within
// its batches all end on one firm each, around the look-up's run size (64).
func TestLoadFindsFirmsInRuns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		for k, known := range []int{1, 63, 64, 65, 130} {
			testFirmsInRuns(t, s, k, known)
		}
	})
}

// testFirmsInRuns loads known numbers into a wave, then twice as many
// (those and as many new ones) twice over into another, and checks that
// every number has one firm and the second wave's rows reach them all.
func testFirmsInRuns(t *testing.T, s *store.DB, k, known int) {
	t.Helper()
	no := func(i int) string { return fmt.Sprintf("%010d", 2_000_000_000+1000*k+i) }
	first, second := fmt.Sprintf("F%d", k), fmt.Sprintf("S%d", k)
	l := begin(t, s, first, first, false, 50)
	for i := 0; i < known; i++ {
		if err := l.Add(loadRow(i, no(i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(model.Import{Rows: known, Valid: known}, nil); err != nil {
		t.Fatal(err)
	}
	total := 2 * known
	l = begin(t, s, second, second, false, 50)
	for pass := 0; pass < 2; pass++ {
		for i := 0; i < total; i++ {
			if err := l.Add(loadRow(i, no(i))); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := l.Commit(model.Import{Rows: 2 * total, Valid: 2 * total}, nil); err != nil {
		t.Fatal(err)
	}
	var firms, linked int64
	db := store.DBForTest(s)
	prefix := fmt.Sprintf("%07d%%", 2_000_000+k)
	if err := db.Raw("SELECT COUNT(*) FROM firms WHERE business_no LIKE ?", prefix).Scan(&firms).Error; err != nil {
		t.Fatal(err)
	}
	if int(firms) != total {
		t.Errorf("%d known: %d firms, want %d: one per number", known, firms, total)
	}
	q := "SELECT COUNT(DISTINCT r.firm_id) FROM responses r JOIN firms f ON f.id = r.firm_id " +
		"JOIN waves w ON w.id = r.wave_id WHERE w.name = ? AND f.business_no LIKE ?"
	if err := db.Raw(q, second, prefix).Scan(&linked).Error; err != nil {
		t.Fatal(err)
	}
	if int(linked) != total {
		t.Errorf("%d known: the second wave's rows link to %d firms, want %d", known, linked, total)
	}
}
