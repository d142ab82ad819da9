package store

import (
	"context"
	"fmt"

	"axdash/app/model"
)

type exemplarRow struct {
	ID               int64
	FirmName         string
	BusinessNo       *string
	Region           string
	Industry         string
	SizeBand         string
	Stage            string
	ProductivityGain *float64
	ExemplarNote     string
}

// ExemplarFirms lists the wave's exemplar firms, highest productivity gain
// first, at most limit of them, with their use areas.
func (s *Store) ExemplarFirms(ctx context.Context, f model.Filter, limit int) ([]model.ExemplarFirm, error) {
	cond, args := where(f)
	q := "SELECT r.id, r.firm_name, fm.business_no, r.region, r.industry, r.size_band, r.stage, " +
		"r.productivity_gain, r.exemplar_note FROM responses r JOIN firms fm ON fm.id = r.firm_id " +
		"WHERE " + cond + " AND r.exemplar = ? " +
		"ORDER BY CASE WHEN r.productivity_gain IS NULL THEN 1 ELSE 0 END, r.productivity_gain DESC, r.firm_name, r.id LIMIT ?"
	args = append(args, true, limit)
	var rows []exemplarRow
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: exemplar firms: %w", err)
	}
	areas, err := s.useAreasOf(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make([]model.ExemplarFirm, len(rows))
	for i, r := range rows {
		out[i] = model.ExemplarFirm{
			FirmName: r.FirmName, Region: r.Region, Industry: r.Industry, SizeBand: r.SizeBand,
			Stage: r.Stage, UseAreas: areas[r.ID], ProductivityGain: r.ProductivityGain, Note: r.ExemplarNote,
		}
		if r.BusinessNo != nil {
			out[i].BusinessNo = *r.BusinessNo
		}
	}
	return out, nil
}

func (s *Store) useAreasOf(ctx context.Context, rows []exemplarRow) (map[int64][]string, error) {
	out := make(map[int64][]string, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var areas []model.ResponseUseArea
	if err := s.db.WithContext(ctx).Where("response_id IN ?", ids).Order("response_id, code").Find(&areas).Error; err != nil {
		return nil, fmt.Errorf("store: exemplar use areas: %w", err)
	}
	for _, a := range areas {
		out[a.ResponseID] = append(out[a.ResponseID], a.Code)
	}
	return out, nil
}
