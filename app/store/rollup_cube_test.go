package store_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// cubeWave makes rows for every region × industry × size band, 0–6 per
// cell, shuffled so that cells interleave. Weights repeat from a small set
// of decimals (not binary fractions), so that running sums hit exactly half
// a cell's weight and rounding is exercised; costs repeat (ties), some are
// zero or missing, staff counts are sometimes empty.
func cubeWave(seed uint64) []model.FirmResponse {
	rng := rand.New(rand.NewPCG(seed, 3))
	weights := []float64{0.1, 0.2, 0.3, 0.7, 1, 1.5, 2.35}
	areas := []string{"생산공정", "품질검사", "마케팅"}
	barriers := []string{"비용부담", "전문인력부족", "데이터부족"}
	var rows []model.FirmResponse
	for _, region := range []string{"11", "26", "41", "50"} {
		for _, industry := range []string{"C", "J", "G"} {
			for _, emp := range []int{3, 15, 70, 150, 500} {
				for range rng.IntN(7) {
					r := model.Response{FirmName: "기업", Region: region, Industry: industry, Employees: emp,
						SizeBand: model.SizeBand(emp), Stage: model.Stages[rng.IntN(5)], Weight: weights[rng.IntN(len(weights))]}
					switch k := rng.IntN(10); {
					case k < 6:
						r.AdoptionCost = ptr(int64(1+rng.IntN(4)) * 2_500_000)
					case k < 8:
						r.AdoptionCost = ptr(int64(0))
					}
					if rng.IntN(2) == 0 {
						r.GovSupport = ptr(int64(rng.IntN(3)) * 1_000_000)
					}
					if rng.IntN(3) > 0 {
						r.AIStaffCurrent = ptr(rng.IntN(4))
					}
					if rng.IntN(3) > 0 {
						r.AIStaffNeeded = ptr(rng.IntN(6))
					}
					r.Exemplar = rng.IntN(6) == 0
					for _, a := range areas {
						if rng.IntN(2) == 0 {
							r.UseAreas = append(r.UseAreas, model.ResponseUseArea{Code: a})
						}
					}
					for _, b := range barriers {
						if rng.IntN(3) == 0 {
							r.Barriers = append(r.Barriers, model.ResponseBarrier{Code: b})
						}
					}
					rows = append(rows, model.FirmResponse{Response: r})
				}
			}
		}
	}
	rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	return rows
}

// loadCube streams rows into wave through the loader.
func loadCube(t *testing.T, s *store.DB, wave, sha string, rows []model.FirmResponse, replace bool) *model.Import {
	t.Helper()
	l := begin(t, s, wave, sha, replace, 7)
	defer l.Rollback()
	for i, r := range rows {
		if err := l.Add(r); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
	imp, err := l.Commit(model.Import{Rows: len(rows), Valid: len(rows)}, nil)
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return imp
}

// cubeTables reads a wave's rollup rows in key order (refreshed_at aside).
func cubeTables(t *testing.T, s *store.DB, waveID int64) map[string][][]any {
	t.Helper()
	queries := map[string]string{
		"rollup_cells": "SELECT region, industry, size_band, n, weight, w_none, w_review, w_pilot, w_adopted, w_scaled, " +
			"n_cost, w_cost, wx_cost, wx_support, median_cost, staff_current, staff_needed, staff_gap, n_exemplar " +
			"FROM rollup_cells WHERE wave_id = ? ORDER BY region, industry, size_band",
		"rollup_choices": "SELECT kind, region, industry, size_band, code, n, weight FROM rollup_choices " +
			"WHERE wave_id = ? ORDER BY kind, region, industry, size_band, code",
		"rollup_waves": "SELECT import_id, responses FROM rollup_waves WHERE wave_id = ?",
		"rollup_moments": "SELECT region, industry, size_band, stratum, measure, n, wx, wy, w2y2, w2xy, w2x2 FROM rollup_moments " +
			"WHERE wave_id = ? ORDER BY region, industry, size_band, stratum, measure",
	}
	out := map[string][][]any{}
	for name, q := range queries {
		rows, err := store.DBForTest(s).Raw(q, waveID).Rows()
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("scan %s: %v", name, err)
			}
			out[name] = append(out[name], vals)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// sameCube compares two reads of cubeTables: floats within 1e-9 relative
// (sums may add in another order), everything else exactly.
func sameCube(t *testing.T, got, want map[string][][]any) {
	t.Helper()
	for name, w := range want {
		g := got[name]
		if len(g) != len(w) {
			t.Errorf("%s: %d rows, the rebuild has %d", name, len(g), len(w))
			continue
		}
		for i := range w {
			for j := range w[i] {
				gf, gok := g[i][j].(float64)
				wf, wok := w[i][j].(float64)
				same := gok && wok && math.Abs(gf-wf) <= 1e-9*math.Max(math.Abs(wf), 1e-300)
				if !same && fmt.Sprint(g[i][j]) != fmt.Sprint(w[i][j]) {
					t.Errorf("%s row %d col %d: loader %v, rebuild %v\n  loader %v\n  SQL    %v",
						name, i, j, g[i][j], w[i][j], g[i], w[i])
				}
			}
		}
	}
}

// checkAgainstRebuild snapshots the wave's cube as the loader wrote it,
// rebuilds it from the stored responses (RebuildCube) and checks both are
// the same: what a load streams and what it stores give one cube.
func checkAgainstRebuild(t *testing.T, s *store.DB, waveID int64) map[string][][]any {
	t.Helper()
	loaded := cubeTables(t, s, waveID)
	if err := s.Surveys.RebuildCube(context.Background(), waveID); err != nil {
		t.Fatal(err)
	}
	sameCube(t, loaded, cubeTables(t, s, waveID))
	return loaded
}

func TestLoadedCubeMatchesRebuild(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		for seed := uint64(1); seed <= 4; seed++ {
			rows := cubeWave(seed)
			imp := loadCube(t, s, fmt.Sprintf("W%d", seed), fmt.Sprintf("cube-%d", seed), rows, false)
			cube := checkAgainstRebuild(t, s, imp.WaveID)
			medians := 0
			for _, c := range cube["rollup_cells"] {
				if c[14] != nil {
					medians++
				}
			}
			if len(cube["rollup_cells"]) < 60 || medians < 30 || len(cube["rollup_choices"]) < 100 {
				t.Errorf("seed %d: %d cells (%d with a median), %d choices: too few to test anything", seed,
					len(cube["rollup_cells"]), medians, len(cube["rollup_choices"]))
			}
			if w := cube["rollup_waves"]; len(w) != 1 || fmt.Sprint(w[0]) != fmt.Sprint([]any{imp.ID, int64(len(rows))}) {
				t.Errorf("seed %d: rollup_waves %v, want import %d with %d responses", seed, w, imp.ID, len(rows))
			}
		}
		// A load without rows has an empty cube and a version row.
		imp := loadCube(t, s, "empty", "cube-empty", nil, false)
		if cube := checkAgainstRebuild(t, s, imp.WaveID); len(cube["rollup_cells"]) != 0 || len(cube["rollup_waves"]) != 1 {
			t.Errorf("empty load: cube %v", cube)
		}
	})
}

