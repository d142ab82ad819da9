package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"axdash/app/model"
)

// WaveState is a wave with its response count and the version of its
// rollup: the stored import the cube was built from. Readers key caches on
// the versions, so a commit anywhere shows up on the next request.
type WaveState struct {
	WaveSummary
	Version int64 `json:"-"`
}

// waveStatesSQL lists the waves oldest first with their cube's version
// (rolled, NULL before the first build) and the version it should have.
const waveStatesSQL = "SELECT w.id, w.name, w.created_at, rw.responses, rw.import_id AS rolled, " +
	"COALESCE((SELECT MAX(i.id) FROM imports i WHERE i.wave_id = w.id AND i.status = ?), 0) AS latest " +
	"FROM waves w LEFT JOIN rollup_waves rw ON rw.wave_id = w.id"

type stateRow struct {
	model.Wave
	Responses *int64
	Rolled    *int64
	Latest    int64
}

func (r stateRow) stale() bool { return r.Rolled == nil || *r.Rolled != r.Latest }

// WaveStates lists the waves oldest first with their response counts read
// from the rollups, first rebuilding any wave whose cube is missing or older
// than its newest stored import (a commit that did not refresh it). A
// read-only store repairs nothing (see repairs): it serves the cube as the
// primary last built it.
func (s *Store) WaveStates(ctx context.Context) ([]WaveState, error) {
	rows, err := s.stateRows(ctx, 0)
	if err != nil {
		return nil, err
	}
	refreshed := false
	for _, r := range rows {
		if r.stale() && s.repairs() {
			if err := s.refreshIfStale(ctx, r.ID); err != nil {
				return nil, err
			}
			refreshed = true
		}
	}
	if refreshed {
		if rows, err = s.stateRows(ctx, 0); err != nil {
			return nil, err
		}
	}
	out := make([]WaveState, len(rows))
	for i, r := range rows {
		out[i] = WaveState{WaveSummary: WaveSummary{Wave: r.Wave}}
		if r.Responses != nil {
			out[i].Responses = *r.Responses
		}
		if r.Rolled != nil {
			out[i].Version = *r.Rolled
		}
	}
	return out, nil
}

// stateRows reads the states of every wave, or of one when waveID > 0.
func (s *Store) stateRows(ctx context.Context, waveID int64) ([]stateRow, error) {
	q, args := waveStatesSQL, []any{model.StatusStored}
	if waveID > 0 {
		q += " WHERE w.id = ?"
		args = append(args, waveID)
	}
	var rows []stateRow
	if err := s.db.WithContext(ctx).Raw(q+" ORDER BY w.created_at, w.id", args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: wave states: %w", err)
	}
	return rows, nil
}

// ensureFresh rebuilds one wave's cube if it is missing or stale; a wave
// that does not exist has nothing to rebuild.
func (s *Store) ensureFresh(ctx context.Context, waveID int64) error {
	if !s.repairs() {
		return nil
	}
	rows, err := s.stateRows(ctx, waveID)
	if err != nil {
		return err
	}
	if len(rows) == 1 && rows[0].stale() {
		return s.refreshIfStale(ctx, waveID)
	}
	return nil
}

// repairs says whether reads may rebuild a stale cube: not on a read-only
// store, whose database refuses the write (a hot standby, a SELECT-only
// role); the primary's servers rebuild it, and the replica follows.
func (s *Store) repairs() bool { return !s.readOnly }

// refreshIfStale rebuilds a wave's cube unless another request did so since
// we looked. The transaction writes first (dropping a stale version row) so
// that SQLite takes its write lock before reading, and PostgreSQL holds the
// wave's advisory lock; either way two rebuilds never interleave.
func (s *Store) refreshIfStale(ctx context.Context, waveID int64) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		exec := func(q string, args ...any) error { return tx.Exec(q, args...).Error }
		if s.dialect == DialectPostgres {
			if err := exec("SELECT pg_advisory_xact_lock(7423002, ?)", int32(waveID)); err != nil {
				return fmt.Errorf("store: lock rollup of wave %d: %w", waveID, err)
			}
		}
		err := exec("DELETE FROM rollup_waves WHERE wave_id = ? AND import_id <> "+
			"COALESCE((SELECT MAX(i.id) FROM imports i WHERE i.wave_id = ? AND i.status = ?), 0)",
			waveID, waveID, model.StatusStored)
		if err != nil {
			return fmt.Errorf("store: check rollup of wave %d: %w", waveID, err)
		}
		var fresh int64
		if err := tx.Raw("SELECT COUNT(*) FROM rollup_waves WHERE wave_id = ?", waveID).Scan(&fresh).Error; err != nil {
			return fmt.Errorf("store: check rollup of wave %d: %w", waveID, err)
		}
		if fresh > 0 {
			return nil
		}
		return rebuildCube(ctx, tx, s.dialect, waveID)
	})
}
