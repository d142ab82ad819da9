package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"gorm.io/gorm"

	"axdash/app/model"
)

// Errors of the job life cycle.
var (
	// ErrJobState: the job is not in a state that allows the request
	// (commit before the check, cancel after the store, …).
	ErrJobState = errors.New("the import job is not in a state that allows this")
	// ErrJobLost: the runner no longer owns the job (it was cancelled or
	// taken over), so its work must not be kept.
	ErrJobLost = errors.New("the import job is no longer claimed by this runner")
)

// NewJob is one upload as the web layer hands it over: the file's bytes
// come separately, with the SHA-256 and size measured while receiving them.
type NewJob struct {
	Wave      string
	Sheet     string
	FileName  string
	Size      int64
	SHA256    string
	UserID    *int64
	UserLogin string
	Period    *model.Period // the survey period given with the file, if any
	// Agency and Note describe the wave (see model.Wave), "" when not given.
	Agency, Note string
}

// jobColumns are the job's columns without the report, for lists.
const jobColumns = "id, state, wave, sheet, skip_invalid, replace_wave, file_name, file_size, sha256, user_id, " +
	"user_login, created_at, updated_at, rows_read, claimed_by, heartbeat_at, attempts, error, annotated_size, import_id, " +
	"period_start, period_end, agency, design_note"

// CreateJob keeps the uploaded bytes (under their SHA-256, in 1 MiB chunks,
// unless that file is kept already and not purged) and queues a job for
// them, in one transaction, so that whichever process claims the job can
// read the file.
// The bytes must hash to in.SHA256.
func (s *Jobs) CreateJob(ctx context.Context, in NewJob, file io.Reader) (*model.Job, error) {
	now := time.Now().UTC().Truncate(time.Microsecond)
	job := model.Job{State: model.JobQueued, Wave: in.Wave, Sheet: in.Sheet, FileName: in.FileName, FileSize: in.Size,
		SHA256: in.SHA256, UserID: in.UserID, UserLogin: in.UserLogin, CreatedAt: now, UpdatedAt: now,
		Agency: in.Agency, Note: in.Note}
	if in.Period != nil {
		job.PeriodStart, job.PeriodEnd = &in.Period.Start, &in.Period.End
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("INSERT INTO import_files (sha256, size, content, created_at) VALUES (?, ?, ?, ?) "+
			"ON CONFLICT (sha256) DO NOTHING", in.SHA256, in.Size, []byte{}, now)
		if res.Error != nil {
			return fmt.Errorf("store: keep uploaded file: %w", res.Error)
		}
		write := res.RowsAffected == 1
		err := tx.Raw("INSERT INTO import_jobs (state, wave, sheet, file_name, file_size, sha256, user_id, user_login, "+
			"created_at, updated_at, period_start, period_end, agency, design_note) "+
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			job.State, job.Wave, job.Sheet, job.FileName, job.FileSize, job.SHA256, job.UserID, job.UserLogin,
			now, now, job.PeriodStart, job.PeriodEnd, job.Agency, job.Note).Scan(&job.ID).Error
		if err != nil {
			return err
		}
		job.Events = []model.JobEvent{{JobID: job.ID, Action: model.EventUploaded, UserID: in.UserID, UserLogin: in.UserLogin,
			At: now}}
		if err := addJobEvent(tx, job.Events[0]); err != nil {
			return err
		}
		return keepUpload(tx, in, file, write)
	})
	if err != nil {
		return nil, fmt.Errorf("store: create import job: %w", err)
	}
	return &job, nil
}

// keepUpload writes the chunks of an upload whose file row was just
// inserted, or whose kept file the retention rule purged: that one is
// brought back. It runs after the job's INSERT, whose foreign key holds
// the file's row from then on (PostgreSQL: FOR KEY SHARE), so a purge
// either committed before the UPDATE below, which then sees it, or skips
// the file until this upload commits.
func keepUpload(tx *gorm.DB, in NewJob, file io.Reader, inserted bool) error {
	if !inserted {
		res := tx.Exec("UPDATE import_files SET purged_at = NULL, size = 0 WHERE sha256 = ? AND purged_at IS NOT NULL",
			in.SHA256)
		if res.Error != nil {
			return fmt.Errorf("store: restore purged file: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil // kept already
		}
	}
	exec := func(q string, args ...any) error { return tx.Exec(q, args...).Error }
	size, err := keepChunks(exec, in.SHA256, file)
	if err != nil {
		return fmt.Errorf("store: keep uploaded file: %w", err)
	}
	if size != in.Size {
		return fmt.Errorf("store: uploaded file is %d bytes, not %d", size, in.Size)
	}
	return nil
}

// QueuedJobs counts a user's jobs waiting for or in a parse.
func (s *Jobs) QueuedJobs(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.db.WithContext(ctx).Raw("SELECT COUNT(*) FROM import_jobs WHERE user_id = ? AND state IN (?, ?)",
		userID, model.JobQueued, model.JobParsing).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: count queued import jobs: %w", err)
	}
	return n, nil
}

