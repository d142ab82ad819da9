package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// checkedJobBy queues a job uploaded by uploader (nil: no account) and
// marks it checked, as a runner's parse would.
func checkedJobBy(t *testing.T, s *store.DB, uploader *model.Actor, content string) *model.Job {
	t.Helper()
	in := store.NewJob{Wave: "W", FileName: "a.xlsx", Size: int64(len(content)), SHA256: sha([]byte(content))}
	if uploader != nil {
		in.UserID, in.UserLogin = uploader.UserID, uploader.Login
	}
	job, err := s.Jobs.CreateJob(context.Background(), in, bytes.NewReader([]byte(content)))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.DBForTest(s).Exec("UPDATE import_jobs SET state = ? WHERE id = ?", model.JobChecked, job.ID).Error; err != nil {
		t.Fatal(err)
	}
	return job
}

func actor(id int64, login string, admin bool) model.Actor {
	return model.Actor{UserID: &id, Login: login, Admin: admin}
}

// An analyst commits, replaces or cancels only the jobs they uploaded; an
// admin any job; a refusal leaves the job as it was and records nothing.
func TestJobOwnership(t *testing.T) {
	ana, bob, boss := actor(11, "ana", false), actor(12, "bob", false), actor(13, "boss", true)
	type move func(s *store.DB, id int64, by model.Actor) error
	commit := func(skip, replace bool) move {
		return func(s *store.DB, id int64, by model.Actor) error {
			return s.Jobs.RequestCommit(context.Background(), id, by, skip, replace)
		}
	}
	cancel := func(s *store.DB, id int64, by model.Actor) error {
		return s.Jobs.CancelJob(context.Background(), id, by)
	}
	tests := []struct {
		name      string
		uploader  *model.Actor
		state     string // the job's state before the move; checked when empty
		move      move
		by        model.Actor
		want      error
		wantState string
		wantEvent string // the event the move adds, none when empty
	}{
		{"commit by the uploader", &ana, "", commit(false, false), ana, nil, model.JobCommitting, "commit:ana#11"},
		{"skipping invalid rows by the uploader", &ana, "", commit(true, false), ana, nil, model.JobCommitting, "commit:ana#11+skip"},
		{"replace by the uploader", &ana, "", commit(true, true), ana, nil, model.JobCommitting, "commit:ana#11+skip+replace"},
		{"cancel by the uploader", &ana, "", cancel, ana, nil, model.JobCancelled, "cancel:ana#11"},
		{"commit by another analyst", &ana, "", commit(false, false), bob, store.ErrNotOwner, model.JobChecked, ""},
		{"skipping invalid rows by another analyst", &ana, "", commit(true, false), bob, store.ErrNotOwner, model.JobChecked, ""},
		{"replace by another analyst", &ana, "", commit(false, true), bob, store.ErrNotOwner, model.JobChecked, ""},
		{"cancel by another analyst", &ana, "", cancel, bob, store.ErrNotOwner, model.JobChecked, ""},
		{"cancel of a queued job by another analyst", &ana, model.JobQueued, cancel, bob, store.ErrNotOwner, model.JobQueued, ""},
		{"another analyst's ended job", &ana, model.JobStored, cancel, bob, store.ErrNotOwner, model.JobStored, ""},
		{"the uploader's ended job", &ana, model.JobStored, cancel, ana, store.ErrJobState, model.JobStored, ""},
		{"commit by an admin", &ana, "", commit(true, false), boss, nil, model.JobCommitting, "commit:boss#13+skip"},
		{"cancel by an admin", &ana, "", cancel, boss, nil, model.JobCancelled, "cancel:boss#13"},
		{"a job without an account, analyst", nil, "", cancel, ana, store.ErrNotOwner, model.JobChecked, ""},
		{"a job without an account, admin", nil, "", commit(false, false), boss, nil, model.JobCommitting, "commit:boss#13"},
		{"no account asking", &ana, "", cancel, model.Actor{}, store.ErrNotOwner, model.JobChecked, ""},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		for i, tt := range tests {
			job := checkedJobBy(t, s, tt.uploader, fmt.Sprint("file ", i))
			if tt.state != "" {
				if err := store.DBForTest(s).Exec("UPDATE import_jobs SET state = ? WHERE id = ?", tt.state, job.ID).Error; err != nil {
					t.Fatal(err)
				}
			}
			err := tt.move(s, job.ID, tt.by)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
			}
			j, jerr := s.Jobs.Job(context.Background(), job.ID)
			if jerr != nil {
				t.Fatal(jerr)
			}
			if j.State != tt.wantState {
				t.Errorf("%s: state %s, want %s", tt.name, j.State, tt.wantState)
			}
			want := "uploaded:"
			if tt.uploader != nil {
				want = fmt.Sprint("uploaded:", tt.uploader.Login, "#", *tt.uploader.UserID)
			}
			if tt.wantEvent != "" {
				want += " " + tt.wantEvent
			}
			if got := eventsString(j.Events); got != want {
				t.Errorf("%s: events %q, want %q", tt.name, got, want)
			}
		}
	})
}
