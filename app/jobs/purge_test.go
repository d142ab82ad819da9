package jobs_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"axdash/app/jobs"
	"axdash/app/metrics"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// The runner's loop purges the bytes of a cancelled upload once the
// retention has passed by its clock, counts them, and the same bytes
// uploaded again run to a stored import.
func TestRunnerPurgesUnstoredFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		r := runner(t, s)
		book := workbook(t, 40, 3)
		job := upload(t, s, "2026-H1", book)
		runOnce(t, r, "a") // checked, with an annotated copy
		if err := s.Jobs.CancelJob(ctx, job.ID, storetest.Admin()); err != nil {
			t.Fatal(err)
		}
		checked, _ := jobReport(t, s, job.ID)
		if got, err := r.PurgeOnce(ctx); err != nil || got.Files != 0 {
			t.Fatalf("purge within the retention = %+v, %v", got, err)
		}
		later := time.Now().Add(r.Config.UnstoredFileRetention + time.Minute)
		r.Now = func() time.Time { return later }
		r.Config.UnstoredFileRetention = 0
		if got, err := r.PurgeOnce(ctx); err != nil || got.Files != 0 {
			t.Fatalf("purge with the rule off = %+v, %v", got, err)
		}
		r.Config.UnstoredFileRetention = 7 * 24 * time.Hour

		m := metrics.New(nil)
		purged := make(chan store.Purged, 1)
		r.Metrics, r.PurgeEvery, r.Config.Workers = m, time.Millisecond, 0
		var stopping atomic.Bool
		r.AfterPurge = func(p store.Purged, err error) {
			// A run the stop cuts short may only say so.
			if err != nil && (!stopping.Load() || !errors.Is(err, context.Canceled)) {
				t.Error(err)
			}
			select {
			case purged <- p:
			default:
			}
		}
		stop := startRunner(t, r)
		got := <-purged
		stopping.Store(true)
		stop()
		if want := (store.Purged{Files: 1, Bytes: int64(len(book)) + checked.AnnotatedSize}); got != want || checked.AnnotatedSize == 0 {
			t.Fatalf("the runner purged %+v, want %+v", got, want)
		}
		if err := s.Jobs.CopyImportFile(ctx, job.SHA256, io.Discard); err == nil {
			t.Fatal("the purged file can still be read")
		}
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		if !strings.Contains(rec.Body.String(), "axdash_import_files_purged_total 1\n") {
			t.Errorf("metrics lack the purge:\n%s", rec.Body.String())
		}
		storeAgain(t, s, r, job, book)
	})
}

// storeAgain uploads book again after its file was purged, runs the job to
// a stored import and finds the file whole under the first job.
func storeAgain(t *testing.T, s *store.DB, r *jobs.Runner, first *model.Job, book []byte) {
	t.Helper()
	ctx := context.Background()
	again := upload(t, s, "2026-H1", book)
	runOnce(t, r, "a")
	if err := s.Jobs.RequestCommit(ctx, again.ID, storetest.Admin(), true, false); err != nil {
		t.Fatal(err)
	}
	runOnce(t, r, "a")
	if j, rep := jobReport(t, s, again.ID); j.State != model.JobStored || rep.Stored != 37 {
		t.Fatalf("re-uploaded job %+v, report %+v", j, rep)
	}
	var kept bytes.Buffer
	if err := s.Jobs.CopyImportFile(ctx, first.SHA256, &kept); err != nil || !bytes.Equal(kept.Bytes(), book) {
		t.Errorf("file after the re-upload: %d bytes, %v", kept.Len(), err)
	}
}
