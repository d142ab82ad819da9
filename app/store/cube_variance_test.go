package store_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

// stratumOf is a response's stratum: the file's stratum (the design
// strata: column), else 시도 × size band (the default design).
func stratumOf(r *model.Response) string {
	if r.Stratum != "" {
		return r.Stratum
	}
	return r.Region + "|" + r.SizeBand
}

// seDirect is the same standard error computed over the raw responses, as
// statistics.md states it: z_i = w_i(y_i − R x_i)/X inside the domain and 0
// outside, centred within each stratum over all its responses.
func seDirect(rows []model.FirmResponse, yx func(*model.Response) (float64, float64), in func(*model.Response) bool) float64 {
	var x, y float64
	for i := range rows {
		if r := &rows[i].Response; in(r) {
			yi, xi := yx(r)
			x, y = x+r.Weight*xi, y+r.Weight*yi
		}
	}
	rate := y / x
	z := map[string][]float64{}
	for i := range rows {
		r := &rows[i].Response
		zi := 0.0
		if in(r) {
			yi, xi := yx(r)
			zi = r.Weight * (yi - rate*xi) / x
		}
		h := stratumOf(r)
		z[h] = append(z[h], zi)
	}
	var v float64
	for _, zs := range z {
		var mean float64
		for _, zi := range zs {
			mean += zi / float64(len(zs))
		}
		var ss float64
		for _, zi := range zs {
			ss += (zi - mean) * (zi - mean)
		}
		nh := float64(len(zs))
		v += nh / (nh - 1) * ss
	}
	return math.Sqrt(v)
}

// varianceRows are cubeWave's rows without the strata that hold a single
// response (their variance needs the lonely-stratum rule, not tested here).
// With column, each row has a stratum from the file that cuts across 시도
// × size band: its region group and industry.
func varianceRows(seed uint64, column bool) []model.FirmResponse {
	rows := cubeWave(seed)
	if column {
		withStrata(rows)
	}
	count := map[string]int{}
	for _, r := range rows {
		count[stratumOf(&r.Response)]++
	}
	return slices.DeleteFunc(rows, func(r model.FirmResponse) bool {
		return count[stratumOf(&r.Response)] < 2
	})
}

// withStrata gives each row a stratum from the file: its region group and
// industry.
func withStrata(rows []model.FirmResponse) {
	group := map[string]string{"11": "수도권", "41": "수도권", "26": "남부", "50": "남부"}
	for i := range rows {
		r := &rows[i].Response
		r.Stratum = group[r.Region] + "-" + r.Industry
	}
}

// The cube's sums suffice for the standard error of any measure over any
// domain: the estimates the cube serves for the national adoption rate,
// one 시도's, a 시도 × industry's and a size band's (domains, not cuts),
// the talent-gap rate and a use area's share agree with the direct
// computation over the stored responses, with strata of 시도 × size band
// and with strata from the file's column (stored with the moments).
func TestCubeMomentsGiveStandardErrors(t *testing.T) {
	for _, strata := range []string{configs.StrataRegionSize, configs.StrataColumn} {
		t.Run(strata, func(t *testing.T) { testMomentsGiveStandardErrors(t, strata) })
	}
}