// Replacing a wave's responses replaces its cube: nothing of the old rows
// remains, and other waves' cubes are left alone.
func TestReplacedCubeMatchesRebuild(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		old := loadCube(t, s, "W", "old", cubeWave(11), false)
		other := loadCube(t, s, "V", "other", cubeWave(12), false)
		otherCube := cubeTables(t, s, other.WaveID)
		fresh := cubeWave(13)
		imp := loadCube(t, s, "W", "new", fresh, true)
		if imp.WaveID != old.WaveID {
			t.Fatalf("replace moved the wave: %d → %d", old.WaveID, imp.WaveID)
		}
		cube := checkAgainstRebuild(t, s, imp.WaveID)
		if w := cube["rollup_waves"]; len(w) != 1 || fmt.Sprint(w[0]) != fmt.Sprint([]any{imp.ID, int64(len(fresh))}) {
			t.Errorf("rollup_waves %v, want import %d with %d responses", w, imp.ID, len(fresh))
		}
		sameCube(t, cubeTables(t, s, other.WaveID), otherCube)
		// Replacing with nothing leaves an empty cube.
		imp = loadCube(t, s, "W", "none", nil, true)
		if cube := checkAgainstRebuild(t, s, imp.WaveID); len(cube["rollup_cells"]) != 0 || len(cube["rollup_choices"]) != 0 {
			t.Errorf("replaced by nothing: %d cells, %d choices", len(cube["rollup_cells"]), len(cube["rollup_choices"]))
		}
	})
}

// '*' marks the cube's roll-ups, so a response may not hold it in a
// dimension: the load refuses the row and stores nothing.
func TestLoadRefusesReservedCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		for _, set := range []func(r *model.Response){
			func(r *model.Response) { r.Region = cube.All },
			func(r *model.Response) { r.Industry = cube.All },
			func(r *model.Response) { r.SizeBand = cube.All },
		} {
			rows := cubeWave(21)
			set(&rows[len(rows)/2].Response)
			l := begin(t, s, "W", "star", false, 7)
			var err error
			for i := 0; i < len(rows) && err == nil; i++ {
				err = l.Add(rows[i])
			}
			if !errors.Is(err, cube.ErrReservedCode) {
				t.Errorf("Add of a '*' row = %v, want ErrReservedCode", err)
			}
			l.Rollback()
			if waves, err := s.Surveys.Waves(context.Background()); err != nil || len(waves) != 0 {
				t.Errorf("after the refused load: waves %+v, %v", waves, err)
			}
		}
	})
}
