// Package jobs runs import jobs whose whole state lives in the database:
// any axdash process sharing it claims the oldest runnable job, heartbeats
// while working, and hands the job back when it shuts down; a job whose
// process died is taken over once its heartbeat is stale.
package jobs

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"axdash/app/ingest"
	"axdash/app/metrics"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/configs"
)

// Queue is the side of the import queue a runner works: claiming a job,
// reading its file, beating while it runs, saving its check, finishing it or
// handing it back, and purging the files past retention. store.Jobs is one.
type Queue interface {
	ClaimJob(ctx context.Context, p store.ClaimPolicy) (*model.Job, error)
	CopyImportFile(ctx context.Context, sha string, w io.Writer) error
	Heartbeat(ctx context.Context, id int64, owner string, rowsRead int) error
	SaveCheck(ctx context.Context, id int64, owner string, res store.CheckResult) error
	FinishJob(ctx context.Context, id int64, owner, state string, report []byte, msg string) error
	ReleaseJob(ctx context.Context, id int64, owner string) error
	PurgeUnstoredFiles(ctx context.Context, cutoff time.Time, limit int) (store.Purged, error)
}

// Runner claims and runs jobs with Config.Workers workers.
type Runner struct {
	Store    Queue
	Ingester *ingest.Ingester // its Reader is wrapped per job to count rows
	Config   configs.JobsConfig
	Log      *slog.Logger
	// Name identifies this process among those sharing the database;
	// empty means host:pid and a random suffix.
	Name string
	// BeforeCommit, when set, runs inside each commit's transaction just
	// before COMMIT; tests use it to die at the worst moment.
	BeforeCommit func(job *model.Job) error
	// Metrics counts the files the retention rule purges; nil counts none.
	Metrics *metrics.Metrics
	// PurgeEvery is how often the retention rule runs (zero: hourly); Now
	// is the clock it measures the retention by (nil: time.Now), and
	// AfterPurge, when set, sees each run's result. Tests set them.
	PurgeEvery time.Duration
	Now        func() time.Time
	AfterPurge func(store.Purged, error)
	// TempDir is where each job's folder is made: the process's temp root
	// (tmproot), so that a killed server's copies of uploads go at its
	// next start; "" is the OS temp folder.
	TempDir string

	stop context.CancelFunc // set by Start
	done chan struct{}
}

// Start runs the runner in the background until Stop or ctx ends.
func (r *Runner) Start(ctx context.Context) {
	ctx, r.stop = context.WithCancel(ctx)
	r.done = make(chan struct{})
	go func() { defer close(r.done); r.Run(ctx) }()
}

// Stop stops claiming, cancels the jobs being worked on and hands them back
// so that another process takes them at once; it waits for that until ctx
// ends. It is serve's shutdown hook.
func (r *Runner) Stop(ctx context.Context) error {
	if r.stop == nil {
		return nil
	}
	r.stop()
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("jobs: stop: %w", ctx.Err())
	}
}

// Run works until ctx ends, then releases the jobs it holds and returns. It
// also applies the retention rule for uploads no job stored (purgeLoop).
func (r *Runner) Run(ctx context.Context) {
	name := r.Name
	if name == "" {
		name = processName()
	}
	var wg sync.WaitGroup
	wg.Go(func() { r.purgeLoop(ctx) })
	for i := range r.Config.Workers {
		owner := fmt.Sprintf("%s/w%d", name, i)
		wg.Go(func() { r.work(ctx, owner) })
	}
	wg.Wait()
}

func (r *Runner) work(ctx context.Context, owner string) {
	for ctx.Err() == nil {
		ran, err := r.RunOnce(ctx, owner)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("import job runner", slog.String("owner", owner), slog.Any("err", err))
		}
		if ran && err == nil {
			continue // there may be more work waiting
		}
		select {
		case <-ctx.Done():
		case <-time.After(r.Config.PollInterval):
		}
	}
}

