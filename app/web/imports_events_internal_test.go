package web

import (
	"testing"
	"time"

	"axdash/app/model"
)

// A job's events read as who did what: the runner's steps as 자동 처리, an
// upload without an account as 계정 없음, a commit with its options.
func TestEventViews(t *testing.T) {
	id := int64(3)
	at := time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		event     model.JobEvent
		who, what string
	}{
		{model.JobEvent{Action: model.EventUploaded, UserID: &id, UserLogin: "ana"}, "ana", "파일 올림"},
		{model.JobEvent{Action: model.EventUploaded}, "계정 없음", "파일 올림"},
		{model.JobEvent{Action: model.JobChecked}, "자동 처리", "검사 끝남"},
		{model.JobEvent{Action: model.EventCommit, UserID: &id, UserLogin: "ana"}, "ana", "저장 요청"},
		{model.JobEvent{Action: model.EventCommit, UserID: &id, UserLogin: "ana", SkipInvalid: true}, "ana", "저장 요청 (오류 행 건너뜀)"},
		{model.JobEvent{Action: model.EventCommit, UserID: &id, UserLogin: "boss", SkipInvalid: true, Replace: true}, "boss",
			"저장 요청 (차수 교체, 오류 행 건너뜀)"},
		{model.JobEvent{Action: model.EventCancel, UserID: &id, UserLogin: "boss"}, "boss", "취소"},
		{model.JobEvent{Action: model.JobStored}, "자동 처리", "저장됨"},
		{model.JobEvent{Action: "unknown"}, "자동 처리", "unknown"},
	}
	for _, tt := range tests {
		tt.event.At = at
		v := eventViews([]model.JobEvent{tt.event})
		if len(v) != 1 || v[0].Who != tt.who || v[0].Label != tt.what || v[0].When != at.Local().Format("2006-01-02 15:04:05") {
			t.Errorf("%+v: %+v, want %s %s", tt.event, v, tt.who, tt.what)
		}
	}
	if v := eventViews(nil); v == nil || len(v) != 0 {
		t.Errorf("no events: %#v, want an empty list (JSON [])", v)
	}
}
