package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
	"axdash/configs"
)

// Two waves. Wave 1 has two regions at n = 4 (both suppressed, so neither
// needs a partner) and one at n = 5 (shown); in wave 2 the lone n = 4 region
// forces the n = 5 region to be hidden with it.
var refWaves = []struct {
	name   string
	seed   uint64
	counts map[string]int
}{
	{"2025-H2", 11, map[string]int{"11": 40, "26": 25, "41": 60, "36": 5, "50": 4, "30": 4, "28": 12}},
	{"2026-H1", 12, map[string]int{"11": 30, "41": 50, "36": 5, "50": 4, "27": 9}},
}

var refFilters = []model.Filter{
	{}, {Region: "11"}, {Industry: "C"}, {Size: "10-49"}, {Region: "41", Industry: "C"}, {Region: "50"}, {Industry: "Z"},
}

// refData commits the reference waves and returns their rows and ids.
func refData(t *testing.T, s *store.DB) ([][]model.FirmResponse, []int64) {
	t.Helper()
	var all [][]model.FirmResponse
	var ids []int64
	for i, w := range refWaves {
		rows := randomWave(w.seed, w.counts)
		imp, err := commit(t, s, w.name, fmt.Sprintf("ref-%d", i), rows, false)
		if err != nil {
			t.Fatal(err)
		}
		all, ids = append(all, rows), append(ids, imp.WaveID)
	}
	return all, ids
}

func TestRollupCellsMatchReference(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		waves, ids := refData(t, s)
		src := cubes(t, s)
		for wi, rows := range waves {
			for _, f := range refFilters {
				f.WaveID = ids[wi]
				for _, dim := range []string{cube.ByRegion, cube.ByIndustry, cube.BySize} {
					got, err := src.CellsBy(ctx, dim, f)
					if err != nil {
						t.Fatal(err)
					}
					want := refCells(rows, dim, f)
					if len(got) != len(want) {
						t.Errorf("wave %d %+v by %s: %d cells, want %d", wi, f, dim, len(got), len(want))
					}
					for _, g := range got {
						checkCell(t, fmt.Sprintf("wave %d %+v %s=%s", wi, f, dim, g.Key), g, want[g.Key])
					}
				}
				total, err := src.CellTotal(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				checkCell(t, fmt.Sprintf("wave %d %+v total", wi, f), total, refCells(rows, "", f)[""])
				checkChoices(t, src, rows, f)
			}
		}
	})
}

func checkCell(t *testing.T, what string, got model.Cell, want *refCell) {
	t.Helper()
	if want == nil {
		if got.N != 0 {
			t.Errorf("%s: got n=%d, want no responses", what, got.N)
		}
		return
	}
	w := want.Cell
	ints := [][2]int{{got.N, w.N}, {got.NCost, w.NCost}, {got.NExemplar, w.NExemplar}}
	floats := [][2]float64{{got.Weight, w.Weight}, {got.WNone, w.WNone}, {got.WReview, w.WReview}, {got.WPilot, w.WPilot},
		{got.WAdopted, w.WAdopted}, {got.WScaled, w.WScaled}, {got.WCost, w.WCost}, {got.WXCost, w.WXCost},
		{got.WXSupport, w.WXSupport}, {got.Current, w.Current}, {got.Needed, w.Needed}, {got.Gap, w.Gap}}
	for i, p := range ints {
		if p[0] != p[1] {
			t.Errorf("%s: count #%d = %d, want %d", what, i, p[0], p[1])
		}
	}
	for i, p := range floats {
		if !near(p[0], p[1]) {
			t.Errorf("%s: sum #%d = %v, want %v", what, i, p[0], p[1])
		}
	}
	if (got.MedianCost == nil) != (w.MedianCost == nil) || (got.MedianCost != nil && *got.MedianCost != *w.MedianCost) {
		t.Errorf("%s: median = %v, want %v", what, medianOf(got.MedianCost), medianOf(w.MedianCost))
	}
}

func checkChoices(t *testing.T, src *cube.Set, rows []model.FirmResponse, f model.Filter) {
	t.Helper()
	for _, kind := range []string{model.ChoiceBarrier, model.ChoiceUseArea} {
		got, err := src.Choices(context.Background(), kind, f)
		if err != nil {
			t.Fatal(err)
		}
		want := refChoices(rows, kind, f)
		if len(got) != len(want) {
			t.Errorf("%s %+v: %d codes, want %d", kind, f, len(got), len(want))
		}
		for _, g := range got {
			if w := want[g.Code]; g.N != w.N || !near(g.Weight, w.Weight) {
				t.Errorf("%s %+v %s = %+v, want %+v", kind, f, g.Code, g, w)
			}
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func medianOf(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestTrendMatchesReference(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		waves, _ := refData(t, s)
		f := model.Filter{Industry: "C"}
		got, err := cubes(t, s).TrendBy(context.Background(), cube.ByRegion, f)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for wi, rows := range waves {
			want := refCells(rows, "region", f)
			n += len(want)
			for _, g := range got {
				if g.Wave == refWaves[wi].name {
					checkCell(t, fmt.Sprintf("trend %s %s", g.Wave, g.Key), g, want[g.Key])
				}
			}
		}
		if len(got) != n {
			t.Errorf("trend has %d cells, want %d", len(got), n)
		}
	})
}

func newCatalogue(t *testing.T) *charts.Catalogue {
	t.Helper()
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	return charts.New(survey, regions, configs.FiguresConfig{SuppressBelow: 5, Source: "test"})
}

// cubes reads every wave's cube: the figures' source.
func cubes(t testing.TB, s *store.DB) *cube.Set {
	t.Helper()
	return cubesOf(t, s, configs.DefaultDesign())
}

// cubesOf is cubes under the sample design d.
func cubesOf(t testing.TB, s *store.DB, d configs.Design) *cube.Set {
	t.Helper()
	states, err := s.Surveys.WaveStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	set, err := s.Surveys.Cubes(context.Background(), states, d)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// The exemplar figure lists firms from memory: the wave's ranked list
// filtered in order, which must be what the ranked query with the filter
// and the limit gives (ties in gain broken by name, then id).
func TestCubeExemplarsMatchQuery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		rows := cubeWave(31)
		for i := range rows {
			r := &rows[i].Response
			r.Exemplar, r.FirmName = i%3 > 0, fmt.Sprintf("기업%02d", i%7)
			if i%4 > 0 {
				gain := float64(i % 5)
				r.ProductivityGain = &gain
			}
		}
		imp := loadCube(t, s, "W", "ex", rows, false)
		src := cubes(t, s)
		for _, f := range []model.Filter{{}, {Region: "26"}, {Industry: "J", Size: "50-99"}, {Region: "41", Industry: "C", Size: "1-9"}, {Region: "99"}} {
			for _, limit := range []int{1, 5, 200} {
				f.WaveID = imp.WaveID
				got, err := src.ExemplarFirms(context.Background(), f, limit)
				if err != nil {
					t.Fatal(err)
				}
				want, err := s.Surveys.ExemplarFirms(context.Background(), f, limit)
				if err != nil {
					t.Fatal(err)
				}
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				if string(g) != string(w) || (len(want) == 0) != (f.Region == "99") {
					t.Errorf("%+v limit %d: from memory %d firms %s\nquery %d firms %s", f, limit, len(got), g, len(want), w)
				}
			}
		}
	})
}
