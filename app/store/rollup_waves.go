package store

import (
	"context"
	"fmt"

	"axdash/app/model"
)

// WaveState is a wave with its response count, its source file and the
// version of its cube: the stored import it was built from. Readers key
// caches and their in-memory cubes on the versions, so a commit anywhere
// shows up on the next read of them.
type WaveState struct {
	WaveSummary
	// Files are the files the wave's responses came from: the import its
	// cube was built from (a replaced file's rows are gone); empty while
	// the wave has no cube.
	Files   []WaveFile `json:"files"`
	Version int64      `json:"-"`
}

// WaveFile is one source file of a wave: its name, SHA-256 and the
// responses stored from it.
type WaveFile struct {
	Name      string `json:"name"`
	SHA256    string `json:"sha256"`
	Responses int64  `json:"responses"`
}

// waveStatesSQL lists the waves with their cube's version, response count
// and source file: one small read of three small tables (a wave's cube is
// written in the transaction that changes the wave, so it is never stale; a
// wave without a cube row has none yet and reads as empty). It has no
// ORDER BY: WaveStates sorts by surveyOrder, as Waves does.
const waveStatesSQL = "SELECT " + waveColumns + ", rw.responses, rw.import_id AS rolled, " +
	"i.file_name, i.sha256 AS file_sha256, i.stored_count AS file_responses " +
	"FROM waves w LEFT JOIN rollup_waves rw ON rw.wave_id = w.id LEFT JOIN imports i ON i.id = rw.import_id"

type stateRow struct {
	model.Wave
	Responses     *int64
	Rolled        *int64
	FileName      *string
	FileSHA256    *string `gorm:"column:file_sha256"`
	FileResponses *int64
}

// WaveStates lists the waves in survey order (surveyOrder), oldest first,
// with their response counts, source files and cube versions: the order
// the previous wave and the trends follow. It only reads: it never writes, locks or
// repairs.
func (s *Surveys) WaveStates(ctx context.Context) ([]WaveState, error) {
	var rows []stateRow
	if err := s.db.WithContext(ctx).Raw(waveStatesSQL).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read the wave states: %w", err)
	}
	sortBySurvey(rows, func(r *stateRow) *model.Wave { return &r.Wave })
	out := make([]WaveState, len(rows))
	for i, r := range rows {
		out[i] = WaveState{WaveSummary: WaveSummary{Wave: r.Wave}, Files: []WaveFile{}}
		if r.Responses != nil {
			out[i].Responses = *r.Responses
		}
		if r.Rolled != nil {
			out[i].Version = *r.Rolled
		}
		if r.FileName != nil && r.FileSHA256 != nil && r.FileResponses != nil {
			out[i].Files = append(out[i].Files, WaveFile{Name: *r.FileName, SHA256: *r.FileSHA256, Responses: *r.FileResponses})
		}
	}
	return out, nil
}
