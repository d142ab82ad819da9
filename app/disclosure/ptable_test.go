package disclosure

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The p-table's noise over a uniform position: mean exactly zero (the
// perturbation is unbiased), a standard deviation near one, bounded, and
// increasing in the position (the normal's quantiles).
func TestPTableMoments(t *testing.T) {
	tab := NewPTable()
	var sum, sq, worst float64
	for i, d := range tab {
		sum += d
		sq += d * d
		worst = max(worst, math.Abs(d))
		if i > 0 && d <= tab[i-1] {
			t.Errorf("position %d: %v after %v, want increasing", i, d, tab[i-1])
		}
	}
	mean, sd := sum/TableSize, math.Sqrt(sq/TableSize)
	tests := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"mean", mean, 0, 1e-12},
		{"standard deviation", sd, 0.997, 0.001},
		{"largest noise", worst, 2.886, 0.001},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > tt.tol {
			t.Errorf("%s = %v, want %v ± %v", tt.name, tt.got, tt.want, tt.tol)
		}
	}
}

// testMeasures are measure names of every kind the layer perturbs.
var testMeasures = []string{"adoption", "n", "n_cost", "total:cost", "stage:도입", "barrier:비용부담", "exemplar"}

// For every high part of a key and every measure, the 256 keys that share
// it read every position once, so the noise averaged over them has the
// table's moments exactly: mean 0 and the table's spread, whatever the
// rest of the key.
func TestNoiseUnbiasedForEveryHigh(t *testing.T) {
	tab := NewPTable()
	var sq float64
	for _, d := range tab {
		sq += d * d
	}
	for _, hi := range []int{0, 1, 255, 256, 0x5a5a5, KeyRange>>8 - 1} {
		for _, m := range testMeasures {
			seen := map[int]bool{}
			var sum, msq float64
			for lo := range TableSize {
				seen[position(hi<<8|lo, m)] = true
				d := tab.Noise(hi<<8|lo, m)
				sum, msq = sum+d, msq+d*d
			}
			if len(seen) != TableSize || math.Abs(sum) > 1e-9 || math.Abs(msq-sq) > 1e-9 {
				t.Errorf("hi %d, %s: %d positions of %d, noise sum %v, squares %v (table's %v)",
					hi, m, len(seen), TableSize, sum, msq, sq)
			}
		}
	}
}

// Someone who learns one measure's position for a cell (knowing its true
// value) may keep only the keys that give it; over those keys, another
// measure's position must stay spread over the table. With keys of the
// table's width (a·key + b mod 256) it was fixed: exactly one position.
func TestOneKnownNoiseLeavesTheOthersOpen(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 8))
	tests := []struct{ known, other string }{
		{"adoption", "n"},
		{"total:cost", "adoption"},
		{"n", "barrier:비용부담"},
		{"stage:도입", "stage:확산"},
	}
	for _, tt := range tests {
		for cell := range 8 {
			learnt := position(rng.IntN(KeyRange), tt.known)
			others := map[int]bool{}
			for range 2048 {
				hi := rng.IntN(KeyRange >> 8)
				consistent := 0
				for lo := range TableSize {
					if position(hi<<8|lo, tt.known) == learnt {
						consistent++
						others[position(hi<<8|lo, tt.other)] = true
					}
				}
				if consistent != 1 {
					t.Fatalf("%s: %d keys of high part %d give position %d, want 1", tt.known, consistent, hi, learnt)
				}
			}
			if len(others) < 200 {
				t.Errorf("cell %d: knowing %s's position %d leaves %s at %d of %d positions, want ≥ 200",
					cell, tt.known, learnt, tt.other, len(others), TableSize)
			}
		}
	}
}

// Two cells that differ by one firm have keys that differ by that firm's
// key, uniform and unknown: over child and firm keys drawn at random (a
// fixed seed), the child's and the parent's noises are uncorrelated, for
// one measure and across measures, so that differencing them leaves noise.
// The keys are too wide to enumerate, hence a sample and a tolerance of
// four standard errors.
func TestParentAndChildNoiseIndependent(t *testing.T) {
	tab := NewPTable()
	tests := []struct{ child, parent string }{
		{"adoption", "adoption"},
		{"n", "n"},
		{"adoption", "total:cost"},
	}
	const draws = 1 << 16
	rng := rand.New(rand.NewPCG(16, 31))
	for _, tt := range tests {
		var cov float64
		for range draws {
			child, firm := rng.IntN(KeyRange), rng.IntN(KeyRange)
			cov += tab.Noise(child, tt.child) * tab.Noise(CellKey(int64(child+firm)), tt.parent)
		}
		if cov /= draws; math.Abs(cov) > 4/math.Sqrt(draws) {
			t.Errorf("%s against %s: covariance %v, want 0 ± %v", tt.child, tt.parent, cov, 4/math.Sqrt(draws))
		}
	}
}

// A cell's key is its record keys' sum mod 2³¹, whatever the sum.
func TestCellKey(t *testing.T) {
	tests := []struct {
		sum  int64
		want int
	}{{0, 0}, {255, 255}, {256, 256}, {KeyRange - 1, KeyRange - 1}, {KeyRange, 0}, {3*KeyRange + 5, 5}, {-1, KeyRange - 1}}
	for _, tt := range tests {
		if got := CellKey(tt.sum); got != tt.want {
			t.Errorf("CellKey(%d) = %d, want %d", tt.sum, got, tt.want)
		}
	}
}

// Measures of one cell get their own noise: over cell keys, two measures'
// noises agree by chance only (about one key in 256), never by
// construction.
func TestMeasuresGetTheirOwnNoise(t *testing.T) {
	tab := NewPTable()
	rng := rand.New(rand.NewPCG(7, 7))
	keys := make([]int, 1<<14)
	for i := range keys {
		keys[i] = rng.IntN(KeyRange)
	}
	for i, m := range testMeasures {
		for _, o := range testMeasures[i+1:] {
			same := 0
			for _, k := range keys {
				if tab.Noise(k, m) == tab.Noise(k, o) {
					same++
				}
			}
			if same*TableSize > 4*len(keys) {
				t.Errorf("%s and %s share their noise at %d of %d keys", m, o, same, len(keys))
			}
		}
	}
}
