package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// stale lets the clock pass the heartbeat just written, so that a policy
// with a StaleAfter of one nanosecond sees it as abandoned.
func stale() { time.Sleep(2 * time.Millisecond) }

func TestJobTakeover(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		job := newJob(t, s, "W", []byte("a"))
		if c := claim(t, s, policy("a", time.Hour)); c == nil || c.ID != job.ID {
			t.Fatalf("first claim = %+v", c)
		}
		if c := claim(t, s, policy("b", time.Hour)); c != nil {
			t.Fatalf("a live job was taken over: %+v", c)
		}
		stale()
		c := claim(t, s, policy("b", time.Nanosecond))
		if c == nil || c.ID != job.ID || c.ClaimedBy != "b" || c.Attempts != 2 || c.State != model.JobParsing {
			t.Fatalf("takeover = %+v", c)
		}
		if err := s.Jobs.Heartbeat(ctx, job.ID, "a", 5); !errors.Is(err, store.ErrJobLost) {
			t.Errorf("the old owner's heartbeat: %v", err)
		}
		if err := s.Jobs.SaveCheck(ctx, job.ID, "a", store.CheckResult{State: model.JobChecked}); !errors.Is(err, store.ErrJobLost) {
			t.Errorf("the old owner's check: %v", err)
		}
		stale()
		if c := claim(t, s, policy("c", time.Nanosecond)); c == nil || c.Attempts != 3 {
			t.Fatalf("third claim = %+v", c)
		}
		stale()
		if c := claim(t, s, policy("d", time.Nanosecond)); c != nil {
			t.Fatalf("a job past max_attempts was claimed: %+v", c)
		}
		j, err := s.Jobs.Job(ctx, job.ID)
		if err != nil || j.State != model.JobFailed || j.Error != store.ExhaustedMessage || j.ClaimedBy != "" {
			t.Errorf("exhausted job = %+v, %v", j, err)
		}
		if got, want := eventsOf(t, s, job.ID), "uploaded:analyst#7 failed:"; got != want {
			t.Errorf("events %q, want %q", got, want)
		}
	})
}

func TestJobReleaseAndCancel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		job := newJob(t, s, "W", []byte("a"))
		claim(t, s, policy("a", time.Hour))
		if err := s.Jobs.ReleaseJob(ctx, job.ID, "a"); err != nil {
			t.Fatal(err)
		}
		j, _ := s.Jobs.Job(ctx, job.ID)
		if j.State != model.JobQueued || j.ClaimedBy != "" || j.Attempts != 0 {
			t.Errorf("released = %+v", j)
		}
		if c := claim(t, s, policy("b", time.Hour)); c == nil || c.ClaimedBy != "b" || c.Attempts != 1 {
			t.Fatalf("claim after release = %+v", c)
		}
		if err := s.Jobs.CancelJob(ctx, job.ID, storetest.Admin()); err != nil {
			t.Fatal(err)
		}
		if err := s.Jobs.Heartbeat(ctx, job.ID, "b", 1); !errors.Is(err, store.ErrJobLost) {
			t.Errorf("heartbeat of a cancelled job: %v", err)
		}
		stale()
		if c := claim(t, s, policy("c", time.Nanosecond)); c != nil {
			t.Errorf("a cancelled job was claimed: %+v", c)
		}
	})
}

// A load tied to a job marks it stored in its own transaction, and only
// while its runner still holds the job.
func TestLoadMarksJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		job := newJob(t, s, "W", []byte("a"))
		committing(t, s, job.ID, "a")
		die := errors.New("the process died")
		tests := []struct {
			name   string
			owner  string
			before func() error
			want   error
		}{
			{"another owner", "b", nil, store.ErrJobLost},
			{"dies before COMMIT", "a", func() error { return die }, die},
			{"commits", "a", nil, nil},
		}
		for _, tt := range tests {
			_, err := s.Surveys.CommitImport(ctx, store.CommitInput{Wave: "W", Rows: storetest.Rows(3),
				Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: job.SHA256}, Job: &store.JobCommit{
					ID: job.ID, Owner: tt.owner, BeforeCommit: tt.before,
					Report: func(imp model.Import) ([]byte, error) { return []byte(`{"stored":3}`), nil }}})
			if !errors.Is(err, tt.want) {
				t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.want)
			}
			has, _ := s.Surveys.WaveHasData(ctx, "W")
			if has != (tt.want == nil) {
				t.Errorf("%s: wave has data = %v", tt.name, has)
			}
		}
		j, err := s.Jobs.Job(ctx, job.ID)
		if err != nil || j.State != model.JobStored || j.ImportID == nil || j.Report != `{"stored":3}` || j.ClaimedBy != "" {
			t.Fatalf("job after commit = %+v, %v", j, err)
		}
		imp, err := s.Surveys.ImportByID(ctx, *j.ImportID)
		if err != nil || imp.Stored != 3 {
			t.Errorf("import = %+v, %v", imp, err)
		}
		// Once: the loads that failed recorded nothing.
		if got, want := eventsString(j.Events), "uploaded:analyst#7 checked: commit:admin#1 stored:"; got != want {
			t.Errorf("events %q, want %q", got, want)
		}
	})
}

// committing takes a job through its check to a claimed commit by owner.
func committing(t *testing.T, s *store.DB, id int64, owner string) {
	t.Helper()
	ctx := context.Background()
	if c := claim(t, s, policy(owner, time.Hour)); c == nil || c.ID != id {
		t.Fatalf("claim = %+v", c)
	}
	if err := s.Jobs.SaveCheck(ctx, id, owner, store.CheckResult{State: model.JobChecked, Report: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	if err := s.Jobs.RequestCommit(ctx, id, storetest.Admin(), false, false); err != nil {
		t.Fatal(err)
	}
	if c := claim(t, s, policy(owner, time.Hour)); c == nil || c.State != model.JobCommitting {
		t.Fatalf("commit claim = %+v", c)
	}
}

// Deleting a wave stored by a job keeps the job's file (the history and
// the admin's download need it) and leaves the job in the history.
func TestDeleteWaveKeepsJobFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		job := newJob(t, s, "W", []byte("the upload"))
		committing(t, s, job.ID, "a")
		_, err := s.Surveys.CommitImport(ctx, store.CommitInput{Wave: "W", Rows: storetest.Rows(2),
			Import: model.Import{FileName: "t.xlsx", Format: "xlsx", SHA256: job.SHA256}, Job: &store.JobCommit{
				ID: job.ID, Owner: "a", Report: func(model.Import) ([]byte, error) { return []byte("{}"), nil }}})
		if err != nil {
			t.Fatal(err)
		}
		w, err := s.Surveys.WaveByName(ctx, "W")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Surveys.DeleteWave(ctx, w.ID); err != nil {
			t.Fatalf("delete wave: %v", err)
		}
		var got strings.Builder
		if err := s.Jobs.CopyImportFile(ctx, job.SHA256, &got); err != nil || got.String() != "the upload" {
			t.Errorf("job file after the wave's deletion: %q, %v", got.String(), err)
		}
		if list, err := s.Jobs.Jobs(ctx, 5); err != nil || len(list) != 1 || list[0].StoredRows != 0 {
			t.Errorf("history after the wave's deletion: %+v, %v", list, err)
		}
	})
}
