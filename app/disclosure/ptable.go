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
	"encoding/binary"
	"hash/fnv"
	"math"
)

// KeyRange is the range of record keys and cell keys: a response's key is
// drawn from [0, 2³¹) (it fits PostgreSQL's INTEGER, and a wave's sum of
// them an int64), a cell's is its responses' keys summed mod 2³¹. The keys
// are far wider than the table, so that a cell's position for one measure
// does not give away its key (Noise).
const KeyRange = 1 << 31

// TableSize is the number of positions of the p-table.
const TableSize = 256

// PTable is the perturbation table: position i holds the noise, in
// standard deviations, that a cell whose position for a measure is i gets:
// the standard normal's quantile at (i + ½)/256. The positions of cells are
// uniform (position), so the noise is the normal distribution discretised
// to 256 equally likely values: symmetric, hence of mean exactly zero
// (unbiased), with a standard deviation of 0.997 and at most 2.89 in
// either direction.
type PTable [TableSize]float64

// NewPTable makes the table.
func NewPTable() *PTable {
	var t PTable
	for i := range t {
		p := (float64(i) + 0.5) / TableSize
		t[i] = math.Sqrt2 * math.Erfinv(2*p-1)
	}
	return &t
}

// CellKey is the cell key of a cell whose record keys add up to sum.
func CellKey(sum int64) int { return int(((sum % KeyRange) + KeyRange) % KeyRange) }

// Noise is the table's noise for a cell key and a measure, the same for a
// cell in every table, filter and format that shows it.
func (t *PTable) Noise(cellKey int, measure string) float64 {
	return t[position(cellKey, measure)]
}

// position is where a measure reads the table for a cell key: with lo the
// key's low 8 bits and hi the rest, a·lo + b + h(hi) mod 256, a (odd) and b
// fixed per measure name and h a hash of hi and the name.
//
// For every hi, lo → position is a bijection, so a uniform key gives a
// uniform position (the noise stays unbiased, its spread unchanged). The
// hash is what closes the leak of a key as wide as the table: someone who
// learns a cell's position for one measure (knowing its true value from
// outside the survey) learns only lo as a function of the unknown hi, and
// over the 2²³ values of hi every other measure's position spreads over
// the whole table. Each measure has its own a and hash, so measures of one
// cell get different noises.
func position(cellKey int, measure string) int {
	h := fnv.New32a()
	h.Write([]byte(measure))
	s := h.Sum32()
	a, b := int(s>>8%TableSize)|1, int(s%TableSize)
	var hi [4]byte
	binary.LittleEndian.PutUint32(hi[:], uint32(cellKey>>8))
	h.Write(hi[:])
	// The top byte: FNV-1a's low byte depends on the low bytes of its
	// input and state only; its top byte mixes all of them.
	mix := int(h.Sum32() >> 24)
	return (a*(cellKey%TableSize) + b + mix) % TableSize
}
