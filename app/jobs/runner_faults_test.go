package jobs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"axdash/app/jobs"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/importers"
)

// failingReader fails every read with err, as a parse or load does when a
// disk fills.
type failingReader struct{ err error }

func (f failingReader) Read(context.Context, string, importers.Spec, func(importers.Record) error) (*importers.Result, error) {
	return nil, f.err
}

// TestRunnerNoSpaceMessage: a job that failed on a full disk tells the
// analyst where space ran out and that the file is fine; any other
// internal error keeps the general message.
func TestRunnerNoSpaceMessage(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"temp area full", &os.PathError{Op: "write", Path: "upload", Err: syscall.ENOSPC},
			model.NoSpaceMessage(model.ErrTempFull)},
		{"PostgreSQL full", fmt.Errorf("store: load: %w", &pgconn.PgError{Code: "53100"}),
			model.NoSpaceMessage(model.ErrDatabaseFull)},
		{"another fault", errors.New("boom"), ""},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r := runner(t, s)
				ing := *r.Ingester
				ing.Reader = failingReader{tc.err}
				r.Ingester = &ing
				job := upload(t, s, "W-"+tc.name, workbook(t, 5, int64(len(tc.name))))
				if ran, err := r.RunOnce(context.Background(), "a"); !ran || !errors.Is(err, tc.err) {
					t.Fatalf("RunOnce = %v, %v", ran, err)
				}
				got, _ := jobReport(t, s, job.ID)
				spaceMsg := got.Error == model.NoSpaceMessage(model.ErrTempFull) || got.Error == model.NoSpaceMessage(model.ErrDatabaseFull)
				if got.State != model.JobFailed || got.Error == "" || (tc.want != "" && got.Error != tc.want) || (tc.want == "" && spaceMsg) {
					t.Errorf("job %s, error %q; want failed with %q", got.State, got.Error, tc.want)
				}
			})
		}
	})
}

// finishFails is a queue whose FinishJob fails with err, as during a
// database outage.
type finishFails struct {
	jobs.Queue
	err error
}

func (f finishFails) FinishJob(context.Context, int64, string, string, []byte, string) error {
	return f.err
}

// TestRunnerFailLog: a commit that fails while the database cannot be
// written is logged as left in its state for a takeover, not as a failed
// job; one whose failure is recorded is logged as failed.
func TestRunnerFailLog(t *testing.T) {
	outage := errors.New("connection refused")
	tests := []struct {
		name      string
		finishErr error
		state     string // the job's state afterwards
		log       string // a line the log must have
	}{
		{"the failure is recorded", nil, model.JobFailed, `level=ERROR msg="import job failed"`},
		{"the database is down", outage, model.JobCommitting, "not marked failed"},
		{"taken over meanwhile", store.ErrJobLost, model.JobCommitting, "taken over before it could be marked failed"},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				ctx := context.Background()
				checker := runner(t, s)
				job := upload(t, s, "W-"+tc.name, workbook(t, 5, int64(len(tc.name))))
				runOnce(t, checker, "checker")
				if err := s.Jobs.RequestCommit(ctx, job.ID, storetest.Admin(), true, false); err != nil {
					t.Fatal(err)
				}
				var logs bytes.Buffer
				r := runner(t, s)
				ing := *r.Ingester
				ing.Reader = failingReader{outage}
				r.Ingester, r.Log = &ing, slog.New(slog.NewTextHandler(&logs, nil))
				if tc.finishErr != nil {
					r.Store = finishFails{Queue: s.Jobs, err: tc.finishErr}
				}
				if ran, err := r.RunOnce(ctx, "a"); !ran || !errors.Is(err, outage) {
					t.Fatalf("RunOnce = %v, %v", ran, err)
				}
				got, _ := jobReport(t, s, job.ID)
				out := logs.String()
				if got.State != tc.state || !strings.Contains(out, tc.log) ||
					(tc.state != model.JobFailed && strings.Contains(out, "import job failed")) {
					t.Errorf("job %s; log:\n%s", got.State, out)
				}
			})
		}
	})
}
