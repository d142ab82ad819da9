package store

import (
	"context"
	"fmt"

	"axdash/app/model"
)

// CommitInput is one import ready to store: the wave's name, the audit
// record (counts, hash, file) and the valid rows.
type CommitInput struct {
	Wave    string
	Import  model.Import
	Rows    []model.FirmResponse
	Replace bool // swap out the wave's existing responses instead of refusing
	Batch   int  // rows per write; 0 picks the dialect's default
	Job     *JobCommit
	// Synthetic marks the wave as generated demo data (LoadInput.Synthetic).
	Synthetic bool
}

// CommitImport stores rows already in memory all-or-nothing, through the
// same load as a streaming import (BeginLoad, Add, Commit) but without
// keeping the original file. The same file (by SHA-256) twice is
// ErrDuplicateFile; a wave that already holds responses is ErrWaveExists
// unless Replace is set.
func (s *Surveys) CommitImport(ctx context.Context, in CommitInput) (*model.Import, error) {
	l, err := s.BeginLoad(ctx, LoadInput{Wave: in.Wave, Replace: in.Replace, Import: in.Import, Batch: in.Batch, Job: in.Job,
		Synthetic: in.Synthetic})
	if err != nil {
		return nil, err
	}
	defer l.Rollback() // a no-op once committed
	for _, r := range in.Rows {
		if err := l.Add(r); err != nil {
			return nil, err
		}
	}
	return l.Commit(in.Import, nil)
}

// ReplacedImports are the ids of the stored imports whose responses a later
// import of the same wave replaced (a wave holds one import's responses at
// a time), for the history's 교체됨 mark.
func (s *Surveys) ReplacedImports(ctx context.Context) (map[int64]bool, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Raw("SELECT i.id FROM imports i WHERE i.status = ? AND EXISTS "+
		"(SELECT 1 FROM imports n WHERE n.wave_id = i.wave_id AND n.status = ? AND n.id > i.id)",
		model.StatusStored, model.StatusStored).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: unable to list replaced imports: %w", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
