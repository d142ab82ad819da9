package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// signedIn is an account's client on the test server with its CSRF token.
type signedIn struct {
	id  int64
	c   *http.Client
	tok string
}

// signInTeam signs in two analysts, ana and bob, and an admin, boss.
func signInTeam(t *testing.T, s *store.DB, baseURL string) map[string]signedIn {
	t.Helper()
	as := map[string]signedIn{}
	for login, role := range map[string]model.Role{"ana": model.RoleAnalyst, "bob": model.RoleAnalyst, "boss": model.RoleAdmin} {
		c := loginClient(t, baseURL, login, newUser(t, s, login, role))
		u, err := s.Accounts.UserByLogin(t.Context(), login)
		if err != nil {
			t.Fatal(err)
		}
		as[login] = signedIn{u.ID, c, csrfToken(t, c, baseURL)}
	}
	return as
}

// jobJSON is what these tests read of GET /api/v1/imports/{id}.
type jobJSON struct {
	State   string
	Actions map[string]bool
	Events  []struct {
		Action, User, Who, Label string
		UserID                   *int64 `json:"user_id"`
	}
}

// lastEvent is the job's newest event as the page shows it: who, then what.
func (j jobJSON) lastEvent() string {
	if len(j.Events) == 0 {
		return ""
	}
	e := j.Events[len(j.Events)-1]
	return e.Who + " " + e.Label
}

func getJob(t *testing.T, a signedIn, base string) jobJSON {
	t.Helper()
	var v jobJSON
	status, body := call(t, a.c, "GET", base, "", nil)
	if status != http.StatusOK {
		t.Fatalf("GET %s = %d: %s", base, status, body)
	}
	decode(t, body, &v)
	return v
}

// TestImportOwnership: an analyst commits, replaces or cancels only their
// own uploads, an admin anyone's; another analyst gets 403 in Korean and
// the job stays as it was. Each move shows in the job's events.
func TestImportOwnership(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "", nil)
		r := jobRunner(t, s)
		as := signInTeam(t, s, ts.URL)
		skip, replace := map[string]bool{"skip_invalid": true}, map[string]bool{"skip_invalid": true, "replace": true}
		tests := []struct {
			name, who, path string
			body            any
			status          int
			state           string
			event           string // the job's newest event afterwards
		}{
			{"another analyst commits", "bob", "/commit", map[string]bool{}, 403, model.JobChecked, "자동 처리 검사 끝남"},
			{"another analyst skips the invalid rows", "bob", "/commit", skip, 403, model.JobChecked, "자동 처리 검사 끝남"},
			{"another analyst replaces the wave", "bob", "/commit", replace, 403, model.JobChecked, "자동 처리 검사 끝남"},
			{"another analyst cancels", "bob", "/cancel", nil, 403, model.JobChecked, "자동 처리 검사 끝남"},
			{"the uploader skips the invalid rows", "ana", "/commit", skip, 202, model.JobCommitting, "ana 저장 요청 (오류 행 건너뜀)"},
			{"the uploader cancels", "ana", "/cancel", nil, 200, model.JobCancelled, "ana 취소"},
			{"an admin skips the invalid rows", "boss", "/commit", skip, 202, model.JobCommitting, "boss 저장 요청 (오류 행 건너뜀)"},
			{"an admin cancels", "boss", "/cancel", nil, 200, model.JobCancelled, "boss 취소"},
		}
		for i, tt := range tests {
			ana := as["ana"]
			got, body := uploadAs(t, ana.c, ts.URL, ana.tok, fmt.Sprint("W", i), "a.xlsx", damagedWorkbook(t, 12, int64(i+1)))
			if got != http.StatusAccepted {
				t.Fatalf("upload = %d: %s", got, body)
			}
			var created struct{ ID int64 }
			decode(t, body, &created)
			runJob(t, r)
			base := fmt.Sprintf("%s/api/v1/imports/%d", ts.URL, created.ID)
			by := as[tt.who]
			got, body = call(t, by.c, "POST", base+tt.path, by.tok, tt.body)
			if got != tt.status {
				t.Errorf("%s: %d, want %d: %s", tt.name, got, tt.status, body)
			}
			if got == http.StatusForbidden && !strings.Contains(body, "올린 사람이나 관리자만") {
				t.Errorf("%s: the refusal does not say who may: %s", tt.name, body)
			}
			v := getJob(t, ana, base)
			if v.State != tt.state || v.lastEvent() != tt.event {
				t.Errorf("%s: state %s, last event %q; want %s, %q", tt.name, v.State, v.lastEvent(), tt.state, tt.event)
			}
		}
	})
}

