package store

import (
	"context"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"axdash/app/model"
)

// ClaimPolicy is how a runner claims: who it is, when another runner's job
// counts as abandoned, and how many claims a job gets.
type ClaimPolicy struct {
	Owner       string        // this runner, unique among processes (host, pid, worker)
	StaleAfter  time.Duration // a heartbeat older than this means the runner died
	MaxAttempts int           // a job claimed this often and abandoned again fails
}

// ExhaustedMessage is the error a job gets when its runners kept dying.
const ExhaustedMessage = "가져오기 작업이 여러 번 중단되어(처리 서버 종료) 더 시도하지 않습니다. 파일을 다시 올려 주세요."

// runnable selects jobs a runner may take: queued or commit-requested ones
// nobody holds, and ones whose runner stopped heartbeating before the
// cutoff that fills the %s (see staleSQL).
const runnable = "((state IN ('queued', 'committing') AND claimed_by = '') OR " +
	"(state IN ('parsing', 'committing') AND claimed_by <> '' AND heartbeat_at < %s))"

// beatSQL and staleSQL are where heartbeats are stamped and judged: the
// database's own clock on PostgreSQL, where runners on several hosts meet
// and their clocks may differ; Go's on SQLite, which lives on one host.
func (s *Jobs) beatSQL() (string, []any) {
	if s.dialect == DialectPostgres {
		return "now()", nil
	}
	return "?", []any{time.Now().UTC()}
}

func (s *Jobs) staleSQL(d time.Duration) (string, []any) {
	if s.dialect == DialectPostgres {
		return "now() - make_interval(secs => ?)", []any{d.Seconds()}
	}
	return "?", []any{time.Now().UTC().Add(-d)}
}

// ClaimJob takes the oldest runnable job for p.Owner in one statement and
// returns it (nil when there is none). A queued job moves to parsing; a
// committing one stays committing. Each claim counts an attempt; abandoned
// jobs that used up p.MaxAttempts are failed first. On PostgreSQL the
// candidate is locked with FOR UPDATE SKIP LOCKED, so concurrent runners
// each get a different job; on SQLite the single writer serialises the
// UPDATE … WHERE id = (SELECT …).
func (s *Jobs) ClaimJob(ctx context.Context, p ClaimPolicy) (*model.Job, error) {
	now := time.Now().UTC()
	stale, staleArgs := s.staleSQL(p.StaleAfter)
	beat, beatArgs := s.beatSQL()
	db := s.db.WithContext(ctx)
	if err := s.failExhausted(ctx, p, now); err != nil {
		return nil, err
	}
	set := "UPDATE import_jobs SET claimed_by = ?, heartbeat_at = " + beat + ", updated_at = ?, attempts = attempts + 1, " +
		"state = CASE WHEN state = 'queued' THEN 'parsing' ELSE state END "
	setArgs := append(append([]any{p.Owner}, beatArgs...), now)
	pick := "SELECT id FROM import_jobs WHERE " + fmt.Sprintf(runnable, stale) + " ORDER BY id LIMIT 1"
	var jobs []model.Job
	var err error
	if s.dialect == DialectPostgres {
		err = s.transaction(ctx, func(tx *gorm.DB) error {
			var ids []int64
			if err := tx.Raw(pick+" FOR UPDATE SKIP LOCKED", staleArgs...).Scan(&ids).Error; err != nil || len(ids) == 0 {
				return err
			}
			return tx.Raw(set+"WHERE id = ? RETURNING "+jobColumns, append(setArgs, ids[0])...).Scan(&jobs).Error
		})
	} else {
		err = db.Raw(set+"WHERE id = ("+pick+") RETURNING "+jobColumns, append(setArgs, staleArgs...)...).Scan(&jobs).Error
	}
	if err != nil {
		return nil, fmt.Errorf("store: claim import job: %w", err)
	}
	if len(jobs) == 0 {
		return nil, nil
	}
	return &jobs[0], nil
}

