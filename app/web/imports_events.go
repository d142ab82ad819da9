package web

import (
	"strings"

	"axdash/app/model"
)

// Who took a job's step, in words, when no account did: the runner's own
// steps, and an upload made without an account (none of the browser's).
const (
	byRunner  = "자동 처리"
	noAccount = "계정 없음"
)

// eventLabels name a job's steps in Korean: what people did, and where the
// runner's steps ended.
var eventLabels = map[string]string{
	model.EventUploaded: "파일 올림", model.EventCommit: "저장 요청", model.EventCancel: "취소",
	model.JobChecked: "검사 끝남", model.JobRefused: "거부됨", model.JobFailed: "실패", model.JobStored: "저장됨",
}

// eventView is a job event as pages and the API show it: who in words,
// what in Korean with the commit's options, and when in local time.
type eventView struct {
	model.JobEvent
	Who   string `json:"who"`
	Label string `json:"label"`
	When  string `json:"when"`
}

// accountName is who a job's uploader or an event's account was, for pages.
func accountName(login string) string {
	if login == "" {
		return noAccount
	}
	return login
}

func eventViews(events []model.JobEvent) []eventView {
	out := make([]eventView, 0, len(events))
	for _, e := range events {
		v := eventView{JobEvent: e, Who: accountName(e.UserLogin), Label: eventLabels[e.Action],
			When: e.At.Local().Format("2006-01-02 15:04:05")}
		if !e.ByPerson() {
			v.Who = byRunner
		}
		if v.Label == "" {
			v.Label = e.Action
		}
		var opts []string
		if e.Replace {
			opts = append(opts, "차수 교체")
		}
		if e.SkipInvalid {
			opts = append(opts, "오류 행 건너뜀")
		}
		if len(opts) > 0 {
			v.Label += " (" + strings.Join(opts, ", ") + ")"
		}
		out = append(out, v)
	}
	return out
}
