package jobs_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"axdash/app/jobs"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/importers"
)

// died stands for the process ending inside the commit: the runner's
// goroutine unwinds without any of its own bookkeeping.
type died struct{}

// A runner that dies after its load is written but before COMMIT leaves
// the job committing and nothing stored; the runner that takes it over
// stores the wave once, and a third finds nothing to do.
func TestRunnerExactlyOnceAfterDeath(t *testing.T) {
	storetest.EachShared(t, 2, func(t *testing.T, ss []*store.DB) {
		ctx := context.Background()
		a, b := runner(t, ss[0]), runner(t, ss[1])
		a.BeforeCommit = func(*model.Job) error { panic(died{}) }
		job := upload(t, ss[0], "W", workbook(t, 30, 5))
		runOnce(t, a, "a")
		if err := ss[1].Jobs.RequestCommit(ctx, job.ID, storetest.Admin(), true, false); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if _, ok := recover().(died); !ok {
					t.Fatal("the commit did not reach the hook")
				}
			}()
			_, _ = a.RunOnce(ctx, "a")
		}()
		got, _ := jobReport(t, ss[1], job.ID)
		if has, _ := ss[1].Surveys.WaveHasData(ctx, "W"); has || got.State != model.JobCommitting || got.ClaimedBy != "a" {
			t.Fatalf("after the death: wave stored %v, job %+v", has, got)
		}
		time.Sleep(2 * time.Millisecond)
		b.Config.StaleAfter = time.Nanosecond
		runOnce(t, b, "b")
		got, rep := jobReport(t, ss[1], job.ID)
		if got.State != model.JobStored || rep.Stored != 27 || got.Attempts != 2 {
			t.Fatalf("after the takeover: job %+v", got)
		}
		time.Sleep(2 * time.Millisecond)
		if ran, err := b.RunOnce(ctx, "c"); ran || err != nil {
			t.Errorf("a stored job was claimed again: %v %v", ran, err)
		}
		var imports, responses int64
		waveCounts(t, ss[0], &imports, &responses)
		if imports != 1 || responses != 27 {
			t.Errorf("wave W holds %d imports and %d responses, want 1 and 27", imports, responses)
		}
	})
}

// blockingReader reads nothing until its context ends, so a test can act
// while a job is running.
type blockingReader struct {
	started, stopped chan struct{}
	once             sync.Once
}

func newBlockingReader() *blockingReader {
	return &blockingReader{started: make(chan struct{}), stopped: make(chan struct{})}
}

func (b *blockingReader) Read(ctx context.Context, _ string, _ importers.Spec, _ func(importers.Record) error) (*importers.Result, error) {
	b.once.Do(func() { close(b.started) })
	<-ctx.Done()
	close(b.stopped)
	return nil, ctx.Err()
}

// startRunner starts r until the returned stop (or the test's end).
func startRunner(t *testing.T, r *jobs.Runner) (stop func()) {
	t.Helper()
	r.Start(context.Background())
	var once sync.Once
	stop = func() {
		once.Do(func() {
			if err := r.Stop(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// runningJob uploads a job and starts a runner whose reader blocks, and
// returns once the runner is working on the job.
func runningJob(t *testing.T, s *store.DB) (job *model.Job, br *blockingReader, stop func()) {
	t.Helper()
	r := runner(t, s)
	br = newBlockingReader()
	r.Ingester.Reader = br
	job = upload(t, s, "W", []byte("x"))
	stop = startRunner(t, r)
	<-br.started
	return job, br, stop
}

func TestRunnerShutdownReleases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		job, _, stop := runningJob(t, s)
		stop()
		got, _ := jobReport(t, s, job.ID)
		if got.State != model.JobQueued || got.ClaimedBy != "" || got.Attempts != 0 {
			t.Errorf("after shutdown: %+v", got)
		}
	})
}

func TestRunnerCancel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		job, br, _ := runningJob(t, s)
		if err := s.Jobs.CancelJob(context.Background(), job.ID, storetest.Admin()); err != nil {
			t.Fatal(err)
		}
		<-br.stopped // the heartbeat noticed and cancelled the work
		got, _ := jobReport(t, s, job.ID)
		if got.State != model.JobCancelled {
			t.Errorf("after cancel: %+v", got)
		}
	})
}

func waveCounts(t *testing.T, s *store.DB, imports, responses *int64) {
	t.Helper()
	ws, err := s.Surveys.Waves(context.Background())
	if err != nil || len(ws) != 1 {
		t.Fatalf("waves = %+v, %v", ws, err)
	}
	*responses = ws[0].Responses
	list, err := s.Jobs.Jobs(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range list {
		if j.ImportID != nil {
			*imports++
			if j.StoredRows != int(*responses) {
				t.Errorf("history says %d stored, the wave holds %d", j.StoredRows, *responses)
			}
		}
	}
}