// failExhausted fails the abandoned jobs that used up p.MaxAttempts, each
// with its event.
func (s *Jobs) failExhausted(ctx context.Context, p ClaimPolicy, now time.Time) error {
	stale, staleArgs := s.staleSQL(p.StaleAfter)
	args := append(append([]any{model.JobFailed, ExhaustedMessage, now}, staleArgs...), p.MaxAttempts)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var ids []int64
		if err := tx.Raw("UPDATE import_jobs SET state = ?, error = ?, claimed_by = '', updated_at = ? "+
			"WHERE state IN ('parsing', 'committing') AND claimed_by <> '' AND heartbeat_at < "+stale+" AND attempts >= ? "+
			"RETURNING id", args...).Scan(&ids).Error; err != nil {
			return err
		}
		for _, id := range ids {
			if err := addJobEvent(tx, runnerEvent(id, model.JobFailed, now)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: fail abandoned import jobs: %w", err)
	}
	return nil
}

// Heartbeat says the owner still works on the job and how far it read.
// ErrJobLost when the job was cancelled or taken over meanwhile: the
// runner must stop.
func (s *Jobs) Heartbeat(ctx context.Context, id int64, owner string, rowsRead int) error {
	beat, beatArgs := s.beatSQL()
	args := append(append(beatArgs, rowsRead), time.Now().UTC())
	return ownedUpdate(s.db.WithContext(ctx), id, owner, "heartbeat", "heartbeat_at = "+beat+", rows_read = ?, updated_at = ?",
		args...)
}

// ReleaseJob gives a job back without counting the attempt, for a runner
// that shuts down: a parse starts over from queued, a commit stays
// requested, and another process takes it.
func (s *Jobs) ReleaseJob(ctx context.Context, id int64, owner string) error {
	return ownedUpdate(s.db.WithContext(ctx), id, owner, "release",
		"state = CASE WHEN state = 'parsing' THEN 'queued' ELSE state END, claimed_by = '', "+
			"attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = ?", time.Now().UTC())
}

// FinishJob ends an owned job in state (refused or failed) with its report
// (may be empty) and a Korean error for failures.
func (s *Jobs) FinishJob(ctx context.Context, id int64, owner, state string, report []byte, msg string) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := ownedUpdate(tx, id, owner, "finish", "state = ?, report = ?, error = ?, claimed_by = '', updated_at = ?",
			state, string(report), truncateRunes(msg, 1000), now); err != nil {
			return err
		}
		return addJobEvent(tx, runnerEvent(id, state, now))
	})
}

// ownedUpdate applies set to a job owner holds, parsing or committing.
func ownedUpdate(db *gorm.DB, id int64, owner, what, set string, args ...any) error {
	args = append(args, id, owner)
	res := db.Exec("UPDATE import_jobs SET "+set+
		" WHERE id = ? AND claimed_by = ? AND state IN ('parsing', 'committing')", args...)
	if res.Error != nil {
		return fmt.Errorf("store: import job %d %s: %w", id, what, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: import job %d %s: %w", id, what, ErrJobLost)
	}
	return nil
}

// CheckResult is the end of a job's parse: its state (checked or refused),
// the rows read, the report JSON and the annotated workbook (nil when none
// was written).
type CheckResult struct {
	State     string
	Rows      int
	Report    []byte
	Annotated io.Reader
}

// SaveCheck ends the parse of an owned job with its result, in one
// transaction; nothing is kept if the job was lost. The commit that may
// follow gets attempts of its own.
func (s *Jobs) SaveCheck(ctx context.Context, id int64, owner string, res CheckResult) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM import_job_chunks WHERE job_id = ?", id).Error; err != nil {
			return fmt.Errorf("store: clear annotated workbook: %w", err)
		}
		var size int64
		if res.Annotated != nil {
			var err error
			size, _, err = writeChunks(res.Annotated, func(seq int, b []byte) error {
				return tx.Exec("INSERT INTO import_job_chunks (job_id, seq, content) VALUES (?, ?, ?)", id, seq, b).Error
			})
			if err != nil {
				return fmt.Errorf("store: keep annotated workbook: %w", err)
			}
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		up := tx.Exec("UPDATE import_jobs SET state = ?, rows_read = ?, report = ?, annotated_size = ?, claimed_by = '', attempts = 0, "+
			"updated_at = ? WHERE id = ? AND claimed_by = ? AND state = 'parsing'",
			res.State, res.Rows, string(res.Report), size, now, id, owner)
		if up.Error != nil {
			return fmt.Errorf("store: save import job %d check: %w", id, up.Error)
		}
		if up.RowsAffected == 0 {
			return fmt.Errorf("store: save import job %d check: %w", id, ErrJobLost)
		}
		return addJobEvent(tx, runnerEvent(id, res.State, now))
	})
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