// writeChunks reads r to its end in chunkSize pieces, handing each to put
// with its sequence number, and returns the size and hex SHA-256 read.
func writeChunks(r io.Reader, put func(seq int, b []byte) error) (int64, string, error) {
	h := sha256.New()
	buf := make([]byte, chunkSize)
	var size int64
	for seq := 0; ; seq++ {
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			h.Write(buf[:n])
			size += int64(n)
			if err := put(seq, buf[:n]); err != nil {
				return size, "", fmt.Errorf("chunk %d: %w", seq, err)
			}
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			return size, hex.EncodeToString(h.Sum(nil)), nil
		}
		if rerr != nil {
			return size, "", fmt.Errorf("read: %w", rerr)
		}
	}
}

// Job returns one job with its report and events; ErrNotFound when there
// is none.
func (s *Jobs) Job(ctx context.Context, id int64) (*model.Job, error) {
	var jobs []model.Job
	if err := s.db.WithContext(ctx).Raw("SELECT "+jobColumns+", report, (SELECT f.purged_at FROM import_files f "+
		"WHERE f.sha256 = import_jobs.sha256) AS file_purged_at FROM import_jobs WHERE id = ?", id).
		Scan(&jobs).Error; err != nil {
		return nil, fmt.Errorf("store: import job %d: %w", id, err)
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("store: import job %d: %w", id, ErrNotFound)
	}
	events, err := s.jobEvents(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	jobs[0].Events = events[id]
	return &jobs[0], nil
}

// JobSummary is a job in the import history, with the counts of the
// import it stored (zero otherwise).
type JobSummary struct {
	model.Job
	ValidRows  int `gorm:"column:valid_count" json:"valid"`
	StoredRows int `gorm:"column:stored_count" json:"stored"`
	Skipped    int `gorm:"column:skipped_count" json:"skipped"`
}

// Jobs lists the newest jobs first, without their reports but with their
// events: the import history.
func (s *Jobs) Jobs(ctx context.Context, limit int) ([]JobSummary, error) {
	cols := "j." + strings.ReplaceAll(jobColumns, ", ", ", j.")
	jobs := []JobSummary{}
	err := s.db.WithContext(ctx).Raw("SELECT "+cols+", f.purged_at AS file_purged_at, COALESCE(i.valid_count, 0) AS valid_count, "+
		"COALESCE(i.stored_count, 0) AS stored_count, COALESCE(i.skipped_count, 0) AS skipped_count "+
		"FROM import_jobs j LEFT JOIN imports i ON i.id = j.import_id LEFT JOIN import_files f ON f.sha256 = j.sha256 "+
		"ORDER BY j.id DESC LIMIT ?", limit).
		Scan(&jobs).Error
	if err != nil {
		return nil, fmt.Errorf("store: list import jobs: %w", err)
	}
	ids := make([]int64, len(jobs))
	for i, j := range jobs {
		ids[i] = j.ID
	}
	events, err := s.jobEvents(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range jobs {
		jobs[i].Events = events[jobs[i].ID]
	}
	return jobs, nil
}

// CopyJobAnnotated writes the annotated workbook of a checked job to w;
// ErrNotFound when the job has none, ErrFilePurged when the retention rule
// removed it.
func (s *Jobs) CopyJobAnnotated(ctx context.Context, id int64, w io.Writer) error {
	job, err := s.Job(ctx, id)
	if err != nil {
		return err
	}
	if job.FilePurgedAt != nil {
		return fmt.Errorf("store: annotated workbook of job %d: %w", id, ErrFilePurged)
	}
	if job.AnnotatedSize == 0 {
		return fmt.Errorf("store: annotated workbook of job %d: %w", id, ErrNotFound)
	}
	return s.copyChunks(ctx, w, "SELECT content FROM import_job_chunks WHERE job_id = ? ORDER BY seq", id)
}

// copyChunks streams the blobs a query returns, in order, to w.
func (s *Jobs) copyChunks(ctx context.Context, w io.Writer, q string, args ...any) error {
	rows, err := s.db.WithContext(ctx).Raw(q, args...).Rows()
	if err != nil {
		return fmt.Errorf("store: read chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var chunk []byte
		if err := rows.Scan(&chunk); err != nil {
			return fmt.Errorf("store: read chunk: %w", err)
		}
		if _, err := w.Write(chunk); err != nil {
			return fmt.Errorf("store: write chunk: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: read chunks: %w", err)
	}
	return nil
}

// ImportSummary is a stored import with its wave's name.
type ImportSummary struct {
	model.Import
	WaveName string `gorm:"column:wave_name" json:"wave"`
}

// DirectImports lists, newest first, the stored imports no upload job made:
// those of `axdash import` and the demo loader, for the import history.
func (s *Jobs) DirectImports(ctx context.Context, limit int) ([]ImportSummary, error) {
	out := []ImportSummary{}
	err := s.db.WithContext(ctx).Raw("SELECT i.id, i.wave_id, i.file_name, i.format, i.sha256, i.sheet, i.header_row, "+
		"i.row_count, i.valid_count, i.stored_count, i.skipped_count, i.status, i.created_at, w.name AS wave_name "+
		"FROM imports i JOIN waves w ON w.id = i.wave_id WHERE i.job_id IS NULL ORDER BY i.id DESC LIMIT ?", limit).
		Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: list direct imports: %w", err)
	}
	return out, nil
}
