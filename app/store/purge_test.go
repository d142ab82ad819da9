package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// endJob claims the oldest runnable job, which must be id, and ends it in
// state (refused or failed) as a runner would.
func endJob(t *testing.T, s *store.Store, id int64, state string) {
	t.Helper()
	ctx := context.Background()
	if c := claim(t, s, policy("r", time.Hour)); c == nil || c.ID != id {
		t.Fatalf("claim = %+v, want job %d", c, id)
	}
	var err error
	if state == model.JobRefused {
		err = s.SaveCheck(ctx, id, "r", store.CheckResult{State: state, Report: []byte("{}")})
	} else {
		err = s.FinishJob(ctx, id, "r", state, nil, "오류")
	}
	if err != nil {
		t.Fatal(err)
	}
}

// storeJob runs a queued job through its check and commit to a stored
// import of two rows.
func storeJob(t *testing.T, s *store.Store, job *model.Job) {
	t.Helper()
	committing(t, s, job.ID, "a")
	_, err := s.CommitImport(context.Background(), store.CommitInput{Wave: job.Wave, Rows: storetest.Rows(2),
		Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: job.SHA256}, Job: &store.JobCommit{
			ID: job.ID, Owner: "a", Report: func(model.Import) ([]byte, error) { return []byte("{}"), nil }}})
	if err != nil {
		t.Fatal(err)
	}
}

// directImport stores rows for wave as `axdash import` does, keeping content
// as the original.
func directImport(t *testing.T, s *store.Store, wave string, content []byte) {
	t.Helper()
	l, err := s.BeginLoad(context.Background(), store.LoadInput{Wave: wave,
		Import: model.Import{FileName: "직접.csv", Format: "csv", SHA256: sha(content)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range storetest.Rows(2) {
		if err := l.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(model.Import{Rows: 2, Valid: 2}, bytes.NewReader(content)); err != nil {
		t.Fatal(err)
	}
}

func sha(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// chunkRows counts the chunk rows of a file and of a job's annotated copy.
func chunkRows(t *testing.T, s *store.Store, sha string, job int64) (file, annotated int64) {
	t.Helper()
	db := store.DBForTest(s)
	if err := db.Raw("SELECT COUNT(*) FROM import_file_chunks WHERE sha256 = ?", sha).Scan(&file).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Raw("SELECT COUNT(*) FROM import_job_chunks WHERE job_id = ?", job).Scan(&annotated).Error; err != nil {
		t.Fatal(err)
	}
	return file, annotated
}

func TestPurgeUnstoredFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		file := func(name string) []byte { return bytes.Repeat([]byte(name+" "), 200_000) } // two chunks and more
		stored := newJob(t, s, "S", file("stored"))
		storeJob(t, s, stored)
		refused := newJob(t, s, "R", file("refused"))
		endJob(t, s, refused.ID, model.JobRefused)
		failed := newJob(t, s, "F", file("failed"))
		endJob(t, s, failed.ID, model.JobFailed)
		// Checked with an annotated copy, then cancelled: both go.
		cancelled := newJob(t, s, "C", file("cancelled"))
		claim(t, s, policy("r", time.Hour))
		annotated := []byte("PK annotated copy")
		if err := s.SaveCheck(ctx, cancelled.ID, "r", store.CheckResult{State: model.JobChecked, Report: []byte("{}"),
			Annotated: bytes.NewReader(annotated)}); err != nil {
			t.Fatal(err)
		}
		if err := s.CancelJob(ctx, cancelled.ID); err != nil {
			t.Fatal(err)
		}
		shared := newJob(t, s, "X", file("shared")) // refused, then stored by `axdash import`
		endJob(t, s, shared.ID, model.JobRefused)
		directImport(t, s, "X", file("shared"))
		live := newJob(t, s, "L", file("live")) // refused, then uploaded again and waiting
		endJob(t, s, live.ID, model.JobRefused)
		newJob(t, s, "L", file("live"))
		time.Sleep(2 * time.Millisecond) // so that the cutoff falls strictly between
		cutoff := time.Now()
		time.Sleep(2 * time.Millisecond)
		young := newJob(t, s, "Y", file("young"))
		if err := s.CancelJob(ctx, young.ID); err != nil {
			t.Fatal(err)
		}

		got, err := s.PurgeUnstoredFiles(ctx, cutoff, 100)
		want := store.Purged{Files: 3, Bytes: refused.FileSize + failed.FileSize + cancelled.FileSize + int64(len(annotated))}
		if err != nil || got != want {
			t.Fatalf("purge = %+v, %v; want %+v", got, err, want)
		}
		if again, err := s.PurgeUnstoredFiles(ctx, cutoff, 100); err != nil || again != (store.Purged{}) {
			t.Errorf("second purge = %+v, %v; want nothing", again, err)
		}
		for _, tt := range []struct {
			name   string
			job    *model.Job
			purged bool
		}{
			{"refused", refused, true}, {"failed", failed, true}, {"cancelled", cancelled, true},
			{"stored", stored, false}, {"shared with a stored import", shared, false},
			{"uploaded again", live, false}, {"younger than the retention", young, false},
		} {
			checkPurged(t, s, tt.name, tt.job, tt.purged)
		}
		if n, a := chunkRows(t, s, cancelled.SHA256, cancelled.ID); n != 0 || a != 0 {
			t.Errorf("chunks left after the purge: %d of the file, %d annotated", n, a)
		}
		var annotatedOut bytes.Buffer
		if err := s.CopyJobAnnotated(ctx, cancelled.ID, &annotatedOut); !errors.Is(err, store.ErrFilePurged) {
			t.Errorf("annotated copy of a purged job: %v", err)
		}
		if list, err := s.Jobs(ctx, 20); err != nil || len(list) != 8 {
			t.Errorf("history after the purge: %d jobs, %v", len(list), err)
		}
	})
}

// checkPurged says whether the job's file bytes are gone (ErrFilePurged,
// Job.FilePurgedAt) or still whole.
func checkPurged(t *testing.T, s *store.Store, name string, job *model.Job, purged bool) {
	t.Helper()
	ctx := context.Background()
	var out bytes.Buffer
	err := s.CopyImportFile(ctx, job.SHA256, &out)
	j, jerr := s.Job(ctx, job.ID)
	if jerr != nil {
		t.Fatal(jerr)
	}
	size, serr := s.ImportFileSize(ctx, job.SHA256)
	switch {
	case purged && (!errors.Is(err, store.ErrFilePurged) || !errors.Is(serr, store.ErrFilePurged) || j.FilePurgedAt == nil):
		t.Errorf("%s: want purged; copy %v, size %v, purged at %v", name, err, serr, j.FilePurgedAt)
	case !purged && (err != nil || int64(out.Len()) != job.FileSize || size != job.FileSize || j.FilePurgedAt != nil):
		t.Errorf("%s: want kept; copy %v (%d of %d bytes), size %d, purged at %v", name, err, out.Len(), job.FileSize,
			size, j.FilePurgedAt)
	}
}

// A re-upload of purged bytes writes them again, and so does `axdash
// import` of them; the job then runs to a stored import.
func TestPurgedFileUploadedAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		content := bytes.Repeat([]byte("다시 올린 파일 "), 100_000)
		old := newJob(t, s, "W", content)
		endJob(t, s, old.ID, model.JobRefused)
		if got, err := s.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10); err != nil || got.Files != 1 {
			t.Fatalf("purge = %+v, %v", got, err)
		}
		again := newJob(t, s, "W", content)
		checkPurged(t, s, "re-uploaded", again, false)
		checkPurged(t, s, "the first job, sharing the file", old, false)
		storeJob(t, s, again)
		if j, err := s.Job(ctx, again.ID); err != nil || j.State != model.JobStored {
			t.Fatalf("re-uploaded job = %+v, %v", j, err)
		}

		other := []byte("직접 가져온 파일")
		j := newJob(t, s, "D", other)
		if err := s.CancelJob(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := s.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10); err != nil || got.Files != 1 {
			t.Fatalf("purge = %+v, %v", got, err)
		}
		directImport(t, s, "D", other)
		checkPurged(t, s, "imported directly after the purge", j, false)
	})
}

