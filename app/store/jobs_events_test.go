package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// eventsOf is a job's events in short: action:login, with +skip and
// +replace for a commit's options, in order.
func eventsOf(t *testing.T, s *store.DB, id int64) string {
	t.Helper()
	j, err := s.Jobs.Job(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return eventsString(j.Events)
}

func eventsString(events []model.JobEvent) string {
	var parts []string
	for _, e := range events {
		p := e.Action + ":" + e.UserLogin
		if e.UserID != nil {
			p += fmt.Sprint("#", *e.UserID)
		}
		if e.SkipInvalid {
			p += "+skip"
		}
		if e.Replace {
			p += "+replace"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

// Migration 0100 gives the jobs from before it the events that are known:
// the upload, and the runner's end of a job that stored, was refused or
// failed; not who cancelled, which was never kept.
func TestJobEventsBackfill(t *testing.T) {
	ana := actor(21, "ana", false)
	tests := []struct {
		uploader *model.Actor
		state    string
		want     string
	}{
		{&ana, model.JobQueued, "uploaded:ana#21"},
		{&ana, model.JobChecked, "uploaded:ana#21"},
		{&ana, model.JobStored, "uploaded:ana#21 stored:"},
		{&ana, model.JobRefused, "uploaded:ana#21 refused:"},
		{&ana, model.JobFailed, "uploaded:ana#21 failed:"},
		{&ana, model.JobCancelled, "uploaded:ana#21"},
		{nil, model.JobStored, "uploaded: stored:"},
	}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		db := store.DBForTest(s)
		ids := make([]int64, len(tests))
		for i, tt := range tests {
			ids[i] = checkedJobBy(t, s, tt.uploader, fmt.Sprint("old ", i)).ID
			if err := db.Exec("UPDATE import_jobs SET state = ? WHERE id = ?", tt.state, ids[i]).Error; err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range []string{"DROP TABLE import_job_events", "DELETE FROM schema_migrations WHERE version = 100"} {
			if err := db.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Ops.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		for i, tt := range tests {
			j, err := s.Jobs.Job(ctx, ids[i])
			if err != nil {
				t.Fatal(err)
			}
			if got := eventsString(j.Events); got != tt.want {
				t.Errorf("a %s job: events %q, want %q", tt.state, got, tt.want)
			}
			if n := len(j.Events); n > 0 && (!j.Events[0].At.Equal(j.CreatedAt) || !j.Events[n-1].At.Equal(j.UpdatedAt)) {
				t.Errorf("a %s job: events at %v, want the job's creation %v and last change %v", tt.state, j.Events, j.CreatedAt, j.UpdatedAt)
			}
		}
	})
}
