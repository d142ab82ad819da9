package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"axdash/app/model"
)

// In the cube, '*' in region, industry or size_band means every value of
// that dimension; the SQL below writes and reads it as a literal.

// cubeDim is one of the rollup's three dimensions: the cube column and the
// response column it groups.
type cubeDim struct{ cube, resp string }

// cubeDims lists the dimensions; bit i of a grouping mask groups the i-th.
func cubeDims() [cubeDimCount]cubeDim {
	return [cubeDimCount]cubeDim{{"region", "r.region"}, {"industry", "r.industry"}, {"size_band", "r.size_band"}}
}

// cubeDimCount is how many dimensions the cube has.
const cubeDimCount = 3

// fullMask groups every dimension: the base cells read from responses.
const fullMask = 7

// cellSums are rollup_cells' additive columns with the expression that
// computes each from responses r. Stage names are the survey's constants,
// never input. cube.add computes the same in Go: change both together.
func cellSums() []struct{ col, expr string } {
	return []struct{ col, expr string }{
		{"n", "COUNT(*)"},
		{"weight", "SUM(r.weight)"},
		{"w_none", "SUM(CASE WHEN r.stage = '미도입' THEN r.weight ELSE 0 END)"},
		{"w_review", "SUM(CASE WHEN r.stage = '검토' THEN r.weight ELSE 0 END)"},
		{"w_pilot", "SUM(CASE WHEN r.stage = '시범도입' THEN r.weight ELSE 0 END)"},
		{"w_adopted", "SUM(CASE WHEN r.stage = '도입' THEN r.weight ELSE 0 END)"},
		{"w_scaled", "SUM(CASE WHEN r.stage = '확산' THEN r.weight ELSE 0 END)"},
		{"n_cost", "SUM(CASE WHEN r.adoption_cost > 0 THEN 1 ELSE 0 END)"},
		{"w_cost", "SUM(CASE WHEN r.adoption_cost > 0 THEN r.weight ELSE 0 END)"},
		{"wx_cost", "SUM(CASE WHEN r.adoption_cost > 0 THEN r.weight * r.adoption_cost ELSE 0 END)"},
		{"wx_support", "SUM(CASE WHEN r.adoption_cost > 0 THEN r.weight * COALESCE(r.gov_support, 0) ELSE 0 END)"},
		{"staff_current", "SUM(r.weight * COALESCE(r.ai_staff_current, 0))"},
		{"staff_needed", "SUM(r.weight * COALESCE(r.ai_staff_needed, 0))"},
		{"staff_gap", "SUM(r.weight * CASE WHEN COALESCE(r.ai_staff_needed, 0) > COALESCE(r.ai_staff_current, 0) " +
			"THEN COALESCE(r.ai_staff_needed, 0) - COALESCE(r.ai_staff_current, 0) ELSE 0 END)"},
		{"n_exemplar", "SUM(CASE WHEN r.exemplar THEN 1 ELSE 0 END)"},
	}
}

// choiceTable maps a choice kind to its table: an allowlist, never input.
func choiceTable(kind string) (string, bool) {
	switch kind {
	case model.ChoiceBarrier:
		return "response_barriers", true
	case model.ChoiceUseArea:
		return "response_use_areas", true
	}
	return "", false
}

// RefreshRollups rebuilds one wave's cube in its own transaction.
func (s *Store) RefreshRollups(ctx context.Context, waveID int64) error {
	return s.transaction(ctx, func(tx *gorm.DB) error { return s.RefreshRollupsTx(tx, waveID) })
}

// RefreshRollupsTx rebuilds one wave's cube inside the caller's GORM
// transaction, so that an import commit and its rollups become visible
// together. Call it after the wave's responses and import record are written.
func (s *Store) RefreshRollupsTx(tx *gorm.DB, waveID int64) error {
	return rebuildRollups(s.dialect, func(q string, args ...any) error { return tx.Exec(q, args...).Error }, waveID)
}

// execFunc runs one statement with ? placeholders inside a transaction. It
// lets the bulk loader, which holds a raw connection rather than a GORM
// transaction, write the rollups before it commits (see Load.writeRollups).
type execFunc func(q string, args ...any) error

