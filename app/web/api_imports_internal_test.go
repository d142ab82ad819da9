package web

import (
	"testing"

	"axdash/app/model"
)

func TestActionsFor(t *testing.T) {
	rowErr := model.Issue{Severity: model.SeverityError, Code: "region.unknown", Cell: "C5", Row: 5}
	waveErr := model.Issue{Severity: model.SeverityError, Code: "wave.exists"}
	dupErr := model.Issue{Severity: model.SeverityError, Code: "file.duplicate"}
	warn := model.Issue{Severity: model.SeverityWarning, Code: "weight.default", Cell: "R6", Row: 6}
	ana, bob, boss := int64(5), int64(6), int64(7)
	owner := model.Actor{UserID: &ana, Login: "ana"}
	other := model.Actor{UserID: &bob, Login: "bob"}
	admin := model.Actor{UserID: &boss, Login: "boss", Admin: true}
	tests := []struct {
		name       string
		state      string
		uploader   *int64
		by         model.Actor
		issues     []model.Issue
		rows, ok   int
		waveExists bool
		want       jobActions
	}{
		{"clean", model.JobChecked, &ana, owner, nil, 10, 10, false, jobActions{Commit: true, Cancel: true}},
		{"warnings only", model.JobChecked, &ana, owner, []model.Issue{warn}, 10, 10, false, jobActions{Commit: true, Cancel: true}},
		{"row errors", model.JobChecked, &ana, owner, []model.Issue{rowErr}, 10, 9, false,
			jobActions{SkipInvalid: true, ReplaceSkips: true, Cancel: true}},
		{"wave exists", model.JobChecked, &ana, owner, []model.Issue{waveErr}, 10, 10, true, jobActions{Replace: true, Cancel: true}},
		{"wave exists and row errors", model.JobChecked, &ana, owner, []model.Issue{waveErr, rowErr}, 10, 9, true,
			jobActions{Replace: true, ReplaceSkips: true, Cancel: true}},
		{"wave emptied since the check", model.JobChecked, &ana, owner, []model.Issue{waveErr}, 10, 10, false,
			jobActions{Commit: true, Cancel: true}},
		{"duplicate file", model.JobChecked, &ana, owner, []model.Issue{dupErr, rowErr}, 10, 9, false,
			jobActions{ReplaceSkips: true, Cancel: true}},
		{"no valid rows", model.JobChecked, &ana, owner, []model.Issue{rowErr}, 1, 0, false, jobActions{ReplaceSkips: true, Cancel: true}},
		{"not checked", model.JobParsing, &ana, owner, nil, 10, 10, false, jobActions{Cancel: true}},
		{"ended", model.JobStored, &ana, owner, nil, 10, 10, false, jobActions{}},
		{"another analyst's job", model.JobChecked, &ana, other, []model.Issue{rowErr}, 10, 9, false, jobActions{}},
		{"another analyst's job, not checked", model.JobQueued, &ana, other, nil, 0, 0, false, jobActions{}},
		{"an admin on an analyst's job", model.JobChecked, &ana, admin, []model.Issue{rowErr}, 10, 9, false,
			jobActions{SkipInvalid: true, ReplaceSkips: true, Cancel: true}},
		{"a job without an account, analyst", model.JobChecked, nil, owner, nil, 10, 10, false, jobActions{}},
		{"a job without an account, admin", model.JobChecked, nil, admin, nil, 10, 10, false, jobActions{Commit: true, Cancel: true}},
		{"no account asking", model.JobChecked, &ana, model.Actor{}, nil, 10, 10, false, jobActions{}},
	}
	for _, tt := range tests {
		rep := &model.ImportReport{Rows: tt.rows, Valid: tt.ok, Issues: tt.issues}
		if got := actionsFor(&model.Job{State: tt.state, UserID: tt.uploader}, rep, tt.waveExists, tt.by); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
