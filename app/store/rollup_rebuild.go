package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"axdash/app/cube"
	"axdash/app/model"
)

// RebuildCube rebuilds one wave's cube from its stored responses in its own
// transaction: a repair for a cube written by an older binary.
func (s *Surveys) RebuildCube(ctx context.Context, waveID int64) error {
	return s.transaction(ctx, func(tx *gorm.DB) error { return rebuildCube(ctx, tx, s.dialect, waveID) })
}

// rebuildCube streams the wave's stored responses, in id order, through the
// same cube.Builder a load feeds, and writes the result inside tx.
func rebuildCube(ctx context.Context, tx *gorm.DB, dialect string, waveID int64) error {
	b := cube.NewBuilder()
	if err := storedResponses(ctx, tx, waveID, b.Add); err != nil {
		return err
	}
	return writeCube(ctx, gormWriter{tx}, dialect, waveID, b.Build(dialect != DialectPostgres))
}

// rebuildAllCubes rebuilds every wave's cube inside tx: a migration that
// changes what a cube holds. A rebuild writes the cube's current shape,
// which its tables hold only from migration 0160 (the moments' stratum)
// on: an earlier migration's rebuild, on a database upgraded from before
// 0160, is left to 0160's, which rebuilds every cube.
func rebuildAllCubes(ctx context.Context, tx *gorm.DB, dialect string) error {
	if !tx.WithContext(ctx).Migrator().HasColumn("rollup_moments", "stratum") {
		return nil
	}
	var ids []int64
	if err := tx.WithContext(ctx).Raw("SELECT id FROM waves ORDER BY id").Scan(&ids).Error; err != nil {
		return fmt.Errorf("store: unable to list waves: %w", err)
	}
	for _, id := range ids {
		if err := rebuildCube(ctx, tx, dialect, id); err != nil {
			return err
		}
	}
	return nil
}

// storedResponses calls fn with each of the wave's responses in id order,
// with the fields the cube reads and their multi-select codes.
func storedResponses(ctx context.Context, tx *gorm.DB, waveID int64, fn func(*model.Response) error) error {
	areas, err := storedCodes(ctx, tx, "response_use_areas", waveID)
	if err != nil {
		return err
	}
	barriers, err := storedCodes(ctx, tx, "response_barriers", waveID)
	if err != nil {
		return err
	}
	rows, err := tx.WithContext(ctx).Raw("SELECT id, region, industry, size_band, stage, weight, adoption_cost, "+
		"gov_support, ai_staff_current, ai_staff_needed, exemplar, record_key, stratum FROM responses WHERE wave_id = ? ORDER BY id", waveID).Rows()
	if err != nil {
		return fmt.Errorf("store: unable to read the responses of wave %d: %w", waveID, err)
	}
	defer rows.Close()
	var r model.Response
	for rows.Next() {
		r = model.Response{}
		if err := rows.Scan(&r.ID, &r.Region, &r.Industry, &r.SizeBand, &r.Stage, &r.Weight, &r.AdoptionCost,
			&r.GovSupport, &r.AIStaffCurrent, &r.AIStaffNeeded, &r.Exemplar, &r.RecordKey, &r.Stratum); err != nil {
			return fmt.Errorf("store: unable to read the responses of wave %d: %w", waveID, err)
		}
		for _, c := range areas[r.ID] {
			r.UseAreas = append(r.UseAreas, model.ResponseUseArea{Code: c})
		}
		for _, c := range barriers[r.ID] {
			r.Barriers = append(r.Barriers, model.ResponseBarrier{Code: c})
		}
		if err := fn(&r); err != nil {
			return fmt.Errorf("store: response %d of wave %d: %w", r.ID, waveID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: unable to read the responses of wave %d: %w", waveID, err)
	}
	return nil
}

// storedCodes reads a multi-select table's codes of the wave's responses.
func storedCodes(ctx context.Context, tx *gorm.DB, table string, waveID int64) (map[int64][]string, error) {
	rows, err := tx.WithContext(ctx).Raw("SELECT x.response_id, x.code FROM "+table+" x JOIN responses r ON r.id = x.response_id "+
		"WHERE r.wave_id = ? ORDER BY x.response_id, x.code", waveID).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: unable to read %s of wave %d: %w", table, waveID, err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, fmt.Errorf("store: unable to read %s of wave %d: %w", table, waveID, err)
		}
		out[id] = append(out[id], code)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to read %s of wave %d: %w", table, waveID, err)
	}
	return out, nil
}