// TestImportPageOwner: the job page and its JSON offer another analyst no
// button, name the uploader, and show who did what; the history lists the
// events of every job.
func TestImportPageOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "", nil)
		r := jobRunner(t, s)
		as := signInTeam(t, s, ts.URL)
		ana := as["ana"]
		_, body := uploadAs(t, ana.c, ts.URL, ana.tok, "W", "a.xlsx", damagedWorkbook(t, 12, 3))
		var created struct{ ID int64 }
		decode(t, body, &created)
		runJob(t, r)
		base := fmt.Sprintf("%s/api/v1/imports/%d", ts.URL, created.ID)
		page := fmt.Sprintf("%s/imports/%d", ts.URL, created.ID)
		none := map[string]bool{"commit": false, "skip_invalid": false, "replace": false, "replace_skips": false, "cancel": false}
		mine := map[string]bool{"commit": false, "skip_invalid": true, "replace": false, "replace_skips": true, "cancel": true}
		uploaded := `<span class="who">ana</span> 파일 올림`
		tests := []struct {
			who     string
			actions map[string]bool
			notMine bool // the page says who may act instead
		}{{"ana", mine, false}, {"bob", none, true}, {"boss", mine, false}}
		for _, tt := range tests {
			v := getJob(t, as[tt.who], base)
			if fmt.Sprint(v.Actions) != fmt.Sprint(tt.actions) {
				t.Errorf("actions for %s: %v, want %v", tt.who, v.Actions, tt.actions)
			}
			_, html := call(t, as[tt.who].c, "GET", page, "", nil)
			if strings.Contains(html, `id="job-not-yours"`) != tt.notMine || (tt.notMine && !strings.Contains(html, "올린 사람(ana)")) {
				t.Errorf("the page for %s: notice of the uploader %v, want %v", tt.who, !tt.notMine, tt.notMine)
			}
			if !strings.Contains(html, uploaded) {
				t.Errorf("the page for %s does not show the upload's event %q", tt.who, uploaded)
			}
		}
		boss := as["boss"]
		if got, body := call(t, boss.c, "POST", base+"/commit", boss.tok, map[string]bool{"skip_invalid": true}); got != 202 {
			t.Fatalf("commit as an admin = %d: %s", got, body)
		}
		runJob(t, r)
		v := getJob(t, ana, base)
		var got []string
		for _, e := range v.Events {
			got = append(got, fmt.Sprint(e.Action, " ", e.User, " ", e.UserID != nil && *e.UserID == as[e.User].id))
		}
		want := []string{"uploaded ana true", "checked  false", "commit boss true", "stored  false"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("events %v, want %v", got, want)
		}
		_, history := call(t, ana.c, "GET", ts.URL+"/imports", "", nil)
		for _, want := range []string{uploaded, `<span class="who">boss</span> 저장 요청 (오류 행 건너뜀)`, `<span class="who">자동 처리</span> 저장됨`} {
			if !strings.Contains(history, want) {
				t.Errorf("the history lacks %q", want)
			}
		}
		_, list := call(t, ana.c, "GET", ts.URL+"/api/v1/imports", "", nil)
		if want := fmt.Sprintf(`"action":"commit","user_id":%d,"user":"boss","skip_invalid":true,"replace":false`, boss.id); !strings.Contains(list, want) {
			t.Errorf("GET /api/v1/imports lacks %s: %.600s", want, list)
		}
	})
}
