package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"axdash/app/cube"
	"axdash/app/model"
)

// The cube's tables. A wave's cube is written in the transaction that
// changes the wave (a load's commit, a replace, a migration that changes
// the cube's shape), from the rows cube.Builder made; DeleteWave removes
// it with the wave. Readers never write it.
var (
	rollupCellsTable = &table{"rollup_cells", append([]string{"wave_id", "region", "industry", "size_band",
		"n", "weight", "w_none", "w_review", "w_pilot", "w_adopted", "w_scaled",
		"n_cost", "w_cost", "wx_cost", "wx_support", "median_cost",
		"staff_current", "staff_needed", "staff_gap", "n_exemplar", "record_keys"}, cube.TopColumns()...)}
	rollupChoicesTable = &table{"rollup_choices", []string{"wave_id", "kind", "region", "industry", "size_band",
		"code", "n", "weight"}}
	rollupMomentsTable = &table{"rollup_moments", []string{"wave_id", "region", "industry", "size_band", "stratum",
		"measure", "n", "wx", "wy", "w2y2", "w2xy", "w2x2"}}
)

// cubeTables are the tables a wave's cube is stored in.
func cubeTables() []string {
	return []string{"rollup_waves", "rollup_cells", "rollup_choices", "rollup_moments"}
}

// cubeWriter is a transaction the cube can be written through: the bulk
// loader's (loadTx) or a GORM one (gormWriter).
type cubeWriter interface {
	exec(ctx context.Context, q string, args ...any) error
	write(ctx context.Context, t *table, n int, row rowFunc) error
}

// writeCube replaces the wave's cube with rows and stamps it with its
// version (the wave's newest stored import) and response count.
func writeCube(ctx context.Context, w cubeWriter, dialect string, waveID int64, rows *cube.Rows) error {
	if dialect == DialectPostgres {
		// Serialises writers of one wave's cube across processes; SQLite
		// has one writer at a time anyway.
		if err := w.exec(ctx, "SELECT pg_advisory_xact_lock(7423002, ?)", int32(waveID)); err != nil {
			return fmt.Errorf("store: unable to lock the cube of wave %d: %w", waveID, err)
		}
	}
	for _, t := range cubeTables() {
		if err := w.exec(ctx, "DELETE FROM "+t+" WHERE wave_id = ?", waveID); err != nil {
			return fmt.Errorf("store: unable to clear %s of wave %d: %w", t, waveID, err)
		}
	}
	var responses int64
	err := w.write(ctx, rollupCellsTable, len(rows.Cells), func(dst []any, i int) []any {
		c := &rows.Cells[i]
		if c.Key == (cube.Key{Region: cube.All, Industry: cube.All, Size: cube.All}) {
			responses = c.Sums.N
		}
		return appendCell(dst, waveID, c)
	})
	if err != nil {
		return fmt.Errorf("store: unable to write the cube cells of wave %d: %w", waveID, err)
	}
	err = w.write(ctx, rollupChoicesTable, len(rows.Choices), func(dst []any, i int) []any {
		c := &rows.Choices[i]
		return append(dst, waveID, c.Kind, c.Key.Region, c.Key.Industry, c.Key.Size, c.Code, c.N, c.Weight)
	})
	if err != nil {
		return fmt.Errorf("store: unable to write the cube choices of wave %d: %w", waveID, err)
	}
	err = w.write(ctx, rollupMomentsTable, len(rows.Moments), func(dst []any, i int) []any {
		m := &rows.Moments[i]
		return append(dst, waveID, m.Key.Region, m.Key.Industry, m.Key.Size, m.Stratum, m.Measure, m.N, m.WX, m.WY, m.W2Y2, m.W2XY, m.W2X2)
	})
	if err != nil {
		return fmt.Errorf("store: unable to write the cube moments of wave %d: %w", waveID, err)
	}
	err = w.exec(ctx, "INSERT INTO rollup_waves (wave_id, import_id, responses, refreshed_at) VALUES (?, "+
		"COALESCE((SELECT MAX(i.id) FROM imports i WHERE i.wave_id = ? AND i.status = ?), 0), ?, ?)",
		waveID, waveID, model.StatusStored, responses, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: unable to record the cube of wave %d: %w", waveID, err)
	}
	return nil
}

// appendCell gives a cell's values in rollupCellsTable's order.
func appendCell(dst []any, waveID int64, c *cube.Cell) []any {
	s := &c.Sums
	var median any
	if c.Median != nil {
		median = *c.Median
	}
	dst = append(dst, waveID, c.Key.Region, c.Key.Industry, c.Key.Size,
		s.N, s.Weight, s.Stage[0], s.Stage[1], s.Stage[2], s.Stage[3], s.Stage[4],
		s.NCost, s.WCost, s.WXCost, s.WXSupport, median,
		s.StaffCurrent, s.StaffNeeded, s.StaffGap, s.NExemplar, s.Keys)
	return append(dst, c.Tops.Flat()...)
}

// gormWriter writes through a GORM transaction with multi-row INSERTs.
type gormWriter struct{ tx *gorm.DB }

func (g gormWriter) exec(ctx context.Context, q string, args ...any) error {
	return g.tx.WithContext(ctx).Exec(q, args...).Error
}

// gormRowsPerInsert keeps an INSERT's parameters (31 per cell row) under
// SQLite's and PostgreSQL's limits.
const gormRowsPerInsert = 200

func (g gormWriter) write(ctx context.Context, t *table, n int, row rowFunc) error {
	one := "(?" + strings.Repeat(", ?", len(t.cols)-1) + ")"
	var args []any
	for start := 0; start < n; start += gormRowsPerInsert {
		end := min(start+gormRowsPerInsert, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(args, i)
		}
		q := "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " +
			strings.Repeat(one+", ", end-start-1) + one
		if err := g.exec(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
