package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// endJob claims the oldest runnable job, which must be id, and ends it in
// state (refused or failed) as a runner would.
func endJob(t *testing.T, s *store.DB, id int64, state string) {
	t.Helper()
	ctx := context.Background()
	if c := claim(t, s, policy("r", time.Hour)); c == nil || c.ID != id {
		t.Fatalf("claim = %+v, want job %d", c, id)
	}
	var err error
	if state == model.JobRefused {
		err = s.Jobs.SaveCheck(ctx, id, "r", store.CheckResult{State: state, Report: []byte("{}")})
	} else {
		err = s.Jobs.FinishJob(ctx, id, "r", state, nil, "오류")
	}
	if err != nil {
		t.Fatal(err)
	}
}

// storeJob runs a queued job through its check and commit to a stored
// import of two rows.
func storeJob(t *testing.T, s *store.DB, job *model.Job) {
	t.Helper()
	committing(t, s, job.ID, "a")
	_, err := s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: job.Wave, Rows: storetest.Rows(2),
		Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: job.SHA256}, Job: &store.JobCommit{
			ID: job.ID, Owner: "a", Report: func(model.Import) ([]byte, error) { return []byte("{}"), nil }}})
	if err != nil {
		t.Fatal(err)
	}
}

// directImport stores rows for wave as `axdash import` does, keeping content
// as the original.
func directImport(t *testing.T, s *store.DB, wave string, content []byte) {
	t.Helper()
	l, err := s.Surveys.BeginLoad(context.Background(), store.LoadInput{Wave: wave,
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
func chunkRows(t *testing.T, s *store.DB, sha string, job int64) (file, annotated int64) {
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

// purgeFiles are the uploads of TestPurgeUnstoredFiles, by what became of
// them, and the size of the cancelled job's annotated copy.
type purgeFiles struct {
	stored, refused, failed, cancelled, shared, live, young *model.Job
	annotated                                               int64
}

// uploadPurgeFiles makes the uploads of purgeFiles and returns a cutoff
// after all but the young one ended.
func uploadPurgeFiles(t *testing.T, s *store.DB) (f purgeFiles, cutoff time.Time) {
	ctx := context.Background()
	file := func(name string) []byte { return bytes.Repeat([]byte(name+" "), 200_000) } // two chunks and more
	f.stored = newJob(t, s, "S", file("stored"))
	storeJob(t, s, f.stored)
	f.refused = newJob(t, s, "R", file("refused"))
	endJob(t, s, f.refused.ID, model.JobRefused)
	f.failed = newJob(t, s, "F", file("failed"))
	endJob(t, s, f.failed.ID, model.JobFailed)
	// Checked with an annotated copy, then cancelled: both go.
	f.cancelled = newJob(t, s, "C", file("cancelled"))
	claim(t, s, policy("r", time.Hour))
	annotated := []byte("PK annotated copy")
	f.annotated = int64(len(annotated))
	if err := s.Jobs.SaveCheck(ctx, f.cancelled.ID, "r", store.CheckResult{State: model.JobChecked, Report: []byte("{}"),
		Annotated: bytes.NewReader(annotated)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Jobs.CancelJob(ctx, f.cancelled.ID, storetest.Admin()); err != nil {
		t.Fatal(err)
	}
	f.shared = newJob(t, s, "X", file("shared")) // refused, then stored by `axdash import`
	endJob(t, s, f.shared.ID, model.JobRefused)
	directImport(t, s, "X", file("shared"))
	f.live = newJob(t, s, "L", file("live")) // refused, then uploaded again and waiting
	endJob(t, s, f.live.ID, model.JobRefused)
	newJob(t, s, "L", file("live"))
	time.Sleep(2 * time.Millisecond) // so that the cutoff falls strictly between
	cutoff = time.Now()
	time.Sleep(2 * time.Millisecond)
	f.young = newJob(t, s, "Y", file("young"))
	if err := s.Jobs.CancelJob(ctx, f.young.ID, storetest.Admin()); err != nil {
		t.Fatal(err)
	}
	return f, cutoff
}

func TestPurgeUnstoredFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		f, cutoff := uploadPurgeFiles(t, s)
		got, err := s.Jobs.PurgeUnstoredFiles(ctx, cutoff, 100)
		want := store.Purged{Files: 3, Bytes: f.refused.FileSize + f.failed.FileSize + f.cancelled.FileSize + f.annotated}
		if err != nil || got != want {
			t.Fatalf("purge = %+v, %v; want %+v", got, err, want)
		}
		if again, err := s.Jobs.PurgeUnstoredFiles(ctx, cutoff, 100); err != nil || again != (store.Purged{}) {
			t.Errorf("second purge = %+v, %v; want nothing", again, err)
		}
		for _, tt := range []struct {
			name   string
			job    *model.Job
			purged bool
		}{
			{"refused", f.refused, true}, {"failed", f.failed, true}, {"cancelled", f.cancelled, true},
			{"stored", f.stored, false}, {"shared with a stored import", f.shared, false},
			{"uploaded again", f.live, false}, {"younger than the retention", f.young, false},
		} {
			checkPurged(t, s, tt.name, tt.job, tt.purged)
		}
		if n, a := chunkRows(t, s, f.cancelled.SHA256, f.cancelled.ID); n != 0 || a != 0 {
			t.Errorf("chunks left after the purge: %d of the file, %d annotated", n, a)
		}
		var annotatedOut bytes.Buffer
		if err := s.Jobs.CopyJobAnnotated(ctx, f.cancelled.ID, &annotatedOut); !errors.Is(err, store.ErrFilePurged) {
			t.Errorf("annotated copy of a purged job: %v", err)
		}
		list, err := s.Jobs.Jobs(ctx, 20)
		purged := 0
		for _, j := range list {
			if j.FilePurgedAt != nil {
				purged++
			}
		}
		if err != nil || len(list) != 8 || purged != 3 {
			t.Errorf("history after the purge: %d jobs, %d purged, %v", len(list), purged, err)
		}
	})
}

// checkPurged says whether the job's file bytes are gone (ErrFilePurged,
// Job.FilePurgedAt) or still whole.
func checkPurged(t *testing.T, s *store.DB, name string, job *model.Job, purged bool) {
	t.Helper()
	ctx := context.Background()
	var out bytes.Buffer
	err := s.Jobs.CopyImportFile(ctx, job.SHA256, &out)
	j, jerr := s.Jobs.Job(ctx, job.ID)
	if jerr != nil {
		t.Fatal(jerr)
	}
	size, serr := s.Jobs.ImportFileSize(ctx, job.SHA256)
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
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		content := bytes.Repeat([]byte("다시 올린 파일 "), 100_000)
		old := newJob(t, s, "W", content)
		endJob(t, s, old.ID, model.JobRefused)
		if got, err := s.Jobs.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10); err != nil || got.Files != 1 {
			t.Fatalf("purge = %+v, %v", got, err)
		}
		again := newJob(t, s, "W", content)
		checkPurged(t, s, "re-uploaded", again, false)
		checkPurged(t, s, "the first job, sharing the file", old, false)
		storeJob(t, s, again)
		if j, err := s.Jobs.Job(ctx, again.ID); err != nil || j.State != model.JobStored {
			t.Fatalf("re-uploaded job = %+v, %v", j, err)
		}

		other := []byte("직접 가져온 파일")
		j := newJob(t, s, "D", other)
		if err := s.Jobs.CancelJob(ctx, j.ID, storetest.Admin()); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Jobs.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10); err != nil || got.Files != 1 {
			t.Fatalf("purge = %+v, %v", got, err)
		}
		directImport(t, s, "D", other)
		checkPurged(t, s, "imported directly after the purge", j, false)
	})
}
