// Package disclosure is the layer that turns a wave's cube into what the
// public may see (issue 16, docs/disclosure.md): the cell key method over
// whole cells, with a frequency threshold, the p% dominance rule for
// magnitudes and a minimum size for medians. Every cell of the cube's
// lattice is protected once, when the wave's cube is loaded, into a public
// view (values perturbed, withheld estimates Hidden) and an internal view
// (the cube as it is, with the rules set and nothing Hidden); View serves
// either as the figures' Source.
package disclosure

import (
	"hash/fnv"
	"math"
)

// KeyRange is the range of record keys and cell keys: a response's key is
// drawn from 0–255, a cell's is its responses' keys summed mod 256.
const KeyRange = 256

// PTable is the perturbation table: position i holds the noise, in
// standard deviations, that a cell whose (key + measure offset) mod 256 is
// i gets: the standard normal's quantile at (i + ½)/256. The positions of
// cells are uniform (a sum of uniform keys mod 256 is uniform), so the
// noise is the normal distribution discretised to 256 equally likely
// values: symmetric, hence of mean exactly zero (unbiased), with a standard
// deviation of 0.997 and at most 2.89 in either direction.
type PTable [KeyRange]float64

// NewPTable makes the table.
func NewPTable() *PTable {
	var t PTable
	for i := range t {
		p := (float64(i) + 0.5) / KeyRange
		t[i] = math.Sqrt2 * math.Erfinv(2*p-1)
	}
	return &t
}

// CellKey is the cell key of a cell whose record keys add up to sum.
func CellKey(sum int64) int { return int(((sum % KeyRange) + KeyRange) % KeyRange) }

// Noise is the table's noise for a cell key and a measure: the position
// is a·key + b mod 256, a (odd) and b fixed per measure name, so that each
// measure reads the table in its own order (a bijection: the position
// stays uniform, the noise unbiased), measures of one cell get different
// noises, and a cell gets the same noise for a measure in every table,
// filter and format that shows it.
func (t *PTable) Noise(cellKey int, measure string) float64 {
	a, b := order(measure)
	return t[(a*cellKey+b)%KeyRange]
}

// order is a measure's fixed (a, b): from its name's FNV-1a hash, a odd.
func order(measure string) (a, b int) {
	h := fnv.New32a()
	h.Write([]byte(measure))
	s := h.Sum32()
	return int(s>>8%KeyRange) | 1, int(s % KeyRange)
}
