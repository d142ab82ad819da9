package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// Imports made without an upload (axdash import, the demo) are in the
// history too, and admins can download their originals by SHA-256.
func TestDirectImportsInHistory(t *testing.T) {
	s := storetest.SQLite(t)
	ts := newServer(t, s, "", nil)
	content := "the original <file>"
	l, err := s.Surveys.BeginLoad(context.Background(), store.LoadInput{Wave: "CLI", Import: model.Import{FileName: "cli <b>.xlsx",
		Format: "xlsx", SHA256: sha(content)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range storetest.Rows(2) {
		if err := l.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Commit(model.Import{Rows: 2, Valid: 2, Format: "xlsx"}, strings.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	admin := loginClient(t, ts.URL, "boss", newUser(t, s, "boss", model.RoleAdmin))
	analyst := loginClient(t, ts.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	_, page := call(t, admin, "GET", ts.URL+"/imports", "", nil)
	if !strings.Contains(page, `id="direct-history"`) || !strings.Contains(page, "<td>계정 없음 (명령줄·데모)</td><td>cli &lt;b&gt;.xlsx") ||
		!strings.Contains(page, "/api/v1/import-files/"+sha(content)) {
		t.Errorf("the history lacks the direct import: %.2000s", page)
	}
	if _, page = call(t, analyst, "GET", ts.URL+"/imports", "", nil); strings.Contains(page, "/api/v1/import-files/") {
		t.Error("an analyst's history links the original")
	}
	tests := []struct {
		client *http.Client
		path   string
		status int
		body   string
	}{
		{admin, "/api/v1/import-files/" + sha(content), 200, content},
		{analyst, "/api/v1/import-files/" + sha(content), 403, ""},
		{admin, "/api/v1/import-files/" + sha("none"), 404, ""},
		{admin, "/api/v1/import-files/..%2F..%2Fetc", 404, ""},
	}
	for _, tt := range tests {
		got, body := call(t, tt.client, "GET", ts.URL+tt.path, "", nil)
		if got != tt.status || (tt.body != "" && body != tt.body) {
			t.Errorf("GET %s = %d %.100q, want %d", tt.path, got, body, tt.status)
		}
	}
	// The download is named with its format, so Excel opens it.
	res, err := admin.Get(ts.URL + "/api/v1/import-files/" + sha(content))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	want := `attachment; filename="axdash-import-` + sha(content)[:12] + `.xlsx"`
	if got := res.Header.Get("Content-Disposition"); got != want {
		t.Errorf("Content-Disposition = %q, want %q", got, want)
	}
}
