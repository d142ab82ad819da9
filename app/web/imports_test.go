package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
	"axdash/app/jobs"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// TestImportRoles checks every import route for each kind of visitor:
// viewers and strangers cannot import or see uploads, only admins get the
// original file, and another analyst sees the job but cannot act on it.
func TestImportRoles(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "W", map[string]int{"11": 6})
	clients := map[string]*http.Client{"stranger": newClient(t)}
	for _, role := range []model.Role{model.RoleViewer, model.RoleAnalyst, model.RoleAdmin} {
		login := string(role) + "1"
		clients[string(role)] = loginClient(t, ts.URL, login, newUser(t, s, login, role))
	}
	clients["other analyst"] = loginClient(t, ts.URL, "analyst2", newUser(t, s, "analyst2", model.RoleAnalyst))
	uploader, err := s.Accounts.UserByLogin(context.Background(), "analyst1")
	if err != nil {
		t.Fatal(err)
	}
	job, err := s.Jobs.CreateJob(context.Background(), store.NewJob{Wave: "X", FileName: "a.csv", Size: 1, SHA256: sha("a"),
		UserID: &uploader.ID, UserLogin: uploader.Login}, strings.NewReader("a"))
	if err != nil {
		t.Fatal(err)
	}
	jobURL := fmt.Sprintf("%s/api/v1/imports/%d", ts.URL, job.ID)
	tests := []struct {
		method, url string
		want        map[string]int // by visitor
	}{
		{"GET", ts.URL + "/imports", map[string]int{"stranger": 303, "viewer": 403, "analyst": 200, "other analyst": 200, "admin": 200}},
		{"GET", fmt.Sprintf("%s/imports/%d", ts.URL, job.ID),
			map[string]int{"stranger": 303, "viewer": 403, "analyst": 200, "other analyst": 200, "admin": 200}},
		{"GET", ts.URL + "/api/v1/imports", map[string]int{"stranger": 401, "viewer": 403, "analyst": 200, "other analyst": 200, "admin": 200}},
		{"GET", jobURL, map[string]int{"stranger": 401, "viewer": 403, "analyst": 200, "other analyst": 200, "admin": 200}},
		{"GET", jobURL + "/issues", map[string]int{"stranger": 401, "viewer": 403, "analyst": 200, "other analyst": 200, "admin": 200}},
		{"GET", jobURL + "/annotated.xlsx", map[string]int{"stranger": 401, "viewer": 403, "analyst": 404, "other analyst": 404, "admin": 404}},
		{"GET", jobURL + "/original", map[string]int{"stranger": 401, "viewer": 403, "analyst": 403, "other analyst": 403, "admin": 200}},
		{"POST", jobURL + "/commit", map[string]int{"stranger": 401, "viewer": 403, "analyst": 409, "other analyst": 403, "admin": 409}},
		{"POST", jobURL + "/cancel", map[string]int{"stranger": 401, "viewer": 403, "other analyst": 403}},
	}
	for _, tt := range tests {
		for who, want := range tt.want {
			c := clients[who]
			var body any
			if tt.method == "POST" {
				body = map[string]bool{"skip_invalid": true}
			}
			got, text := call(t, c, tt.method, tt.url, csrfToken(t, c, ts.URL), body)
			if got != want {
				t.Errorf("%s %s as %s = %d, want %d: %.200s", tt.method, tt.url, who, got, want, text)
			}
		}
	}
	for who, want := range map[string]int{"stranger": 401, "viewer": 403} {
		c := clients[who]
		if got, body := uploadAs(t, c, ts.URL, csrfToken(t, c, ts.URL), "W2", "a.xlsx", []byte("x")); got != want {
			t.Errorf("upload as %s = %d, want %d: %s", who, got, want, body)
		}
	}
	if list, _ := s.Jobs.Jobs(context.Background(), 10); len(list) != 1 || list[0].State != model.JobQueued {
		t.Errorf("jobs after refused writes: %+v", list)
	}
	c := clients["analyst"]
	if got, body := call(t, c, "POST", jobURL+"/cancel", csrfToken(t, c, ts.URL), nil); got != 200 {
		t.Errorf("cancel as analyst = %d: %s", got, body)
	}
}

