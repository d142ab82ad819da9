package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// BoundaryMap is the uploaded 시도 boundary GeoJSON, already normalised
// (each matched feature named by its region's short name).
type BoundaryMap struct {
	ID         int64
	Content    []byte
	Features   int
	Matched    int
	UploadedBy string
	UploadedAt time.Time
}

// SaveBoundary replaces the boundary map and returns its version.
func (s *Ops) SaveBoundary(ctx context.Context, m BoundaryMap) (int64, error) {
	m.ID, m.UploadedAt = 0, m.UploadedAt.UTC()
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM boundary_maps").Error; err != nil {
			return fmt.Errorf("store: unable to replace boundary map: %w", err)
		}
		if err := tx.Table("boundary_maps").Create(&m).Error; err != nil {
			return fmt.Errorf("store: unable to save boundary map: %w", err)
		}
		return nil
	})
	return m.ID, err
}

// BoundaryVersion is the stored map's version, 0 when there is none: one
// cheap read that tells a reader whether its copy is current.
func (s *Ops) BoundaryVersion(ctx context.Context) (int64, error) {
	var v *int64
	if err := s.db.WithContext(ctx).Raw("SELECT MAX(id) FROM boundary_maps").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("store: unable to read boundary map version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// Boundary returns the stored map; ErrNotFound when there is none.
func (s *Ops) Boundary(ctx context.Context) (*BoundaryMap, error) {
	var m BoundaryMap
	err := s.db.WithContext(ctx).Table("boundary_maps").Order("id DESC").Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("store: boundary map: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read boundary map: %w", err)
	}
	return &m, nil
}

// DeleteBoundary removes the stored map (the file option, if configured,
// applies again).
func (s *Ops) DeleteBoundary(ctx context.Context) error {
	if err := s.db.WithContext(ctx).Exec("DELETE FROM boundary_maps").Error; err != nil {
		return fmt.Errorf("store: unable to delete boundary map: %w", err)
	}
	return nil
}
