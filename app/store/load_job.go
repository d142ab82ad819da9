package store

import (
	"fmt"
	"time"

	"axdash/app/model"
)

// JobCommit makes a load's commit and its job's end one transaction, so
// that a runner dying anywhere leaves the wave stored by the job and the job
// stored, or neither: a takeover then runs the job again, never twice.
type JobCommit struct {
	ID    int64
	Owner string // the runner that claimed the job; a lost claim fails the load
	// Report gives the stored job's report JSON from the import as committed.
	Report func(imp model.Import) ([]byte, error)
	// BeforeCommit, when set, runs after every write and before COMMIT;
	// tests use it to die at the worst moment.
	BeforeCommit func() error
}

// finishJob marks the load's job stored inside the load's transaction,
// only while this runner still holds it in state committing.
func (l *Load) finishJob() error {
	if l.job == nil {
		return nil
	}
	report, err := l.job.Report(l.imp)
	if err != nil {
		return fmt.Errorf("store: import job %d report: %w", l.job.ID, err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	_, held, err := l.tx.queryInt64(l.ctx, "UPDATE import_jobs SET state = ?, import_id = ?, report = ?, claimed_by = '', "+
		"updated_at = ? WHERE id = ? AND claimed_by = ? AND state = ? RETURNING id",
		model.JobStored, l.imp.ID, string(report), now, l.job.ID, l.job.Owner, model.JobCommitting)
	if err != nil {
		return fmt.Errorf("store: mark import job %d stored: %w", l.job.ID, err)
	}
	if !held {
		return fmt.Errorf("store: mark import job %d stored: %w", l.job.ID, ErrJobLost)
	}
	if err := l.tx.exec(l.ctx, insertJobEvent, jobEventArgs(runnerEvent(l.job.ID, model.JobStored, now))...); err != nil {
		return fmt.Errorf("store: record import job %d stored: %w", l.job.ID, err)
	}
	if l.job.BeforeCommit != nil {
		return l.job.BeforeCommit()
	}
	return nil
}

// Rollback abandons everything. It is safe after Commit (a no-op) and twice.
func (l *Load) Rollback() error {
	if l.done {
		return nil
	}
	l.done = true
	l.err = ErrLoadDone
	return l.tx.rollback()
}

// usable refuses a load that already finished, repeating why it failed.
func (l *Load) usable() error {
	if l.err != nil {
		return l.err
	}
	if l.done {
		return ErrLoadDone
	}
	return nil
}

// fail records err and rolls back at once, so that the connection and the
// locks are released even if the caller never calls Rollback.
func (l *Load) fail(err error) {
	if l.done {
		return
	}
	l.done, l.err = true, fmt.Errorf("store: load failed earlier: %w", err)
	_ = l.tx.rollback()
}