// Writes without the CSRF token are refused and change nothing.
func TestImportCSRF(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "W", nil)
	c := loginClient(t, ts.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	if got, body := uploadAs(t, c, ts.URL, "", "W2", "a.xlsx", []byte("x")); got != http.StatusForbidden {
		t.Errorf("upload without a token = %d: %s", got, body)
	}
	if got, _ := uploadAs(t, c, ts.URL, "wrong", "W2", "a.xlsx", []byte("x")); got != http.StatusForbidden {
		t.Errorf("upload with a wrong token = %d", got)
	}
	job, err := s.Jobs.CreateJob(context.Background(), store.NewJob{Wave: "X", FileName: "a.csv", Size: 1, SHA256: sha("a")},
		strings.NewReader("a"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := call(t, c, "POST", fmt.Sprintf("%s/api/v1/imports/%d/cancel", ts.URL, job.ID), "", nil); got != http.StatusForbidden {
		t.Errorf("cancel without a token = %d", got)
	}
	if list, _ := s.Jobs.Jobs(context.Background(), 10); len(list) != 1 || list[0].State != model.JobQueued {
		t.Errorf("jobs after refused writes: %+v", list)
	}
}

func TestUploadRefusals(t *testing.T) {
	s := storetest.SQLite(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where uploads are spooled
	defer func() {
		if left, _ := filepath.Glob(filepath.Join(tmp, "axdash-upload-*")); len(left) > 0 {
			t.Errorf("uploads left behind: %v", left)
		}
	}()
	ts := newServerWith(t, s, "W", nil, func(d *web.Deps) { d.Config.Import.MaxFileBytes = 4096 })
	c, tok := analystSession(t, s, ts.URL)
	tests := []struct {
		name, wave string
		content    []byte
		status     int
		has        string
	}{
		{"too large", "W2", make([]byte, 5000), 413, "4096 바이트"},
		{"over the body limit", "W2", make([]byte, 2<<20), 413, "너무 큽니다"},
		{"no wave", "", []byte("x"), 400, "조사 차수"},
		{"control characters in the wave", "W\x00", []byte("x"), 400, "제어 문자"},
		{"empty file", "W2", []byte{}, 400, "파일"},
	}
	for _, tt := range tests {
		got, body := uploadAs(t, c, ts.URL, tok, tt.wave, "a.xlsx", tt.content)
		if got != tt.status || !strings.Contains(body, tt.has) {
			t.Errorf("%s: %d %s, want %d containing %q", tt.name, got, body, tt.status, tt.has)
		}
	}
	if got, body := call(t, c, "POST", ts.URL+"/api/v1/imports", tok, map[string]string{"wave": "W"}); got != 400 {
		t.Errorf("a JSON upload = %d: %s", got, body)
	}
	if list, _ := s.Jobs.Jobs(context.Background(), 10); len(list) != 0 {
		t.Errorf("refused uploads made jobs: %+v", list)
	}
	// A hostile file name is kept as text, cut to its base name, and
	// escaped on the history page.
	got, body := uploadAs(t, c, ts.URL, tok, "W2", `..\..\<img src=x onerror=alert(1)>.xlsx`, []byte("x"))
	if got != http.StatusAccepted {
		t.Fatalf("upload = %d: %s", got, body)
	}
	list, _ := s.Jobs.Jobs(context.Background(), 10)
	if len(list) != 1 || list[0].FileName != "<img src=x onerror=alert(1)>.xlsx" {
		t.Fatalf("kept name: %+v", list)
	}
	_, page := call(t, c, "GET", ts.URL+"/imports", "", nil)
	if strings.Contains(page, "<img src=x") || !strings.Contains(page, "&lt;img src=x onerror=alert(1)&gt;.xlsx") {
		t.Error("the file name is not escaped on the history page")
	}
}

// One account's uploads waiting for a parse are bounded.
func TestUploadQueueLimit(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServerWith(t, s, "", nil, func(d *web.Deps) { d.Config.Jobs.MaxQueuedPerUser = 2 })
	ana := loginClient(t, ts.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	bob := loginClient(t, ts.URL, "bob", newUser(t, s, "bob", model.RoleAnalyst))
	tests := []struct {
		who    *http.Client
		status int
	}{{ana, 202}, {ana, 202}, {ana, 429}, {bob, 202}}
	for i, tt := range tests {
		got, body := uploadAs(t, tt.who, ts.URL, csrfToken(t, tt.who, ts.URL), "W", "a.csv", []byte(fmt.Sprint("file ", i)))
		if got != tt.status {
			t.Errorf("upload %d = %d, want %d: %s", i, got, tt.status, body)
		}
	}
	if list, _ := s.Jobs.Jobs(context.Background(), 10); len(list) != 3 {
		t.Errorf("%d jobs, want 3", len(list))
	}
}

// TestImportFlow is the analyst's whole import through the API: upload,
// preview with paged issues and the annotated copy, commit skipping the
// invalid rows, and the figures showing the new wave.
func TestImportFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "OLD", map[string]int{"11": 6})
		r := jobRunner(t, s)
		c, tok := analystSession(t, s, ts.URL)
		got, body := uploadAs(t, c, ts.URL, tok, "2026-H1", "설문 결과.xlsx", damagedWorkbook(t, 60, 11))
		if got != http.StatusAccepted {
			t.Fatalf("upload = %d: %s", got, body)
		}
		var created struct{ ID int64 }
		decode(t, body, &created)
		base := fmt.Sprintf("%s/api/v1/imports/%d", ts.URL, created.ID)
		runJob(t, r)
		var v struct {
			State      string
			WaveExists bool `json:"wave_exists"`
			Report     model.ImportReport
			Codes      []struct{ Code string } `json:"issue_codes"`
			Actions    struct {
				Commit      bool
				SkipInvalid bool `json:"skip_invalid"`
			}
		}
		_, body = call(t, c, "GET", base, "", nil)
		decode(t, body, &v)
		errs := 0 // the damaged cells; the quality rules may add warnings
		for _, is := range v.Report.Issues {
			if is.Severity == model.SeverityError {
				errs++
			}
		}
		if v.State != model.JobChecked || v.WaveExists || v.Report.Rows != 60 || v.Report.Valid != 57 || errs != 3 ||
			len(v.Codes) < 2 || v.Codes[0].Code != "region.unknown" || v.Actions.Commit || !v.Actions.SkipInvalid {
			t.Fatalf("preview: %s", body)
		}
		checkIssuesPage(t, c, base, v.Report.IssuesTotal)
		checkAnnotatedDownload(t, c, base+"/annotated.xlsx", created.ID)
		commitJob(t, c, r, base, tok)
		_, body = call(t, c, "GET", base, "", nil)
		decode(t, body, &v)
		if v.State != model.JobStored || v.Report.Stored != 57 || !v.WaveExists {
			t.Fatalf("after commit: %s", body)
		}
		_, body = call(t, c, "GET", ts.URL+"/api/v1/waves", "", nil)
		if !strings.Contains(body, `"name":"2026-H1","created_at"`) || !strings.Contains(body, `"responses":57`) {
			t.Errorf("waves after commit: %s", body)
		}
		if got, _ = call(t, c, "POST", base+"/cancel", tok, nil); got != http.StatusConflict {
			t.Errorf("cancel after the store = %d", got)
		}
		_, body = call(t, c, "GET", ts.URL+"/api/v1/imports", "", nil)
		if !strings.Contains(body, `"user":"ana"`) || !strings.Contains(body, `"stored":57`) {
			t.Errorf("history: %s", body)
		}
		_, page := call(t, c, "GET", ts.URL+"/imports", "", nil)
		jobsPart, directPart, _ := strings.Cut(page, `id="direct-history"`)
		if !strings.Contains(jobsPart, "설문 결과.xlsx") || strings.Contains(directPart, "설문 결과.xlsx") || !strings.Contains(directPart, "t.xlsx") {
			t.Errorf("the upload should be listed once, as a job; the seeded wave as a direct import")
		}
	})
}

