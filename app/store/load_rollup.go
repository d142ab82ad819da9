package store

import "fmt"

// The cube's tables as the loader writes them. Floats go as bound
// parameters on SQLite (see load_sqlite_write.go), COPY on PostgreSQL.
var (
	rollupCellsTable = &table{"rollup_cells", []string{"wave_id", "region", "industry", "size_band",
		"n", "weight", "w_none", "w_review", "w_pilot", "w_adopted", "w_scaled",
		"n_cost", "w_cost", "wx_cost", "wx_support", "median_cost",
		"staff_current", "staff_needed", "staff_gap", "n_exemplar"}}
	rollupChoicesTable = &table{"rollup_choices", []string{"wave_id", "kind", "region", "industry", "size_band",
		"code", "n", "weight"}}
)

// writeRollups replaces the wave's cube inside the load's transaction, so
// that readers see the new responses and their figures together. The cube
// was built from the rows as they streamed through Add; it is the wave's
// whole cube only when the wave holds exactly those rows (prepareWave
// emptied it or found it empty), which is checked here. Anything the Go
// cube cannot vouch for falls back to the SQL rebuild.
func (l *Load) writeRollups() error {
	exec := func(q string, a ...any) error { return l.tx.exec(l.ctx, q, a...) }
	waveID := l.imp.WaveID
	n, _, err := l.tx.queryInt64(l.ctx, "SELECT COUNT(*) FROM responses WHERE wave_id = ?", waveID)
	if err != nil {
		return fmt.Errorf("store: count responses of wave %d: %w", waveID, err)
	}
	if l.cube.sqlOnly || n != int64(l.added) {
		l.sqlRollup = true
		return rebuildRollups(l.dialect, exec, waveID)
	}
	if err := clearRollups(l.dialect, exec, waveID); err != nil {
		return err
	}
	rows := l.cube.build(l.dialect)
	l.cube = nil // the cost rows are the big part; let them go before the writes
	if err := l.tx.write(l.ctx, rollupCellsTable, len(rows.cells), func(dst []any, i int) []any {
		return appendCell(dst, waveID, &rows.cells[i])
	}); err != nil {
		return fmt.Errorf("store: rollup cells of wave %d: %w", waveID, err)
	}
	err = l.tx.write(l.ctx, rollupChoicesTable, len(rows.choices), func(dst []any, i int) []any {
		k, key := rows.choices[i], rows.cells[rows.choices[i].cell].key
		return append(dst, waveID, k.kind, key.region, key.industry, key.size, k.code, rows.counts[i].n, rows.counts[i].weight)
	})
	if err != nil {
		return fmt.Errorf("store: rollup choices of wave %d: %w", waveID, err)
	}
	return recordRollup(exec, waveID)
}

// appendCell gives a cell's values in rollupCellsTable's order.
func appendCell(dst []any, waveID int64, c *cubeCell) []any {
	s := &c.sums
	var median any
	if c.median != nil {
		median = *c.median
	}
	return append(dst, waveID, c.key.region, c.key.industry, c.key.size,
		s.n, s.weight, s.stage[0], s.stage[1], s.stage[2], s.stage[3], s.stage[4],
		s.nCost, s.wCost, s.wxCost, s.wxSupport, median,
		s.staffCurrent, s.staffNeeded, s.staffGap, s.nExemplar)
}
