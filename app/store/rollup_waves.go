package store

import (
	"context"
	"fmt"

	"axdash/app/model"
)

// WaveState is a wave with its response count and the version of its
// cube: the stored import it was built from. Readers key caches and their
// in-memory cubes on the versions, so a commit anywhere shows up on the
// next read of them.
type WaveState struct {
	WaveSummary
	Version int64 `json:"-"`
}

// waveStatesSQL lists the waves with their cube's version and response
// count: one small read of two small tables (a wave's cube is written in
// the transaction that changes the wave, so it is never stale; a wave
// without a cube row has none yet and reads as empty).
const waveStatesSQL = "SELECT w.id, w.name, w.created_at, w.period_start, w.period_end, w.synthetic, rw.responses, rw.import_id AS rolled " +
	"FROM waves w LEFT JOIN rollup_waves rw ON rw.wave_id = w.id ORDER BY w.created_at, w.id"

type stateRow struct {
	model.Wave
	Responses *int64
	Rolled    *int64
}

// WaveStates lists the waves in survey order (surveyOrder), oldest first,
// with their response counts and cube versions: the order the previous
// wave and the trends follow. It only reads: it never writes, locks or
// repairs.
func (s *Surveys) WaveStates(ctx context.Context) ([]WaveState, error) {
	var rows []stateRow
	if err := s.db.WithContext(ctx).Raw(waveStatesSQL).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read the wave states: %w", err)
	}
	sortBySurvey(rows, func(r *stateRow) *model.Wave { return &r.Wave })
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
