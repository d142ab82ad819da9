package store

import (
	"context"
	"fmt"
	"math"

	"axdash/app/cube"
	"axdash/app/model"
)

// cubeCell is a rollup_cells row as read back.
type cubeCell struct {
	Region, Industry, SizeBand               string
	N, NCost, NExemplar                      int64
	Weight, WNone, WReview, WPilot, WAdopted float64
	WScaled, WCost, WXCost, WXSupport        float64
	MedianCost                               *int64
	StaffCurrent, StaffNeeded, StaffGap      float64
}

// cubeMoment is a rollup_moments row as read back.
type cubeMoment struct {
	Region, Industry, SizeBand, Measure string
	N                                   int64
	WX, WY                              float64
	W2Y2                                float64 `gorm:"column:w2y2"`
	W2XY                                float64 `gorm:"column:w2xy"`
	W2X2                                float64 `gorm:"column:w2x2"`
}

// cubeChoice is a rollup_choices row as read back.
type cubeChoice struct {
	Kind, Region, Industry, SizeBand, Code string
	N                                      int64
	Weight                                 float64
}

// WaveCube reads one wave's stored cube into memory, with the wave's
// exemplar firms in rank order: the only SQL behind the figures. The rows read may be newer than
// st.Version if a commit lands in between; the next version read then
// differs and the caller reads the cube again.
func (s *Store) WaveCube(ctx context.Context, st WaveState) (*cube.Wave, error) {
	var cells []cubeCell
	err := s.db.WithContext(ctx).Raw("SELECT region, industry, size_band, n, n_cost, n_exemplar, weight, "+
		"w_none, w_review, w_pilot, w_adopted, w_scaled, w_cost, wx_cost, wx_support, median_cost, "+
		"staff_current, staff_needed, staff_gap FROM rollup_cells WHERE wave_id = ?", st.ID).Scan(&cells).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the cube cells of wave %d: %w", st.ID, err)
	}
	var choices []cubeChoice
	err = s.db.WithContext(ctx).Raw("SELECT kind, region, industry, size_band, code, n, weight "+
		"FROM rollup_choices WHERE wave_id = ?", st.ID).Scan(&choices).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the cube choices of wave %d: %w", st.ID, err)
	}
	var moments []cubeMoment
	err = s.db.WithContext(ctx).Raw("SELECT region, industry, size_band, measure, n, wx, wy, w2y2, w2xy, w2x2 "+
		"FROM rollup_moments WHERE wave_id = ?", st.ID).Scan(&moments).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the cube moments of wave %d: %w", st.ID, err)
	}
	exemplars, err := s.ExemplarFirms(ctx, model.Filter{WaveID: st.ID}, math.MaxInt32)
	if err != nil {
		return nil, err
	}
	rows := &cube.Rows{Cells: make([]cube.Cell, len(cells)), Choices: make([]cube.Choice, len(choices)), Exemplars: exemplars,
		Moments: make([]cube.Moment, len(moments))}
	for i, c := range cells {
		rows.Cells[i] = cube.Cell{Key: cube.Key{Region: c.Region, Industry: c.Industry, Size: c.SizeBand}, Median: c.MedianCost,
			Sums: cube.Sums{N: c.N, NCost: c.NCost, NExemplar: c.NExemplar, Weight: c.Weight,
				Stage: [5]float64{c.WNone, c.WReview, c.WPilot, c.WAdopted, c.WScaled},
				WCost: c.WCost, WXCost: c.WXCost, WXSupport: c.WXSupport,
				StaffCurrent: c.StaffCurrent, StaffNeeded: c.StaffNeeded, StaffGap: c.StaffGap}}
	}
	for i, c := range choices {
		rows.Choices[i] = cube.Choice{Key: cube.Key{Region: c.Region, Industry: c.Industry, Size: c.SizeBand},
			Kind: c.Kind, Code: c.Code, N: c.N, Weight: c.Weight}
	}
	for i, m := range moments {
		rows.Moments[i] = cube.Moment{Key: cube.Key{Region: m.Region, Industry: m.Industry, Size: m.SizeBand}, Measure: m.Measure,
			Moments: cube.Moments{N: m.N, WX: m.WX, WY: m.WY, W2Y2: m.W2Y2, W2XY: m.W2XY, W2X2: m.W2X2}}
	}
	return cube.NewWave(st.ID, st.Name, st.Version, rows), nil
}

// Cubes reads every wave's cube: the figures' source for a one-off read
// (an export from the command line). A server keeps its cubes instead and
// reads a wave's again only when its version changes.
func (s *Store) Cubes(ctx context.Context) (*cube.Set, error) {
	states, err := s.WaveStates(ctx)
	if err != nil {
		return nil, err
	}
	waves := make([]*cube.Wave, len(states))
	for i, st := range states {
		if waves[i], err = s.WaveCube(ctx, st); err != nil {
			return nil, err
		}
	}
	return cube.NewSet(waves), nil
}
