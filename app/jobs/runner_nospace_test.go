package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

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
