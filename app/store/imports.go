package store

import (
	"context"

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
func (s *Store) CommitImport(ctx context.Context, in CommitInput) (*model.Import, error) {
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
