package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"axdash/app/jobs"
	"axdash/app/jobs/jobstest"
	"axdash/app/model"
	"axdash/app/store"
)

func damagedWorkbook(t *testing.T, n int, seed int64) []byte {
	return jobstest.DamagedWorkbook(t, n, seed)
}

// jobRunner is a runner over s that parses in process; tests call RunOnce
// where a server's background runner would pick the job up.
func jobRunner(t *testing.T, s *store.DB) *jobs.Runner { return jobstest.Runner(t, s) }

func runJob(t *testing.T, r *jobs.Runner) {
	t.Helper()
	if ran, err := r.RunOnce(context.Background(), "test"); !ran || err != nil {
		t.Fatalf("RunOnce = %v, %v", ran, err)
	}
}

// analystSession signs an analyst in on the server at url: the client and
// its CSRF token, as the upload tests begin.
func analystSession(t *testing.T, s *store.DB, url string) (*http.Client, string) {
	t.Helper()
	c := loginClient(t, url, "ana", newUser(t, s, "ana", model.RoleAnalyst))
	return c, csrfToken(t, c, url)
}

// commitJob commits the checked job at base, skipping its invalid rows,
// and runs the commit.
func commitJob(t *testing.T, c *http.Client, r *jobs.Runner, base, tok string) {
	t.Helper()
	if got, body := call(t, c, "POST", base+"/commit", tok, map[string]bool{"skip_invalid": true}); got != http.StatusAccepted {
		t.Fatalf("commit = %d: %s", got, body)
	}
	runJob(t, r)
}

// multipartBody builds an upload: the fields, then the file.
func multipartBody(t *testing.T, fields map[string]string, name string, content []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if content != nil {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &buf
}

// uploadAs posts a workbook with the client's CSRF token (when token is not
// empty) and returns the status and body.
func uploadAs(t *testing.T, c *http.Client, baseURL, token, wave, name string, content []byte) (int, string) {
	t.Helper()
	return uploadFields(t, c, baseURL, token, map[string]string{"wave": wave}, name, content)
}

// uploadFields is uploadAs with any form fields.
func uploadFields(t *testing.T, c *http.Client, baseURL, token string, fields map[string]string, name string, content []byte) (int, string) {
	t.Helper()
	ctype, body := multipartBody(t, fields, name, content)
	req, err := http.NewRequest(http.MethodPost, baseURL+"/api/v1/imports", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	if token != "" {
		req.Header.Set("X-CSRF-Token", token)
	}
	return do(t, c, req)
}

// call sends a request with the client, a JSON body when body is not nil
// and the CSRF header when token is not empty.
func call(t *testing.T, c *http.Client, method, url, token string, body any) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("X-CSRF-Token", token)
	}
	return do(t, c, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) (int, string) {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func decode(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.NewDecoder(strings.NewReader(body)).Decode(v); err != nil {
		t.Fatalf("decode %q: %v", body, err)
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
