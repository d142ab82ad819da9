package web_test

import (
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// An upload slower than server.read_timeout still arrives: the upload route
// has jobs.upload_timeout instead.
func TestSlowUploadOutlivesReadTimeout(t *testing.T) {
	s := storetest.SQLite(t)
	srv, err := web.New(testDeps(t, s))
	if err != nil {
		t.Fatal(err)
	}
	// The session and token come from a server without the short timeouts:
	// signing in hashes the password, which on a busy machine outlasts
	// them, and Go drops the response of a handler past its write deadline
	// (the client reads EOF). Sessions live in the database and the cookie
	// jar ignores ports, so the timed server below takes the upload alone.
	plain := httptest.NewServer(srv.Handler())
	t.Cleanup(plain.Close)
	c := loginClient(t, plain.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	tok := csrfToken(t, c, plain.URL)
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Config.ReadTimeout, ts.Config.WriteTimeout = 300*time.Millisecond, 300*time.Millisecond
	ts.Start()
	t.Cleanup(ts.Close)
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("wave", "W")
		fw, _ := mw.CreateFormFile("file", "slow.csv")
		for i := range 4 { // 4 × 250 ms: past both timeouts
			time.Sleep(250 * time.Millisecond)
			_, _ = fw.Write([]byte{'a' + byte(i), '\n'})
		}
		pw.CloseWithError(mw.Close())
	}()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/imports", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-CSRF-Token", tok)
	if got, body := do(t, c, req); got != http.StatusAccepted {
		t.Fatalf("slow upload = %d: %s", got, body)
	}
}