func testMomentsGiveStandardErrors(t *testing.T, strata string) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		rows := varianceRows(41, strata == configs.StrataColumn)
		imp := loadCube(t, s, "W", "var", rows, false)
		d := configs.DefaultDesign()
		d.Strata = strata
		w := cubesOf(t, s, d).Waves()[0]
		if w.ID != imp.WaveID {
			t.Fatalf("cube of wave %d, loaded %d", w.ID, imp.WaveID)
		}
		measures := []struct {
			name string
			yx   func(*model.Response) (float64, float64)
		}{
			{cube.MeasureAdoption, func(r *model.Response) (float64, float64) {
				if model.Adopted(r.Stage) {
					return 1, 1
				}
				return 0, 1
			}},
			{cube.MeasureTalentGap, func(r *model.Response) (float64, float64) {
				var cur, need int
				if r.AIStaffCurrent != nil {
					cur = *r.AIStaffCurrent
				}
				if r.AIStaffNeeded != nil {
					need = *r.AIStaffNeeded
				}
				return float64(max(need-cur, 0)), float64(need)
			}},
			{cube.ChoiceMeasure(model.ChoiceUseArea, "품질검사"), func(r *model.Response) (float64, float64) {
				if slices.ContainsFunc(r.UseAreas, func(a model.ResponseUseArea) bool { return a.Code == "품질검사" }) {
					return 1, 1
				}
				return 0, 1
			}},
		}
		domains := []struct {
			name   string
			filter model.Filter
			resp   func(*model.Response) bool
		}{
			{"national", model.Filter{}, func(*model.Response) bool { return true }},
			{"부산", model.Filter{Region: "26"}, func(r *model.Response) bool { return r.Region == "26" }},
			{"부산 C", model.Filter{Region: "26", Industry: "C"}, func(r *model.Response) bool { return r.Region == "26" && r.Industry == "C" }},
			{"size 10-49", model.Filter{Size: "10-49"}, func(r *model.Response) bool { return r.SizeBand == "10-49" }},
		}
		for _, m := range measures {
			for _, d := range domains {
				t.Run(fmt.Sprintf("%s/%s", m.name, d.name), func(t *testing.T) {
					f := d.filter
					f.WaveID = w.ID
					cell, err := cube.NewSet([]*cube.Wave{w}).CellTotal(context.Background(), f)
					if err != nil {
						t.Fatal(err)
					}
					e, ok := cell.Est.Get(m.name)
					if !ok {
						t.Fatalf("no estimate of %s", m.name)
					}
					got, want := e.SE, seDirect(rows, m.yx, d.resp)
					if !(want > 0 && math.Abs(got-want) <= 1e-9*want) { // NaN fails too
						t.Errorf("SE from the cube %.12g, over the responses %.12g", got, want)
					}
				})
			}
		}
	})
}

// before0160 takes the schema back to before migration 0160: no stratum
// stored with the responses (their moments table is each case's).
var before0160 = []string{"ALTER TABLE responses DROP COLUMN stratum", "DELETE FROM schema_migrations WHERE version = 160"}

// Migrations 0120 (the cube's variance sums), 0150 (the moments'
// denominator counts) and 0160 (the moments per stratum from the file)
// rebuild the cube of every wave stored before them from the stored
// responses, in their transaction, to what a load writes.
func TestMigrationRebuildsCubes(t *testing.T) {
	for _, tt := range []struct {
		name   string
		before []string // the schema and cubes as they were before the migration
	}{
		// Before 0160 too: 0120's rebuild is left to 0160's, as the tables
		// cannot hold the cube's current shape yet.
		{"0120", append([]string{"DROP TABLE rollup_moments", "DELETE FROM schema_migrations WHERE version = 120",
			"UPDATE rollup_cells SET weight = 0"}, before0160...)},
		{"0150", []string{"UPDATE rollup_moments SET n = n + 1", "DELETE FROM schema_migrations WHERE version = 150"}},
		{"0160", append([]string{"DROP TABLE rollup_moments", "CREATE TABLE rollup_moments (wave_id BIGINT)",
			"UPDATE rollup_cells SET weight = 0"}, before0160...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.DB) {
				var ids []int64
				for i, seed := range []uint64{51, 52} {
					rows := cubeWave(seed)
					if i == 1 && tt.name == "0150" {
						withStrata(rows) // the others drop the column: rows before 0160 had none
					}
					ids = append(ids, loadCube(t, s, fmt.Sprintf("W%d", i), fmt.Sprintf("mig-%d", i), rows, false).WaveID)
				}
				want := map[int64]map[string][][]any{}
				for _, id := range ids {
					want[id] = cubeTables(t, s, id)
				}
				db := store.DBForTest(s)
				for _, q := range tt.before {
					if err := db.Exec(q).Error; err != nil {
						t.Fatal(err)
					}
				}
				if err := s.Ops.Migrate(context.Background()); err != nil {
					t.Fatal(err)
				}
				for _, id := range ids {
					sameCube(t, cubeTables(t, s, id), want[id])
				}
			})
		})
	}
}