// checkIssuesPage filters the job's issues by code.
func checkIssuesPage(t *testing.T, c *http.Client, base string, total int) {
	t.Helper()
	var p struct {
		Total  int
		Issues []model.Issue
	}
	_, body := call(t, c, "GET", base+"/issues?code=region.unknown&page=1", "", nil)
	decode(t, body, &p)
	if p.Total != 2 || len(p.Issues) != 2 || p.Issues[0].Cell != "C5" {
		t.Errorf("issues page: %s", body)
	}
	_, body = call(t, c, "GET", base+"/issues?page=2", "", nil)
	decode(t, body, &p)
	if p.Total != total || len(p.Issues) != 0 {
		t.Errorf("issues page 2 of 1: %s", body)
	}
}

func checkAnnotatedDownload(t *testing.T, c *http.Client, url string, id int64) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	want := fmt.Sprintf(`attachment; filename="axdash-import-%d-annotated.xlsx"`, id)
	if res.StatusCode != 200 || res.Header.Get("Content-Disposition") != want {
		t.Fatalf("annotated: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatalf("annotated copy is not a workbook: %v", err)
	}
	defer f.Close()
	// The annotation is the column after the demo sheet's last.
	cell, _ := excelize.CoordinatesToCellName(len(demo.Headers())+1, demo.HeaderRow)
	if v, _ := f.GetCellValue("조사표", cell); v != "오류" {
		t.Errorf("annotated %s = %q, want 오류", cell, v)
	}
}

