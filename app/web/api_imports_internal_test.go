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
	tests := []struct {
		name       string
		state      string
		issues     []model.Issue
		rows, ok   int
		waveExists bool
		want       jobActions
	}{
		{"clean", model.JobChecked, nil, 10, 10, false, jobActions{Commit: true}},
		{"warnings only", model.JobChecked, []model.Issue{warn}, 10, 10, false, jobActions{Commit: true}},
		{"row errors", model.JobChecked, []model.Issue{rowErr}, 10, 9, false, jobActions{SkipInvalid: true, ReplaceSkips: true}},
		{"wave exists", model.JobChecked, []model.Issue{waveErr}, 10, 10, true, jobActions{Replace: true}},
		{"wave exists and row errors", model.JobChecked, []model.Issue{waveErr, rowErr}, 10, 9, true,
			jobActions{Replace: true, ReplaceSkips: true}},
		{"wave emptied since the check", model.JobChecked, []model.Issue{waveErr}, 10, 10, false, jobActions{Commit: true}},
		{"duplicate file", model.JobChecked, []model.Issue{dupErr, rowErr}, 10, 9, false, jobActions{ReplaceSkips: true}},
		{"no valid rows", model.JobChecked, []model.Issue{rowErr}, 1, 0, false, jobActions{ReplaceSkips: true}},
		{"not checked", model.JobParsing, nil, 10, 10, false, jobActions{}},
	}
	for _, tt := range tests {
		rep := &model.ImportReport{Rows: tt.rows, Valid: tt.ok, Issues: tt.issues}
		if got := actionsFor(&model.Job{State: tt.state}, rep, tt.waveExists); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
