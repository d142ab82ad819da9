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

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// newJob queues a job for content in wave.
func newJob(t *testing.T, s *store.DB, wave string, content []byte) *model.Job {
	t.Helper()
	sum := sha256.Sum256(content)
	uid := int64(7)
	job, err := s.Jobs.CreateJob(context.Background(), store.NewJob{Wave: wave, FileName: "조사 <결과>.xlsx", Size: int64(len(content)),
		SHA256: hex.EncodeToString(sum[:]), UserID: &uid, UserLogin: "analyst"}, bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	return job
}

func policy(owner string, stale time.Duration) store.ClaimPolicy {
	return store.ClaimPolicy{Owner: owner, StaleAfter: stale, MaxAttempts: 3}
}

func claim(t *testing.T, s *store.DB, p store.ClaimPolicy) *model.Job {
	t.Helper()
	job, err := s.Jobs.ClaimJob(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return job
}

func TestJobLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		content := bytes.Repeat([]byte("설문 자료 "), 300_000) // 3.9 MB: four chunks
		job := newJob(t, s, "2026-H1", content)
		if job.State != model.JobQueued || job.ID == 0 {
			t.Fatalf("created %+v", job)
		}
		var got bytes.Buffer
		if err := s.Jobs.CopyImportFile(ctx, job.SHA256, &got); err != nil || !bytes.Equal(got.Bytes(), content) {
			t.Fatalf("file round trip: %v, %d bytes of %d", err, got.Len(), len(content))
		}
		newJob(t, s, "2026-H1", content) // the same file again shares the kept bytes
		c := claim(t, s, policy("a", time.Hour))
		if c == nil || c.ID != job.ID || c.State != model.JobParsing || c.Attempts != 1 || c.ClaimedBy != "a" {
			t.Fatalf("claim = %+v", c)
		}
		if err := s.Jobs.Heartbeat(ctx, job.ID, "a", 42); err != nil {
			t.Fatal(err)
		}
		if err := s.Jobs.Heartbeat(ctx, job.ID, "b", 1); !errors.Is(err, store.ErrJobLost) {
			t.Errorf("a stranger's heartbeat: %v", err)
		}
		if err := s.Jobs.RequestCommit(ctx, job.ID, storetest.Admin(), true, false); !errors.Is(err, store.ErrJobState) {
			t.Errorf("commit before the check: %v", err)
		}
		annotated := []byte("PK annotated")
		err := s.Jobs.SaveCheck(ctx, job.ID, "a", store.CheckResult{State: model.JobChecked, Rows: 43, Report: []byte(`{"rows":3}`),
			Annotated: bytes.NewReader(annotated)})
		if err != nil {
			t.Fatal(err)
		}
		j, err := s.Jobs.Job(ctx, job.ID)
		if err != nil || j.State != model.JobChecked || j.RowsRead != 43 || j.Report != `{"rows":3}` || j.ClaimedBy != "" ||
			j.AnnotatedSize != int64(len(annotated)) || j.UserLogin != "analyst" || *j.UserID != 7 {
			t.Fatalf("after check: %+v, %v", j, err)
		}
		got.Reset()
		if err := s.Jobs.CopyJobAnnotated(ctx, job.ID, &got); err != nil || !bytes.Equal(got.Bytes(), annotated) {
			t.Errorf("annotated: %v %q", err, got.Bytes())
		}
		if err := s.Jobs.RequestCommit(ctx, job.ID, storetest.Admin(), true, true); err != nil {
			t.Fatal(err)
		}
		c = claim(t, s, policy("b", time.Hour))
		if c == nil || c.ID != job.ID || c.State != model.JobCommitting || !c.SkipInvalid || !c.Replace || c.Attempts != 1 {
			t.Fatalf("commit claim = %+v", c)
		}
		if err := s.Jobs.FinishJob(ctx, job.ID, "b", model.JobRefused, []byte(`{}`), ""); err != nil {
			t.Fatal(err)
		}
		if err := s.Jobs.CancelJob(ctx, job.ID, storetest.Admin()); !errors.Is(err, store.ErrJobState) {
			t.Errorf("cancel after the end: %v", err)
		}
		if err := s.Jobs.CancelJob(ctx, 999, storetest.Admin()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("cancel of no job: %v", err)
		}
		checkHistory(t, s)
		// The runner's steps have no account; the commit is the admin's.
		if got, want := eventsOf(t, s, job.ID), "uploaded:analyst#7 checked: commit:admin#1+skip+replace refused:"; got != want {
			t.Errorf("events %q, want %q", got, want)
		}
	})
}

// checkHistory expects the two jobs of TestJobLifecycle, newest first,
// each with its events.
func checkHistory(t *testing.T, s *store.DB) {
	t.Helper()
	list, err := s.Jobs.Jobs(context.Background(), 10)
	if err != nil || len(list) != 2 || list[0].ID <= list[1].ID || list[1].State != model.JobRefused || list[1].Report != "" ||
		list[1].FileName != "조사 <결과>.xlsx" || list[1].StoredRows != 0 {
		t.Fatalf("history = %+v, %v", list, err)
	}
	for i, want := range []string{"uploaded:analyst#7", "uploaded:analyst#7 checked: commit:admin#1+skip+replace refused:"} {
		if got := eventsString(list[i].Events); got != want {
			t.Errorf("history job %d events %q, want %q", list[i].ID, got, want)
		}
	}
}

// Every job is claimed exactly once by runners in separate processes (here
// stores with their own pools) racing for them.
func TestClaimExclusive(t *testing.T) {
	const stores, jobs, perStore = 4, 24, 3
	storetest.EachShared(t, stores, func(t *testing.T, ss []*store.DB) {
		for i := range jobs {
			newJob(t, ss[0], "W", []byte(fmt.Sprintf("file %d", i)))
		}
		var mu sync.Mutex
		claimed := map[int64][]string{}
		var wg sync.WaitGroup
		for i := range stores * perStore {
			owner := fmt.Sprintf("r%d", i)
			s := ss[i%stores]
			wg.Go(func() {
				for {
					job, err := s.Jobs.ClaimJob(context.Background(), policy(owner, time.Hour))
					if err != nil {
						t.Error(err)
						return
					}
					if job == nil {
						return
					}
					mu.Lock()
					claimed[job.ID] = append(claimed[job.ID], owner)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(claimed) != jobs {
			t.Errorf("%d jobs claimed, want %d", len(claimed), jobs)
		}
		for id, owners := range claimed {
			if len(owners) != 1 {
				t.Errorf("job %d claimed by %v", id, owners)
			}
		}
	})
}