// Two processes purging at once each take files of their own: none fails,
// none is counted twice.
func TestPurgeConcurrent(t *testing.T) {
	storetest.EachShared(t, 2, func(t *testing.T, stores []*store.Store) {
		ctx := context.Background()
		var want store.Purged
		for i := range 8 {
			job := newJob(t, stores[0], "W", fmt.Appendf(nil, "파일 %d", i))
			if err := stores[0].CancelJob(ctx, job.ID); err != nil {
				t.Fatal(err)
			}
			want.Files++
			want.Bytes += job.FileSize
		}
		cutoff := time.Now().Add(time.Hour)
		var mu sync.Mutex
		var total store.Purged
		var wg sync.WaitGroup
		for _, s := range stores {
			wg.Go(func() {
				for {
					got, err := s.PurgeUnstoredFiles(ctx, cutoff, 1)
					if err != nil {
						t.Error(err)
						return
					}
					if got.Files == 0 {
						return
					}
					mu.Lock()
					total.Files, total.Bytes = total.Files+got.Files, total.Bytes+got.Bytes
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if total != want {
			t.Errorf("two purges freed %+v together, want %+v", total, want)
		}
	})
}

// An upload of the same bytes that arrives while a purge holds the file
// waits for it, then writes the bytes again: its job never points at a
// purged file (PostgreSQL, where the two run side by side).
func TestUploadDuringPurge(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	content := bytes.Repeat([]byte("경합 "), 300_000)
	old := newJob(t, s, "W", content)
	endJob(t, s, old.ID, model.JobRefused)
	var again *model.Job
	var upErr error
	done := make(chan struct{})
	store.SetAfterPurgeMarkForTest(s, func(tx *gorm.DB) {
		var purger int64
		if err := tx.Raw("SELECT pg_backend_pid()").Scan(&purger).Error; err != nil {
			t.Error(err)
			return
		}
		go func() {
			defer close(done)
			again, upErr = s.CreateJob(ctx, store.NewJob{Wave: "W", FileName: "다시.xlsx", Size: int64(len(content)),
				SHA256: old.SHA256}, bytes.NewReader(content))
		}()
		for { // until the upload waits for this purge (or ended without waiting)
			var waiting int
			if err := store.DBForTest(s).Raw("SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))",
				purger).Scan(&waiting).Error; err != nil {
				t.Error(err)
				return
			}
			select {
			case <-done:
				t.Error("the upload did not wait for the purge holding its file")
				return
			default:
			}
			if waiting > 0 {
				return
			}
			time.Sleep(time.Millisecond)
		}
	})
	got, err := s.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10)
	store.SetAfterPurgeMarkForTest(s, nil)
	if err != nil || got.Files != 1 {
		t.Fatalf("purge = %+v, %v", got, err)
	}
	<-done // the upload finishes once the purge committed
	if upErr != nil {
		t.Fatal(upErr)
	}
	checkPurged(t, s, "uploaded during the purge", again, false)
}
