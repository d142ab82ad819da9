package store

import (
	"context"
	"strings"

	"axdash/app/model"
)

// Group dimensions the aggregates accept. The SQL column comes from an
// allowlist only (dimIndex, cubeDims()), never from the caller's text.
const (
	ByRegion   = "region"
	ByIndustry = "industry"
	BySize     = "size"
)

// where turns a filter into a WHERE clause over responses r. Only constant
// fragments become SQL; every value is a bound argument.
func where(f model.Filter) (string, []any) {
	parts := []string{"r.wave_id = ?"}
	args := []any{f.WaveID}
	for _, c := range []struct{ col, val string }{
		{"r.region", f.Region}, {"r.industry", f.Industry}, {"r.size_band", f.Size},
	} {
		if c.val != "" {
			parts = append(parts, c.col+" = ?")
			args = append(args, c.val)
		}
	}
	return strings.Join(parts, " AND "), args
}

// AdoptionBy returns, per group, the response count, the total weight and
// the weight of adopters (stage 도입 or 확산). Groups without responses are
// absent. It reads the wave's rollup (see CellsBy).
func (s *Store) AdoptionBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupRate, error) {
	cells, err := s.CellsBy(ctx, dim, f)
	if err != nil {
		return nil, err
	}
	out := make([]model.GroupRate, len(cells))
	for i, c := range cells {
		out[i] = model.GroupRate{Key: c.Key, N: c.N, WeightTotal: c.Weight, WeightAdopt: c.AdoptedWeight()}
	}
	return out, nil
}

// CostBy returns, per group, over responses with an adoption cost above zero:
// the count, the weighted mean and the weighted median (the smallest cost at
// which the cumulative weight reaches half the group's weight). Groups
// without such responses are absent.
func (s *Store) CostBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupCost, error) {
	cells, err := s.CellsBy(ctx, dim, f)
	if err != nil {
		return nil, err
	}
	var out []model.GroupCost
	for _, c := range cells {
		if c.NCost == 0 || c.MedianCost == nil {
			continue
		}
		out = append(out, model.GroupCost{Key: c.Key, N: c.NCost, Mean: c.WXCost / c.WCost, Median: *c.MedianCost})
	}
	return out, nil
}

// TalentBy returns, per group, the weighted AI staff now, needed, and the
// weighted gap Σw·max(needed − current, 0). Missing counts count as zero.
func (s *Store) TalentBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupTalent, error) {
	cells, err := s.CellsBy(ctx, dim, f)
	if err != nil {
		return nil, err
	}
	out := make([]model.GroupTalent, len(cells))
	for i, c := range cells {
		out[i] = model.GroupTalent{Key: c.Key, N: c.N, Current: c.Current, Needed: c.Needed, Gap: c.Gap}
	}
	return out, nil
}
