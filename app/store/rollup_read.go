package store

import (
	"context"
	"fmt"
	"strings"

	"axdash/app/model"
)

// Group dimensions the cube reads accept. The SQL column comes from an
// allowlist only (dimIndex, cubeDims()), never from the caller's text.
const (
	ByRegion   = "region"
	ByIndustry = "industry"
	BySize     = "size"
)

// cubeDim is one of the cube's three dimensions: its column.
type cubeDim struct{ cube string }

// cubeDims lists the dimensions in cube.Key order.
func cubeDims() [3]cubeDim {
	return [3]cubeDim{{"region"}, {"industry"}, {"size_band"}}
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

// cellCols are the rollup columns a model.Cell is read from.
const cellCols = "c.n, c.weight, c.w_none, c.w_review, c.w_pilot, c.w_adopted, c.w_scaled, " +
	"c.n_cost, c.w_cost, c.wx_cost, c.wx_support, c.median_cost, " +
	"c.staff_current, c.staff_needed, c.staff_gap, c.n_exemplar"

// dimIndex maps a group name to its cube dimension through the allowlist;
// -1 means no grouping (a total).
func dimIndex(dim string) (int, error) {
	switch dim {
	case ByRegion:
		return 0, nil
	case ByIndustry:
		return 1, nil
	case BySize:
		return 2, nil
	}
	return -1, fmt.Errorf("store: unknown group %q", dim)
}

// cubeWhere selects the cube cells of a filter: a filtered dimension equals
// its value, the grouped dimension (group >= 0) is any code, and every other
// dimension is '*'. Values are bound arguments; column names are constants.
func cubeWhere(f model.Filter, group int) (string, []any) {
	vals := [3]string{f.Region, f.Industry, f.Size}
	var parts []string
	var args []any
	for i, d := range cubeDims() {
		switch {
		case vals[i] != "":
			parts = append(parts, "c."+d.cube+" = ?")
			args = append(args, vals[i])
		case i == group:
			parts = append(parts, "c."+d.cube+" <> '*'")
		default:
			parts = append(parts, "c."+d.cube+" = '*'")
		}
	}
	return strings.Join(parts, " AND "), args
}

// CellsBy returns the wave's cells per value of dim under the filter, in
// code order. Groups without responses are absent.
func (s *Store) CellsBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error) {
	idx, err := dimIndex(dim)
	if err != nil {
		return nil, err
	}
	cond, args := cubeWhere(f, idx)
	q := "SELECT c." + cubeDims()[idx].cube + " AS grp, c.wave_id, " + cellCols +
		" FROM rollup_cells c WHERE c.wave_id = ? AND " + cond + " ORDER BY grp"
	var out []model.Cell
	if err := s.db.WithContext(ctx).Raw(q, append([]any{f.WaveID}, args...)...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: cells by %s: %w", dim, err)
	}
	return out, nil
}

// CellTotal returns the one cell of every response under the filter; a
// zero cell when there are none.
func (s *Store) CellTotal(ctx context.Context, f model.Filter) (model.Cell, error) {
	cond, args := cubeWhere(f, -1)
	q := "SELECT c.wave_id, " + cellCols + " FROM rollup_cells c WHERE c.wave_id = ? AND " + cond
	var out []model.Cell
	if err := s.db.WithContext(ctx).Raw(q, append([]any{f.WaveID}, args...)...).Scan(&out).Error; err != nil {
		return model.Cell{}, fmt.Errorf("store: total cell: %w", err)
	}
	if len(out) == 0 {
		return model.Cell{WaveID: f.WaveID}, nil
	}
	return out[0], nil
}

// TrendBy returns, for every wave oldest first, its cells per value of dim
// under the filter's region, industry and size (the filter's wave is
// ignored). Each cell carries its wave's id and name.
func (s *Store) TrendBy(ctx context.Context, dim string, f model.Filter) ([]model.Cell, error) {
	idx, err := dimIndex(dim)
	if err != nil {
		return nil, err
	}
	cond, args := cubeWhere(f, idx)
	q := "SELECT c." + cubeDims()[idx].cube + " AS grp, c.wave_id, w.name AS wave, " + cellCols +
		" FROM rollup_cells c JOIN waves w ON w.id = c.wave_id WHERE " + cond + " ORDER BY w.created_at, w.id, grp"
	var out []model.Cell
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: trend by %s: %w", dim, err)
	}
	return out, nil
}

// Choices returns how often each code of a multi-select question (kind:
// model.ChoiceBarrier or model.ChoiceUseArea) was named under the filter, in
// code order. Codes nobody named are absent.
func (s *Store) Choices(ctx context.Context, kind string, f model.Filter) ([]model.Choice, error) {
	if _, ok := choiceTable(kind); !ok {
		return nil, fmt.Errorf("store: unknown choice kind %q", kind)
	}
	cond, args := cubeWhere(f, -1)
	q := "SELECT c.code, c.n, c.weight FROM rollup_choices c WHERE c.wave_id = ? AND c.kind = ? AND " + cond + " ORDER BY c.code"
	var out []model.Choice
	if err := s.db.WithContext(ctx).Raw(q, append([]any{f.WaveID, kind}, args...)...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: %s choices: %w", kind, err)
	}
	return out, nil
}