// rebuildRollups replaces one wave's cube; every statement is an exec, so
// any transaction type can run it. The bulk loader computes the same cube in
// Go instead (rollup_cube.go); the two must stay in step.
func rebuildRollups(dialect string, exec execFunc, waveID int64) error {
	if err := clearRollups(dialect, exec, waveID); err != nil {
		return err
	}
	steps := []func(execFunc, int64) error{insertCells, rollUpCells, updateMedians, insertChoices}
	for _, step := range steps {
		if err := step(exec, waveID); err != nil {
			return err
		}
	}
	return recordRollup(exec, waveID)
}

// clearRollups takes the wave's rollup lock and deletes its cube.
func clearRollups(dialect string, exec execFunc, waveID int64) error {
	if err := lockWave(dialect, exec, waveID); err != nil {
		return err
	}
	for _, t := range []string{"rollup_waves", "rollup_cells", "rollup_choices"} {
		if err := exec("DELETE FROM "+t+" WHERE wave_id = ?", waveID); err != nil {
			return fmt.Errorf("store: clear %s of wave %d: %w", t, waveID, err)
		}
	}
	return nil
}

// recordRollup stamps the freshly written cube with its version and
// response count, read back from the cube's total cell.
func recordRollup(exec execFunc, waveID int64) error {
	err := exec("INSERT INTO rollup_waves (wave_id, import_id, responses, refreshed_at) VALUES (?, "+latestImportSQL+", "+
		"COALESCE((SELECT n FROM rollup_cells WHERE wave_id = ? AND region = '*' AND industry = '*' AND size_band = '*'), 0), ?)",
		waveID, waveID, model.StatusStored, waveID, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: record rollup of wave %d: %w", waveID, err)
	}
	return nil
}

// latestImportSQL is the newest stored import of a wave (bound: wave id,
// status): the version a cube is built from.
const latestImportSQL = "COALESCE((SELECT MAX(i.id) FROM imports i WHERE i.wave_id = ? AND i.status = ?), 0)"

// lockWave serialises rebuilds of one wave across processes on PostgreSQL;
// SQLite has one writer at a time anyway.
func lockWave(dialect string, exec execFunc, waveID int64) error {
	if dialect != DialectPostgres {
		return nil
	}
	if err := exec("SELECT pg_advisory_xact_lock(7423002, ?)", int32(waveID)); err != nil {
		return fmt.Errorf("store: lock rollup of wave %d: %w", waveID, err)
	}
	return nil
}

// grouping returns, for a mask, the select expressions of the three cube
// columns (a response column, or '*' when not grouped) and the grouped ones.
func grouping(mask int, source func(i int) string) (selects, groups []string) {
	for i := range cubeDimCount {
		if mask&(1<<i) != 0 {
			col := source(i)
			selects = append(selects, col)
			groups = append(groups, col)
		} else {
			selects = append(selects, "'*'")
		}
	}
	return selects, groups
}

func respCol(i int) string { return cubeDims()[i].resp }
func cubeCol(i int) string { return "c." + cubeDims()[i].cube }

const cubeCols = "region, industry, size_band"

func sumCols() (cols, exprs, rolled []string) {
	for _, s := range cellSums() {
		cols = append(cols, s.col)
		exprs = append(exprs, s.expr)
		rolled = append(rolled, "SUM(c."+s.col+")")
	}
	return cols, exprs, rolled
}

// insertCells writes the base cells (every dimension grouped) from the
// wave's responses: the only full scan of the wave.
func insertCells(exec execFunc, waveID int64) error {
	cols, exprs, _ := sumCols()
	sel, groups := grouping(fullMask, respCol)
	q := "INSERT INTO rollup_cells (wave_id, " + cubeCols + ", " + strings.Join(cols, ", ") + ") " +
		"SELECT r.wave_id, " + strings.Join(sel, ", ") + ", " + strings.Join(exprs, ", ") +
		" FROM responses r WHERE r.wave_id = ? GROUP BY r.wave_id, " + strings.Join(groups, ", ")
	if err := exec(q, waveID); err != nil {
		return fmt.Errorf("store: rollup cells of wave %d: %w", waveID, err)
	}
	return nil
}