// RunOnce claims one job as owner and runs it to its next resting state;
// false when there was nothing to claim.
func (r *Runner) RunOnce(ctx context.Context, owner string) (bool, error) {
	job, err := r.Store.ClaimJob(ctx, store.ClaimPolicy{Owner: owner, StaleAfter: r.Config.StaleAfter,
		MaxAttempts: r.Config.MaxAttempts})
	if err != nil || job == nil {
		return false, err
	}
	r.Log.Info("import job claimed", slog.Int64("job", job.ID), slog.String("state", job.State),
		slog.String("owner", owner), slog.Int("attempt", job.Attempts))
	return true, r.runJob(ctx, owner, job)
}

// runJob runs one claimed job with a heartbeat that cancels the work when
// the job is cancelled or taken over, and releases the job when ctx ends.
func (r *Runner) runJob(ctx context.Context, owner string, job *model.Job) error {
	jobCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	hb := &heartbeat{store: r.Store, job: job.ID, owner: owner, every: r.Config.Heartbeat, cancel: cancel, log: r.Log,
		now: time.Now, after: time.After}
	done := make(chan struct{})
	go func() { defer close(done); hb.run(jobCtx) }()
	err := r.step(jobCtx, owner, job, &hb.rows)
	cancel()
	<-done
	// Bookkeeping below must outlive a shutdown's cancelled context.
	bg, stop := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer stop()
	switch {
	case err == nil: // the job is at rest: checked, refused or stored
		return nil
	case hb.lost.Load() || errors.Is(err, store.ErrJobLost):
		r.Log.Info("import job left: cancelled or taken over", slog.Int64("job", job.ID))
		return nil
	case ctx.Err() != nil:
		r.Log.Info("import job released at shutdown", slog.Int64("job", job.ID))
		if rerr := r.Store.ReleaseJob(bg, job.ID, owner); rerr != nil && !errors.Is(rerr, store.ErrJobLost) {
			return rerr
		}
		return nil
	default:
		return r.fail(bg, owner, job, err)
	}
}

// fail marks the job failed with a message for the analyst and logs what
// happened. When the database cannot be written (the outage may be what
// failed the job), the job is not failed: it stays in its state, claimed by
// this runner, and another runner takes it over once its heartbeat is
// stale; the log says so rather than that it failed.
func (r *Runner) fail(ctx context.Context, owner string, job *model.Job, err error) error {
	cause := store.NoSpace(err) // marked when a disk is full, for the message and the log
	msg := cmp.Or(model.NoSpaceMessage(cause), failedMessage)
	ferr := r.Store.FinishJob(ctx, job.ID, owner, model.JobFailed, nil, msg)
	attrs := []any{slog.Int64("job", job.ID), slog.String("state", job.State), slog.Any("err", cause)}
	switch {
	case ferr == nil:
		r.Log.Error("import job failed", attrs...)
		return err
	case errors.Is(ferr, store.ErrJobLost):
		r.Log.Info("import job left: taken over before it could be marked failed", attrs...)
		return err
	default:
		r.Log.Warn("import job interrupted and not marked failed: the database could not be written; "+
			"it stays in its state and another runner takes it over once its heartbeat is stale",
			append(attrs, slog.Any("finish_err", ferr))...)
		return errors.Join(err, ferr)
	}
}

// failedMessage is what the analyst reads when the runner hit an internal
// error (the log has the details); a full disk has its own
// (model.NoSpaceMessage).
const failedMessage = "가져오기 처리 중 서버 오류가 발생했습니다. 잠시 후 파일을 다시 올려 주세요."

// step runs the parse or the commit of a claimed job in a temporary folder
// of its own, always removed.
func (r *Runner) step(ctx context.Context, owner string, job *model.Job, rows *counter) error {
	dir, err := os.MkdirTemp(r.TempDir, "job-")
	if err != nil {
		return fmt.Errorf("jobs: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	path, err := r.fetch(ctx, job, dir)
	if err != nil {
		return err
	}
	ing := *r.Ingester
	ing.Reader = countingReader{Reader: r.Ingester.Reader, rows: rows}
	if job.State == model.JobCommitting {
		return r.commit(ctx, &ing, owner, job, path)
	}
	return r.check(ctx, &ing, owner, job, path, dir)
}

// processName names this process for claimed_by.
func processName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
}
