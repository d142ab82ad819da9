package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// Once the retention rule purged a cancelled upload, its downloads answer
// 410 with the reason in Korean, its page and the history still show the
// job, and the same bytes uploaded again run to a stored import.
func TestImportPurgedFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		ts := newServer(t, s, "", nil)
		admin := loginClient(t, ts.URL, "root", newUser(t, s, "root", model.RoleAdmin))
		tok := csrfToken(t, admin, ts.URL)
		book := damagedWorkbook(t, 30, 5)
		r := jobRunner(t, s)
		first := uploadJob(t, admin, ts.URL, tok, book)
		runJob(t, r) // checked, with an annotated copy
		if got, body := call(t, admin, "POST", first+"/cancel", tok, nil); got != http.StatusOK {
			t.Fatalf("cancel = %d: %s", got, body)
		}
		if p, err := s.Jobs.PurgeUnstoredFiles(ctx, time.Now().Add(time.Hour), 10); err != nil || p.Files != 1 {
			t.Fatalf("purge = %+v, %v", p, err)
		}
		gone := "7일이 지나 삭제되었습니다"
		for _, url := range []string{first + "/original", first + "/annotated.xlsx",
			ts.URL + "/api/v1/import-files/" + shaOf(book)} {
			if got, body := call(t, admin, "GET", url, "", nil); got != http.StatusGone || !strings.Contains(body, "삭제") {
				t.Errorf("GET %s = %d: %.300s", url, got, body)
			}
		}
		if _, body := call(t, admin, "GET", first+"/original", "", nil); !strings.Contains(body, gone) {
			t.Errorf("the job's original does not give the retention: %s", body)
		}
		if got, body := call(t, admin, "GET", first, "", nil); got != http.StatusOK || !strings.Contains(body, gone) ||
			!strings.Contains(body, `"state":"cancelled"`) {
			t.Errorf("job after the purge = %d: %.300s", got, body)
		}
		page := strings.Replace(first, "/api/v1", "", 1)
		if got, body := call(t, admin, "GET", page, "", nil); got != http.StatusOK || !strings.Contains(body, gone) ||
			strings.Contains(body, `id="job-original"`) {
			t.Errorf("job page after the purge = %d", got)
		}
		if got, body := call(t, admin, "GET", ts.URL+"/imports", "", nil); got != http.StatusOK || !strings.Contains(body, "삭제됨") {
			t.Errorf("history after the purge = %d", got)
		}

		again := uploadJob(t, admin, ts.URL, tok, book)
		runJob(t, r)
		if got, body := call(t, admin, "POST", again+"/commit", tok, map[string]bool{"skip_invalid": true}); got != http.StatusAccepted {
			t.Fatalf("commit = %d: %s", got, body)
		}
		runJob(t, r)
		if got, body := call(t, admin, "GET", again, "", nil); got != http.StatusOK || !strings.Contains(body, `"state":"stored"`) {
			t.Errorf("re-uploaded job = %d: %.300s", got, body)
		}
		for _, url := range []string{again + "/original", first + "/original"} {
			if got, body := call(t, admin, "GET", url, "", nil); got != http.StatusOK || body != string(book) {
				t.Errorf("GET %s after the re-upload = %d, %d bytes of %d", url, got, len(body), len(book))
			}
		}
	})
}

// uploadJob uploads content to wave W and returns the job's API URL.
func uploadJob(t *testing.T, c *http.Client, baseURL, tok string, content []byte) string {
	t.Helper()
	got, body := uploadAs(t, c, baseURL, tok, "W", "조사.xlsx", content)
	if got != http.StatusAccepted {
		t.Fatalf("upload = %d: %s", got, body)
	}
	var created struct{ ID int64 }
	decode(t, body, &created)
	return fmt.Sprintf("%s/api/v1/imports/%d", baseURL, created.ID)
}

func shaOf(b []byte) string { return sha(string(b)) }
