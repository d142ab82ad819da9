package disclosure

import (
	"math/rand/v2"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/configs"
)

// testConfig is the configuration's defaults (configs/axdash.yaml).
func testConfig() configs.FiguresConfig {
	return configs.FiguresConfig{SuppressBelow: 5, Disclosure: configs.DisclosureConfig{
		CountNoise: 1, RateNoise: 1.5, MagnitudeNoise: 0.5, DominanceP: 10, MedianMin: 10, MedianDigits: 2}}
}

// firm is one response of the test waves: where it is, whether it adopted,
// its cost and AI staff, and its record key.
type firm struct {
	region, industry, size string
	adopted                bool
	cost                   int64 // 0: none
	staff, need            int
	key                    int
	barrier                string
}

func (f firm) response() *model.Response {
	r := &model.Response{Region: f.region, Industry: f.industry, SizeBand: f.size, Stage: "미도입", Weight: 2,
		RecordKey: f.key, AIStaffCurrent: &f.staff, AIStaffNeeded: &f.need}
	if f.adopted {
		r.Stage = "도입"
	}
	if f.cost > 0 {
		c, s := f.cost, f.cost/4
		r.AdoptionCost, r.GovSupport = &c, &s
	}
	if f.barrier != "" {
		r.Barriers = []model.ResponseBarrier{{Code: f.barrier}}
	}
	return r
}

// waveOf builds wave 1's cube from firms.
func waveOf(t *testing.T, firms []firm) *cube.Wave { return waveWith(t, firms, nil) }

// waveWith builds wave 1's cube from firms, with exemplar firms listed.
func waveWith(t *testing.T, firms []firm, exemplars []model.ExemplarFirm) *cube.Wave {
	t.Helper()
	b := cube.NewBuilder()
	for _, f := range firms {
		if err := b.Add(f.response()); err != nil {
			t.Fatal(err)
		}
	}
	rows := b.Build(false)
	rows.Exemplars = exemplars
	return cube.NewWave(1, "2026-H1", 1, rows, configs.DefaultDesign())
}

// thinWave is a wave of many firms over two 시도, two industries and two
// size bands, with thin cells: 41 × L × 300+ holds one firm. Keys, costs and
// answers come from a seeded generator, so every run sees the same wave.
func thinWave(t *testing.T) (*cube.Wave, []firm) {
	t.Helper()
	rng := rand.New(rand.NewPCG(16, 16))
	var firms []firm
	add := func(region, industry, size string, n int) {
		for range n {
			f := firm{region: region, industry: industry, size: size, adopted: rng.IntN(3) == 0,
				staff: rng.IntN(3), need: rng.IntN(5), key: rng.IntN(KeyRange)}
			if f.adopted {
				f.cost = 1_000_000 * int64(1+rng.IntN(50))
				f.barrier = "비용부담"
			}
			firms = append(firms, f)
		}
	}
	add("11", "C", "1-9", 40)
	add("11", "L", "1-9", 12)
	add("41", "C", "1-9", 30)
	add("41", "L", "1-9", 5)
	add("41", "L", "300+", 1)
	add("11", "C", "300+", 3)
	return waveOf(t, firms), firms
}

// views serves both views of w.
func views(w *cube.Wave) (public, internal *View) {
	p := New(testConfig())
	set := cube.NewSet([]*cube.Wave{w})
	vs := map[int64]*Views{w.ID: p.Protect(w)}
	return p.NewView(set, vs, true), p.NewView(set, vs, false)
}
