package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"axdash/app/model"
)

// ErrNotOwner: the actor may not commit or cancel the job, which another
// account uploaded (see model.Job.MayAct).
var ErrNotOwner = errors.New("the import job belongs to another account")

// errNotMoved ends a move's transaction when its UPDATE matched no row.
var errNotMoved = errors.New("no job moved")

// insertJobEvent records one step of a job; jobEventArgs are its values.
const insertJobEvent = "INSERT INTO import_job_events (job_id, action, user_id, user_login, skip_invalid, replace_wave, " +
	"created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"

func jobEventArgs(e model.JobEvent) []any {
	return []any{e.JobID, e.Action, e.UserID, e.UserLogin, e.SkipInvalid, e.Replace, e.At}
}

// addJobEvent records e in tx, the transaction of the step itself, so a
// step is never kept without its event or the other way round.
func addJobEvent(tx *gorm.DB, e model.JobEvent) error {
	if err := tx.Exec(insertJobEvent, jobEventArgs(e)...).Error; err != nil {
		return fmt.Errorf("store: record import job %d %s: %w", e.JobID, e.Action, err)
	}
	return nil
}

// runnerEvent is the runner's step of job id into state at at.
func runnerEvent(id int64, state string, at time.Time) model.JobEvent {
	return model.JobEvent{JobID: id, Action: state, At: at}
}

// jobEvents reads the events of the jobs ids, oldest first, by job; a job
// without any has an empty list, which JSON shows as [] rather than null.
func (s *Jobs) jobEvents(ctx context.Context, ids []int64) (map[int64][]model.JobEvent, error) {
	out := make(map[int64][]model.JobEvent, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	for _, id := range ids {
		out[id] = []model.JobEvent{}
	}
	var events []model.JobEvent
	if err := s.db.WithContext(ctx).Raw("SELECT job_id, action, user_id, user_login, skip_invalid, replace_wave, created_at "+
		"FROM import_job_events WHERE job_id IN ? ORDER BY job_id, id", ids).Scan(&events).Error; err != nil {
		return nil, fmt.Errorf("store: read import job events: %w", err)
	}
	for _, e := range events {
		out[e.JobID] = append(out[e.JobID], e)
	}
	return out, nil
}

// RequestCommit asks, for by, that a checked job be stored with the
// analyst's options; a runner then claims it. ErrNotOwner when by may not
// act on the job, ErrJobState unless it is checked.
func (s *Jobs) RequestCommit(ctx context.Context, id int64, by model.Actor, skipInvalid, replace bool) error {
	ev := model.JobEvent{Action: model.EventCommit, SkipInvalid: skipInvalid, Replace: replace}
	return s.moveJob(ctx, id, by, ev, "state = ?, skip_invalid = ?, replace_wave = ?, claimed_by = '', error = ''",
		"state = 'checked'", model.JobCommitting, skipInvalid, replace)
}

// CancelJob cancels, for by, a job that has not ended; a runner working on
// it notices at its next heartbeat. ErrNotOwner when by may not act on the
// job, ErrJobState when it already ended.
func (s *Jobs) CancelJob(ctx context.Context, id int64, by model.Actor) error {
	return s.moveJob(ctx, id, by, model.JobEvent{Action: model.EventCancel}, "state = ?",
		"state IN ('queued', 'parsing', 'checked', 'committing')", model.JobCancelled)
}

// moveJob applies set to job id when it is in a state when allows and by
// may act on it, and records ev for by, in one transaction. The ownership
// is part of the UPDATE's WHERE, so the job cannot change hands or state
// between a check and the move.
func (s *Jobs) moveJob(ctx context.Context, id int64, by model.Actor, ev model.JobEvent, set, when string, args ...any) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	args = append(args, now, id)
	where := "id = ? AND " + when
	if !by.Admin { // model.Job.MayAct
		where += " AND user_id = ?"
		args = append(args, by.UserID)
	}
	ev.JobID, ev.UserID, ev.UserLogin, ev.At = id, by.UserID, by.Login, now
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("UPDATE import_jobs SET "+set+", updated_at = ? WHERE "+where, args...)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errNotMoved
		}
		return addJobEvent(tx, ev)
	})
	if err == nil {
		return nil
	}
	if !errors.Is(err, errNotMoved) {
		return fmt.Errorf("store: import job %d %s: %w", id, ev.Action, err)
	}
	job, err := s.Job(ctx, id)
	if err != nil {
		return err
	}
	if !job.MayAct(by) {
		return fmt.Errorf("store: import job %d %s by %q: %w", id, ev.Action, by.Login, ErrNotOwner)
	}
	return fmt.Errorf("store: import job %d %s: %w", id, ev.Action, ErrJobState)
}
