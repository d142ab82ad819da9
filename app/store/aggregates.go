package store

import (
	"context"
	"fmt"
	"strings"

	"axdash/app/model"
)

// Group dimensions the aggregates accept. The SQL column comes from this
// allowlist only, never from the caller's text.
const (
	ByRegion   = "region"
	ByIndustry = "industry"
	BySize     = "size"
)

var groupColumns = map[string]string{
	ByRegion:   "r.region",
	ByIndustry: "r.industry",
	BySize:     "r.size_band",
}

// adoptedSQL is the design's definition of adoption (stage 도입 or 확산).
const adoptedSQL = "r.stage IN ('도입', '확산')"

func groupColumn(dim string) (string, error) {
	col, ok := groupColumns[dim]
	if !ok {
		return "", fmt.Errorf("store: unknown group %q", dim)
	}
	return col, nil
}

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
// the weight of adopters. Groups without responses are absent.
func (s *Store) AdoptionBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupRate, error) {
	col, err := groupColumn(dim)
	if err != nil {
		return nil, err
	}
	cond, args := where(f)
	q := "SELECT " + col + " AS grp, COUNT(*) AS n, SUM(r.weight) AS weight_total, " +
		"SUM(CASE WHEN " + adoptedSQL + " THEN r.weight ELSE 0 END) AS weight_adopt " +
		"FROM responses r WHERE " + cond + " GROUP BY " + col + " ORDER BY " + col
	var out []model.GroupRate
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: adoption by %s: %w", dim, err)
	}
	return out, nil
}

// CostBy returns, per group, over responses with an adoption cost above zero:
// the count, the weighted mean and the weighted median (the smallest cost at
// which the cumulative weight reaches half the group's weight).
func (s *Store) CostBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupCost, error) {
	col, err := groupColumn(dim)
	if err != nil {
		return nil, err
	}
	cond, args := where(f)
	cond += " AND r.adoption_cost > 0"
	means := "SELECT " + col + " AS grp, COUNT(*) AS n, " +
		"SUM(r.weight * r.adoption_cost) / SUM(r.weight) AS mean " +
		"FROM responses r WHERE " + cond + " GROUP BY " + col
	medians := "WITH c AS (SELECT " + col + " AS grp, r.adoption_cost AS v, " +
		"SUM(r.weight) OVER (PARTITION BY " + col + " ORDER BY r.adoption_cost, r.id ROWS UNBOUNDED PRECEDING) AS cw, " +
		"SUM(r.weight) OVER (PARTITION BY " + col + ") AS tw " +
		"FROM responses r WHERE " + cond + ") " +
		"SELECT grp, MIN(v) AS median FROM c WHERE cw >= tw / 2 GROUP BY grp"
	q := "SELECT m.grp, m.n, m.mean, d.median FROM (" + means + ") m JOIN (" + medians + ") d ON d.grp = m.grp ORDER BY m.grp"
	all := append(append([]any{}, args...), args...)
	var out []model.GroupCost
	if err := s.db.WithContext(ctx).Raw(q, all...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: cost by %s: %w", dim, err)
	}
	return out, nil
}

// TalentBy returns, per group, the weighted AI staff now, needed, and the
// weighted gap Σw·max(needed − current, 0). Missing counts count as zero.
func (s *Store) TalentBy(ctx context.Context, dim string, f model.Filter) ([]model.GroupTalent, error) {
	col, err := groupColumn(dim)
	if err != nil {
		return nil, err
	}
	cond, args := where(f)
	q := "SELECT " + col + " AS grp, COUNT(*) AS n, " +
		"SUM(r.weight * COALESCE(r.ai_staff_current, 0)) AS staff_current, " +
		"SUM(r.weight * COALESCE(r.ai_staff_needed, 0)) AS staff_needed, " +
		"SUM(r.weight * CASE WHEN COALESCE(r.ai_staff_needed, 0) > COALESCE(r.ai_staff_current, 0) " +
		"THEN COALESCE(r.ai_staff_needed, 0) - COALESCE(r.ai_staff_current, 0) ELSE 0 END) AS gap " +
		"FROM responses r WHERE " + cond + " GROUP BY " + col + " ORDER BY " + col
	var out []model.GroupTalent
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: talent by %s: %w", dim, err)
	}
	return out, nil
}
