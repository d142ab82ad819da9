package store_test

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

func ptr[T any](v T) *T { return &v }

// resp builds a response with the fields the aggregates read.
func resp(region, industry string, employees int, stage string, weight float64, cost int64, cur, need int) model.FirmResponse {
	r := model.Response{
		FirmName: "기업 " + region, Region: region, Industry: industry, Employees: employees,
		SizeBand: model.SizeBand(employees), Stage: stage, Weight: weight,
		AIStaffCurrent: ptr(cur), AIStaffNeeded: ptr(need),
	}
	if cost > 0 {
		r.AdoptionCost = ptr(cost)
	}
	return model.FirmResponse{Response: r}
}

func commit(t *testing.T, s *store.DB, wave, sha string, rows []model.FirmResponse, replace bool) (*model.Import, error) {
	t.Helper()
	return s.Surveys.CommitImport(context.Background(), store.CommitInput{
		Wave: wave, Replace: replace, Batch: 2,
		Import: model.Import{FileName: "f.xlsx", Format: "xlsx", SHA256: sha, Rows: len(rows), Valid: len(rows)},
		Rows:   rows,
	})
}

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		if err := s.Ops.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		v, err := s.Ops.SchemaVersion(ctx)
		if want := latestMigration(t); err != nil || v != want {
			t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, want)
		}
	})
}

// A new SQLite database gets 16 KiB pages (see sqliteDSN); one made before
// keeps the page size it has, and opening it again changes nothing.
func TestSQLitePageSize(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old")
	if err := os.MkdirAll(old, 0o750); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", filepath.Join(old, "axdash.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	for _, tt := range []struct {
		dir  string
		want int
	}{{filepath.Join(dir, "new"), 16384}, {old, 4096}} {
		s, err := store.Open(context.Background(), configs.DatabaseConfig{DataDir: tt.dir}, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		var got int
		if err := store.DBForTest(s).Raw("PRAGMA page_size").Row().Scan(&got); err != nil || got != tt.want {
			t.Errorf("%s: page_size = %d, %v; want %d", filepath.Base(tt.dir), got, err, tt.want)
		}
		_ = s.Close()
	}
}

// latestMigration is the highest version among the migration files.
func latestMigration(t *testing.T) int {
	t.Helper()
	files, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	latest := 0
	for _, f := range files {
		if v, err := strconv.Atoi(strings.SplitN(f.Name(), "_", 2)[0]); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}

func TestCommitImportRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		rows := []model.FirmResponse{resp("11", "C", 5, "도입", 1, 0, 0, 0)}
		rows[0].BusinessNo = "1248100998"
		rows[0].Response.UseAreas = []model.ResponseUseArea{{Code: "품질검사"}, {Code: "마케팅"}}
		imp, err := commit(t, s, "2026-H1", "aa", rows, false)
		if err != nil || imp.Stored != 1 || imp.Status != model.StatusStored {
			t.Fatalf("first commit = %+v, %v", imp, err)
		}
		if _, err := commit(t, s, "2026-H2", "aa", rows, false); !errors.Is(err, store.ErrDuplicateFile) {
			t.Fatalf("same file again: err = %v, want ErrDuplicateFile", err)
		}
		if _, err := commit(t, s, "2026-H1", "bb", rows, false); !errors.Is(err, store.ErrWaveExists) {
			t.Fatalf("existing wave: err = %v, want ErrWaveExists", err)
		}
		two := append(rows, resp("26", "J", 20, "검토", 1, 0, 0, 0))
		if _, err := commit(t, s, "2026-H1", "cc", two, true); err != nil {
			t.Fatalf("replace: %v", err)
		}
		waves, err := s.Surveys.Waves(ctx)
		if err != nil || len(waves) != 1 || waves[0].Responses != 2 {
			t.Fatalf("waves after replace = %+v, %v; want one wave with 2 responses", waves, err)
		}
		// The same business number in another wave links to the same firm.
		if _, err := commit(t, s, "2026-H2", "dd", rows, false); err != nil {
			t.Fatalf("second wave: %v", err)
		}
		ex, err := s.Surveys.ExemplarFirms(ctx, model.Filter{WaveID: waves[0].ID}, 10)
		if err != nil || len(ex) != 0 {
			t.Fatalf("exemplars = %v, %v; want none", ex, err)
		}
	})
}

func TestCommitImportIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		rows := []model.FirmResponse{resp("11", "C", 5, "도입", 1, 0, 0, 0), resp("11", "C", 5, "도입", 1, 0, 0, 0)}
		// A duplicated multi-select code violates the primary key late in
		// the transaction, after the wave, firms and responses were written.
		rows[1].Response.UseAreas = []model.ResponseUseArea{{Code: "보안"}, {Code: "보안"}}
		if _, err := commit(t, s, "W", "ee", rows, false); err == nil {
			t.Fatal("commit with a constraint violation succeeded")
		}
		waves, err := s.Surveys.Waves(ctx)
		if err != nil || len(waves) != 0 {
			t.Fatalf("after a failed commit waves = %+v, %v; want none", waves, err)
		}
		if empty, err := s.Surveys.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("IsEmpty = %v, %v; want true", empty, err)
		}
	})
}

func TestAggregates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		rows := []model.FirmResponse{
			resp("11", "C", 5, "도입", 2, 10_000_000, 1, 3),
			resp("11", "C", 20, "확산", 1, 40_000_000, 2, 2),
			resp("11", "J", 60, "미도입", 1, 0, 0, 1),
			resp("11", "J", 5, "시범도입", 4, 20_000_000, 0, 0),
			resp("26", "C", 400, "검토", 3, 0, 5, 4),
		}
		imp, err := commit(t, s, "W", "ff", rows, false)
		if err != nil {
			t.Fatal(err)
		}
		f := model.Filter{WaveID: imp.WaveID}
		src := cubes(t, s)
		rates, err := src.CellsBy(ctx, cube.ByRegion, f)
		if err != nil || len(rates) != 2 {
			t.Fatalf("CellsBy region = %+v, %v", rates, err)
		}
		if r := rates[0]; r.Key != "11" || r.N != 4 || r.Weight != 8 || r.AdoptedWeight() != 3 {
			t.Errorf("seoul = %+v; want n=4 total=8 adopted=3", r)
		}
		costs, err := src.CellsBy(ctx, cube.BySize, f)
		if err != nil {
			t.Fatal(err)
		}
		// Band 1-9 holds costs 10M (w2) and 20M (w4): mean 50/3 M, median 20M
		// (cumulative weight 2 < 3, then 6 ≥ 3).
		if c := costs[0]; c.Key != "1-9" || c.NCost != 2 || math.Abs(c.WXCost/c.WCost-50e6/3) > 1 ||
			c.MedianCost == nil || *c.MedianCost != 20_000_000 {
			t.Errorf("cost 1-9 = %+v", c)
		}
		talent, err := src.CellsBy(ctx, cube.ByRegion, model.Filter{WaveID: imp.WaveID, Industry: "C"})
		if err != nil {
			t.Fatal(err)
		}
		// Seoul manufacturing: current 2·1+1·2 = 4, needed 2·3+1·2 = 8, gap 2·2 = 4.
		if g := talent[0]; g.Key != "11" || g.N != 2 || g.Current != 4 || g.Needed != 8 || g.Gap != 4 {
			t.Errorf("talent seoul C = %+v", g)
		}
		if _, err := src.CellsBy(ctx, "region; DROP TABLE responses", f); err == nil {
			t.Error("an unknown group was accepted")
		}
	})
}