// An upload into a wave that holds data offers only the replace, which
// swaps the wave's responses for the file's valid rows.
// fullWaveUpload is an analyst's checked upload of a workbook with errors
// into the wave W, which already holds data.
type fullWaveUpload struct {
	ts     *httptest.Server
	r      *jobs.Runner
	c      *http.Client
	tok    string
	id     int64
	jobURL string // the job's API
}

func uploadIntoFullWave(t *testing.T, s *store.DB) fullWaveUpload {
	t.Helper()
	u := fullWaveUpload{ts: newServer(t, s, "W", map[string]int{"11": 6}), r: jobRunner(t, s)}
	u.c = loginClient(t, u.ts.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	u.tok = csrfToken(t, u.c, u.ts.URL)
	_, body := uploadAs(t, u.c, u.ts.URL, u.tok, "W", "w.xlsx", damagedWorkbook(t, 30, 4))
	var created struct{ ID int64 }
	decode(t, body, &created)
	u.id = created.ID
	u.jobURL = fmt.Sprintf("%s/api/v1/imports/%d", u.ts.URL, created.ID)
	runJob(t, u.r)
	return u
}

func TestImportReplace(t *testing.T) {
	s := storetest.SQLite(t)
	u := uploadIntoFullWave(t, s)
	ts, r, c, tok, base := u.ts, u.r, u.c, u.tok, u.jobURL
	var body string
	var v struct {
		State   string
		Actions map[string]bool
	}
	_, body = call(t, c, "GET", base, "", nil)
	decode(t, body, &v)
	want := map[string]bool{"commit": false, "skip_invalid": false, "replace": true, "replace_skips": true, "cancel": true}
	if v.State != model.JobChecked || fmt.Sprint(v.Actions) != fmt.Sprint(want) {
		t.Fatalf("preview of an upload into a full wave: %s", body)
	}
	if got, body := call(t, c, "POST", base+"/commit", tok, map[string]bool{"skip_invalid": true, "replace": true}); got != 202 {
		t.Fatalf("replace = %d: %s", got, body)
	}
	runJob(t, r)
	_, body = call(t, c, "GET", base, "", nil) // as the preview page polls
	decode(t, body, &v)
	if v.State != model.JobStored {
		t.Fatalf("after the replace: %s", body)
	}
	_, body = call(t, c, "GET", ts.URL+"/api/v1/waves", "", nil)
	if !strings.Contains(body, `"name":"W"`) || !strings.Contains(body, `"responses":27`) {
		t.Errorf("waves after the replace: %s", body)
	}
}
