package store

import (
	"context"
	"fmt"

	"axdash/app/model"
)

// markEarlier sets Earlier on each firm of the page whose business number
// was an exemplar in a wave before the query's: one read of the page's
// numbers, never shown. For the public (eq.Consented) an earlier case
// counts only when the firm agreed to publish it too, so the mark tells
// nothing the earlier wave's public list does not.
func (s *Surveys) markEarlier(ctx context.Context, eq model.ExemplarQuery, firms []model.ExemplarFirm) error {
	var numbers []string
	for _, f := range firms {
		if f.BusinessNo != "" {
			numbers = append(numbers, f.BusinessNo)
		}
	}
	if len(numbers) == 0 {
		return nil
	}
	earlier, err := s.wavesBefore(ctx, eq.Filter.WaveID)
	if err != nil || len(earlier) == 0 {
		return err
	}
	q := "SELECT DISTINCT fm.business_no FROM responses r JOIN firms fm ON fm.id = r.firm_id " +
		"WHERE r.exemplar = TRUE AND r.wave_id IN ? AND fm.business_no IN ?"
	if eq.Consented {
		q += " AND r.exemplar_consent = TRUE"
	}
	var found []string
	if err := s.db.WithContext(ctx).Raw(q, earlier, numbers).Scan(&found).Error; err != nil {
		return fmt.Errorf("store: unable to find the firms' earlier exemplar waves: %w", err)
	}
	seen := make(map[string]bool, len(found))
	for _, n := range found {
		seen[n] = true
	}
	for i := range firms {
		firms[i].Earlier = firms[i].BusinessNo != "" && seen[firms[i].BusinessNo]
	}
	return nil
}

// wavesBefore lists the waves surveyed before the given one, in survey
// order (surveyOrder).
func (s *Surveys) wavesBefore(ctx context.Context, waveID int64) ([]int64, error) {
	var rows []model.Wave
	if err := s.db.WithContext(ctx).Raw("SELECT id, period_start, created_at FROM waves").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read the waves' order: %w", err)
	}
	sortBySurvey(rows, func(w *model.Wave) *model.Wave { return w })
	var out []int64
	for _, r := range rows {
		if r.ID == waveID {
			return out, nil
		}
		out = append(out, r.ID)
	}
	return nil, nil // an unknown wave has nothing before it
}
