package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"axdash/app/model"
)

// WaveSummary is a wave with its response count.
type WaveSummary struct {
	model.Wave
	Responses int64 `json:"responses"`
}

// waveColumns are the waves columns model.Wave reads, from waves AS w.
const waveColumns = "w.id, w.name, w.created_at, w.synthetic, w.period_start, w.period_end, w.agency, w.design_note"

// Waves lists the waves in survey order (surveyOrder), oldest first. The
// order is surveyOrder's alone, not SQL's: it compares dates the two
// dialects store differently, and it is total (ties go by id).
func (s *Surveys) Waves(ctx context.Context) ([]WaveSummary, error) {
	var out []WaveSummary
	err := s.db.WithContext(ctx).Table("waves AS w").
		Select(waveColumns + ", (SELECT COUNT(*) FROM responses r WHERE r.wave_id = w.id) AS responses").
		Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: list waves: %w", err)
	}
	sortBySurvey(out, func(w *WaveSummary) *model.Wave { return &w.Wave })
	return out, nil
}

// WaveByName finds a wave; ErrNotFound when there is none.
func (s *Surveys) WaveByName(ctx context.Context, name string) (*model.Wave, error) {
	var w model.Wave
	err := s.db.WithContext(ctx).Where("name = ?", name).Take(&w).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("store: wave %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find wave %q: %w", name, err)
	}
	return &w, nil
}

// ImportByID returns one import record.
func (s *Surveys) ImportByID(ctx context.Context, id int64) (*model.Import, error) {
	var imp model.Import
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&imp).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("store: import %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find import %d: %w", id, err)
	}
	return &imp, nil
}

// IsEmpty reports whether no responses are stored yet.
func (s *Surveys) IsEmpty(ctx context.Context) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.Response{}).Limit(1).Count(&n).Error; err != nil {
		return false, fmt.Errorf("store: count responses: %w", err)
	}
	return n == 0, nil
}

// FileImported reports whether a file with this SHA-256 was already stored.
func (s *Surveys) FileImported(ctx context.Context, sha string) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.Import{}).Where("sha256 = ?", sha).Count(&n).Error; err != nil {
		return false, fmt.Errorf("store: check file: %w", err)
	}
	return n > 0, nil
}

// WaveHasData reports whether the named wave exists and holds responses.
func (s *Surveys) WaveHasData(ctx context.Context, name string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Table("responses AS r").Joins("JOIN waves w ON w.id = r.wave_id").
		Where("w.name = ?", name).Limit(1).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: check wave %q: %w", name, err)
	}
	return n > 0, nil
}
