package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"axdash/app/model"
)

// WavePeriod returns the named wave's survey period, or nil when the wave
// does not exist or has none.
func (s *Surveys) WavePeriod(ctx context.Context, name string) (*model.Period, error) {
	w, err := s.WaveByName(ctx, name)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if w.PeriodStart == nil || w.PeriodEnd == nil {
		return nil, nil
	}
	return &model.Period{Start: w.PeriodStart.UTC(), End: w.PeriodEnd.UTC()}, nil
}

// BaselineBin is the count of stored positive values of one field, in one
// industry × size band, whose model.LogBin is Bin.
type BaselineBin struct {
	Field    string
	Industry string
	SizeBand string
	Bin      int
	N        int64
}

// OutlierBaseline reads, in one grouped query over the stored histograms,
// the distributions of the given fields over every stored wave except the
// one named (the wave being imported, which a replace swaps out).
func (s *Surveys) OutlierBaseline(ctx context.Context, exceptWave string, fields []string) ([]BaselineBin, error) {
	var out []BaselineBin
	if len(fields) == 0 {
		return out, nil
	}
	err := s.db.WithContext(ctx).Table("quality_histograms AS h").
		Select("h.field, h.industry, h.size_band, h.bin, SUM(h.n) AS n").
		Joins("JOIN waves w ON w.id = h.wave_id").Where("w.name <> ? AND h.field IN ?", exceptWave, fields).
		Group("h.field, h.industry, h.size_band, h.bin").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: outlier baseline: %w", err)
	}
	return out, nil
}

// FindingCounts counts a wave's stored findings by code, errors first.
func (s *Surveys) FindingCounts(ctx context.Context, waveID int64) ([]model.FindingCount, error) {
	var out []model.FindingCount
	err := s.db.WithContext(ctx).Table("quality_findings").
		Select("code, MIN(severity) AS severity, MIN(message) AS message, COUNT(*) AS count").
		Where("wave_id = ?", waveID).Group("code").Order("MIN(severity), code").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: count findings: %w", err)
	}
	return out, nil
}

// FindingFilter selects a wave's findings, optionally of one code, a page
// at a time (Limit 0: all).
type FindingFilter struct {
	WaveID int64
	Code   string
	Offset int
	Limit  int
}

// Findings lists the selected findings in sheet order and their total.
func (s *Surveys) Findings(ctx context.Context, f FindingFilter) ([]model.Finding, int64, error) {
	base := func() *gorm.DB {
		q := s.db.WithContext(ctx).Table("quality_findings").Where("wave_id = ?", f.WaveID)
		if f.Code != "" {
			q = q.Where("code = ?", f.Code)
		}
		return q
	}
	var total int64
	if err := base().Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("store: count findings: %w", err)
	}
	var out []model.Finding
	q := base().Order("source_row, id").Offset(f.Offset)
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	if err := q.Find(&out).Error; err != nil {
		return nil, 0, fmt.Errorf("store: list findings: %w", err)
	}
	return out, total, nil
}