// rollUpCells adds the cells with '*' in some dimension by summing base
// cells, which is exact for these additive columns and far cheaper than
// scanning the responses again.
func rollUpCells(exec execFunc, waveID int64) error {
	cols, _, rolled := sumCols()
	for mask := 0; mask < fullMask; mask++ {
		sel, groups := grouping(mask, cubeCol)
		q := "INSERT INTO rollup_cells (wave_id, " + cubeCols + ", " + strings.Join(cols, ", ") + ") " +
			"SELECT c.wave_id, " + strings.Join(sel, ", ") + ", " + strings.Join(rolled, ", ") +
			" FROM rollup_cells c WHERE c.wave_id = ? AND c.region <> '*' AND c.industry <> '*' AND c.size_band <> '*'" +
			" GROUP BY " + strings.Join(append([]string{"c.wave_id"}, groups...), ", ")
		if err := exec(q, waveID); err != nil {
			return fmt.Errorf("store: roll up cells of wave %d: %w", waveID, err)
		}
	}
	return nil
}

// updateMedians sets each cell's weighted median cost: the smallest cost at
// which the cumulative weight, in cost order, reaches half the cell's
// weight. Medians do not add up, so each grouping reads the responses.
func updateMedians(exec execFunc, waveID int64) error {
	for mask := 0; mask <= fullMask; mask++ {
		sel, groups := grouping(mask, respCol)
		part := strings.Join(append([]string{"r.wave_id"}, groups...), ", ")
		q := "UPDATE rollup_cells SET median_cost = d.median FROM (" +
			"SELECT region, industry, size_band, MIN(v) AS median FROM (" +
			"SELECT " + sel[0] + " AS region, " + sel[1] + " AS industry, " + sel[2] + " AS size_band, r.adoption_cost AS v, " +
			"SUM(r.weight) OVER (PARTITION BY " + part + " ORDER BY r.adoption_cost, r.id ROWS UNBOUNDED PRECEDING) AS cw, " +
			"SUM(r.weight) OVER (PARTITION BY " + part + ") AS tw " +
			"FROM responses r WHERE r.wave_id = ? AND r.adoption_cost > 0) m " +
			"WHERE m.cw >= m.tw / 2 GROUP BY region, industry, size_band) d " +
			"WHERE rollup_cells.wave_id = ? AND rollup_cells.region = d.region " +
			"AND rollup_cells.industry = d.industry AND rollup_cells.size_band = d.size_band"
		if err := exec(q, waveID, waveID); err != nil {
			return fmt.Errorf("store: rollup medians of wave %d: %w", waveID, err)
		}
	}
	return nil
}

// insertChoices counts each multi-select code per base cell, then rolls the
// counts up like the cells.
func insertChoices(exec execFunc, waveID int64) error {
	for _, kind := range []string{model.ChoiceBarrier, model.ChoiceUseArea} {
		table, _ := choiceTable(kind)
		sel, groups := grouping(fullMask, respCol)
		q := "INSERT INTO rollup_choices (wave_id, kind, " + cubeCols + ", code, n, weight) " +
			"SELECT r.wave_id, ?, " + strings.Join(sel, ", ") + ", x.code, COUNT(*), SUM(r.weight) " +
			"FROM " + table + " x JOIN responses r ON r.id = x.response_id WHERE r.wave_id = ? " +
			"GROUP BY r.wave_id, " + strings.Join(groups, ", ") + ", x.code"
		if err := exec(q, kind, waveID); err != nil {
			return fmt.Errorf("store: rollup %s of wave %d: %w", kind, waveID, err)
		}
		for mask := 0; mask < fullMask; mask++ {
			sel, groups := grouping(mask, cubeCol)
			q := "INSERT INTO rollup_choices (wave_id, kind, " + cubeCols + ", code, n, weight) " +
				"SELECT c.wave_id, c.kind, " + strings.Join(sel, ", ") + ", c.code, SUM(c.n), SUM(c.weight) " +
				"FROM rollup_choices c WHERE c.wave_id = ? AND c.kind = ? " +
				"AND c.region <> '*' AND c.industry <> '*' AND c.size_band <> '*' " +
				"GROUP BY " + strings.Join(append([]string{"c.wave_id", "c.kind", "c.code"}, groups...), ", ")
			if err := exec(q, waveID, kind); err != nil {
				return fmt.Errorf("store: roll up %s of wave %d: %w", kind, waveID, err)
			}
		}
	}
	return nil
}
