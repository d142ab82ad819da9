package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"

	"axdash/app/cube"
	"axdash/app/model"
	"axdash/configs"
)

// WaveCube reads one wave's stored cube into memory, with the wave's
// exemplar firms in rank order: the only SQL behind the figures. The rows
// read may be newer than st.Version if a commit lands in between; the next
// version read then differs and the caller reads the cube again. Rows are
// scanned by hand: a wave has tens of thousands, and GORM's reflection made
// the read several times slower. The estimates follow the sample design d.
func (s *Surveys) WaveCube(ctx context.Context, st WaveState, d configs.Design) (*cube.Wave, error) {
	rows, in := &cube.Rows{}, interner{}
	var c cube.Cell
	var k cube.Key
	var median sql.NullInt64
	dest := append([]any{&k.Region, &k.Industry, &k.Size, &c.Sums.N, &c.Sums.NCost, &c.Sums.NExemplar,
		&c.Sums.Weight, &c.Sums.Stage[0], &c.Sums.Stage[1], &c.Sums.Stage[2], &c.Sums.Stage[3], &c.Sums.Stage[4],
		&c.Sums.WCost, &c.Sums.WXCost, &c.Sums.WXSupport, &median, &c.Sums.StaffCurrent, &c.Sums.StaffNeeded, &c.Sums.StaffGap,
		&c.Sums.Keys}, c.Tops.Targets()...)
	err := s.readRows(ctx, "cube cells", dest,
		func() {
			c.Key, c.Median = in.key(k), nil
			if median.Valid {
				v := median.Int64 // each cell its own
				c.Median = &v
			}
			rows.Cells = append(rows.Cells, c)
		},
		"SELECT region, industry, size_band, n, n_cost, n_exemplar, weight, w_none, w_review, w_pilot, w_adopted, w_scaled, "+
			"w_cost, wx_cost, wx_support, median_cost, staff_current, staff_needed, staff_gap, record_keys, "+
			strings.Join(cube.TopColumns(), ", ")+" FROM rollup_cells WHERE wave_id = ?", st.ID)
	if err != nil {
		return nil, err
	}
	var ch cube.Choice
	err = s.readRows(ctx, "cube choices", []any{&ch.Kind, &k.Region, &k.Industry, &k.Size, &ch.Code, &ch.N, &ch.Weight},
		func() {
			ch.Key, ch.Kind, ch.Code = in.key(k), in.of(ch.Kind), in.of(ch.Code)
			rows.Choices = append(rows.Choices, ch)
		},
		"SELECT kind, region, industry, size_band, code, n, weight FROM rollup_choices WHERE wave_id = ?", st.ID)
	if err != nil {
		return nil, err
	}
	var m cube.Moment
	err = s.readRows(ctx, "cube moments", []any{&k.Region, &k.Industry, &k.Size, &m.Stratum, &m.Measure, &m.N, &m.WX, &m.WY, &m.W2Y2, &m.W2XY, &m.W2X2},
		func() {
			m.Key, m.Stratum, m.Measure = in.key(k), in.of(m.Stratum), in.of(m.Measure)
			rows.Moments = append(rows.Moments, m)
		},
		"SELECT region, industry, size_band, stratum, measure, n, wx, wy, w2y2, w2xy, w2x2 FROM rollup_moments WHERE wave_id = ?", st.ID)
	if err != nil {
		return nil, err
	}
	if rows.Exemplars, err = s.ExemplarFirms(ctx, model.Filter{WaveID: st.ID}, math.MaxInt32); err != nil {
		return nil, err
	}
	w := cube.NewWave(st.ID, st.Name, st.Version, rows, d)
	w.Synthetic = st.Synthetic
	return w, nil
}

// interner keeps one copy of each code: a cube's rows repeat a few dozen
// codes tens of thousands of times, and each scanned string would stay an
// object of its own for the garbage collector to mark while the cube lives.
type interner map[string]string

func (in interner) of(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}

func (in interner) key(k cube.Key) cube.Key {
	return cube.Key{Region: in.of(k.Region), Industry: in.of(k.Industry), Size: in.of(k.Size)}
}

// readRows runs q and, for each row, scans it into dest and calls row.
func (s *Surveys) readRows(ctx context.Context, what string, dest []any, row func(), q string, args ...any) error {
	rows, err := s.db.WithContext(ctx).Raw(q, args...).Rows()
	if err != nil {
		return fmt.Errorf("store: unable to read the %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: unable to read the %s: %w", what, err)
		}
		row()
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: unable to read the %s: %w", what, err)
	}
	return nil
}

// Cubes reads the cubes of the waves in states (as WaveStates read them):
// the figures' source for a one-off read (an export from the command line).
// A server keeps its cubes instead and reads a wave's again only when its
// version changes. The estimates follow the sample design d.
func (s *Surveys) Cubes(ctx context.Context, states []WaveState, d configs.Design) (*cube.Set, error) {
	waves := make([]*cube.Wave, len(states))
	for i, st := range states {
		var err error
		if waves[i], err = s.WaveCube(ctx, st, d); err != nil {
			return nil, err
		}
	}
	return cube.NewSet(waves), nil
}
