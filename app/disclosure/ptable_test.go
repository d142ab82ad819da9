package disclosure

import (
	"math"
	"testing"
)

// The p-table's noise over a uniform cell key: mean exactly zero (the
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
	mean, sd := sum/KeyRange, math.Sqrt(sq/KeyRange)
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

// Two cells that differ by one firm have keys that differ by that firm's
// key, uniform and unknown: over every child key and every firm key, the
// child's and the parent's noises are uncorrelated, for one measure and
// across measures, so that differencing them leaves noise.
func TestParentAndChildNoiseIndependent(t *testing.T) {
	tab := NewPTable()
	tests := []struct{ child, parent string }{
		{"adoption", "adoption"},
		{"n", "n"},
		{"adoption", "total:cost"},
	}
	for _, tt := range tests {
		var cov float64
		for child := range KeyRange {
			for firm := range KeyRange {
				cov += tab.Noise(child, tt.child) * tab.Noise(CellKey(int64(child+firm)), tt.parent)
			}
		}
		if cov /= KeyRange * KeyRange; math.Abs(cov) > 1e-9 {
			t.Errorf("%s against %s: covariance %v, want 0", tt.child, tt.parent, cov)
		}
	}
}

// A cell's key is its record keys' sum mod 256, whatever the sum.
func TestCellKey(t *testing.T) {
	tests := []struct {
		sum  int64
		want int
	}{{0, 0}, {255, 255}, {256, 0}, {1000, 1000 % 256}, {-1, 255}}
	for _, tt := range tests {
		if got := CellKey(tt.sum); got != tt.want {
			t.Errorf("CellKey(%d) = %d, want %d", tt.sum, got, tt.want)
		}
	}
}

// Measures of one cell get their own noise: over the cell keys, two
// measures' noises agree by chance only (a few keys of 256), never by
// construction.
func TestMeasuresGetTheirOwnNoise(t *testing.T) {
	tab := NewPTable()
	measures := []string{"adoption", "n", "n_cost", "total:cost", "stage:도입", "barrier:비용부담", "exemplar"}
	for i, m := range measures {
		for _, o := range measures[i+1:] {
			same := 0
			for k := range KeyRange {
				if tab.Noise(k, m) == tab.Noise(k, o) {
					same++
				}
			}
			if same > 8 {
				t.Errorf("%s and %s share their noise at %d of %d keys", m, o, same, KeyRange)
			}
		}
	}
}
