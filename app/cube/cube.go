// Package cube is the one definition of axdash's aggregates: the sums each
// cell of a wave's cube holds (Builder, fed one response at a time), the
// finished rows the store persists (Rows), and the in-memory index a
// serving process answers every figure from (Wave, Set). The store builds
// and persists a wave's cube in the transaction that changes the wave and
// loads the rows back; the web serves them. Nothing here touches SQL.
package cube

import (
	"errors"
	"fmt"

	"axdash/app/model"
)

// All in a key's dimension means every value of it: the cells of a
// grouping that leaves the dimension out. A response may not use it.
const All = "*"

// ErrReservedCode is a response whose region, industry or size band is
// All, which the cube could not tell from a roll-up.
var ErrReservedCode = errors.New("cube: '*' is reserved for roll-ups")

// Dims are the cube's dimensions in key order; bit i of a grouping mask
// groups the i-th.
const (
	DimRegion = iota
	DimIndustry
	DimSize
	dimCount
)

// fullMask groups every dimension: the base cells.
const fullMask = 1<<dimCount - 1

// Key is a cell's coordinates: a code per dimension, or All.
type Key struct{ Region, Industry, Size string }

// project replaces the dimensions a mask does not group with All.
func (k Key) project(mask int) Key {
	if mask&(1<<DimRegion) == 0 {
		k.Region = All
	}
	if mask&(1<<DimIndustry) == 0 {
		k.Industry = All
	}
	if mask&(1<<DimSize) == 0 {
		k.Size = All
	}
	return k
}

// checkKey refuses a response key holding All.
func checkKey(k Key) error {
	if k.Region == All || k.Industry == All || k.Size == All {
		return fmt.Errorf("%w: region %q, industry %q, size band %q", ErrReservedCode, k.Region, k.Industry, k.Size)
	}
	return nil
}

// Sums are a cell's additive figures.
type Sums struct {
	N, NCost, NExemplar                 int64
	Weight, WCost, WXCost, WXSupport    float64
	Stage                               [5]float64 // model.Stages order: w_none … w_scaled
	StaffCurrent, StaffNeeded, StaffGap float64
	// Keys is the sum of the responses' record keys; the cell key of the
	// disclosure control is Keys mod 2³¹ (a whole cell's, see
	// app/disclosure).
	Keys int64
}

func (s *Sums) add(b *Sums) {
	s.N += b.N
	s.NCost += b.NCost
	s.NExemplar += b.NExemplar
	s.Weight += b.Weight
	s.WCost += b.WCost
	s.WXCost += b.WXCost
	s.WXSupport += b.WXSupport
	for i := range s.Stage {
		s.Stage[i] += b.Stage[i]
	}
	s.StaffCurrent += b.StaffCurrent
	s.StaffNeeded += b.StaffNeeded
	s.StaffGap += b.StaffGap
	s.Keys += b.Keys
}

// Cell is one finished cell of any grouping; Median is the weighted median
// cost, nil without costs (medians do not add up, so every grouping's cell
// carries its own).
type Cell struct {
	Key    Key
	Sums   Sums
	Median *int64
	// Tops are the cell's two largest contributions w·y per magnitude:
	// what the dominance rule and the magnitudes' noise scale read. Not
	// additive, so each grouping's cell keeps its own (see Tops).
	Tops Tops
}

// Choice is how often one multi-select code was named in a cell.
type Choice struct {
	Key    Key
	Kind   string // model.ChoiceBarrier or model.ChoiceUseArea
	Code   string
	N      int64
	Weight float64
}

// Rows is a wave's finished cube: the cells and choice counts of every
// grouping and the base cells' variance sums, as the store persists them. Exemplars, read with them but not
// part of what a Builder makes, are the wave's exemplar firms best first
// (rows, not sums: the exemplar figure lists them).
type Rows struct {
	Cells     []Cell
	Choices   []Choice
	Exemplars []model.ExemplarFirm
	Moments   []Moment // base cells only: the variance sums add up
}
