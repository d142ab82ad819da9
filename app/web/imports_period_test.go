package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"axdash/app/jobs"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// A survey period given with a browser upload is checked like
// `import --period`: refused when malformed, used by the preview's rules,
// stored with the wave at commit. The committed period is the widest ISO
// dates can write, typed with spaces around: from year 0 (PostgreSQL's 1
// BC) to 9999, it reaches the job's JSON, its page and the wave unchanged.
func TestUploadPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "", nil)
		r := jobRunner(t, s)
		c, tok := analystSession(t, s, ts.URL)
		book := damagedWorkbook(t, 30, 5)
		refusals := []struct{ start, end, has string }{
			{"2026-01-01", "", "모두 입력"},
			{"", "2026-06-30", "모두 입력"},
			{"2026-13-01", "2026-12-31", "YYYY-MM-DD"},
			{"10000-01-01", "10000-01-02", "YYYY-MM-DD"},
			{"2026-06-30", "2026-01-01", "앞섭니다"},
		}
		for _, tt := range refusals {
			got, body := uploadFields(t, c, ts.URL, tok, map[string]string{"wave": "W",
				"period_start": tt.start, "period_end": tt.end}, "a.xlsx", book)
			if got != http.StatusBadRequest || !strings.Contains(body, tt.has) {
				t.Errorf("period %q..%q: %d %s; want 400 with %q", tt.start, tt.end, got, body, tt.has)
			}
		}
		// Every generated survey date lies outside a period in 2000.
		outside := previewCodes(t, c, ts.URL, tok, r, "2000-01-01", "2000-01-31", book)
		if outside["rule.surveyed_outside_period"] == 0 {
			t.Errorf("a period missing every survey date: codes %v", outside)
		}
		// A second upload of the same file is a new job; this one's period
		// holds every date, and its commit stores the period with the wave.
		id := upload(t, c, ts.URL, tok, " 0000-01-01\t", "\n9999-12-31 ", book)
		runJob(t, r)
		codes := jobCodes(t, c, ts.URL, id)
		if codes["rule.surveyed_outside_period"] != 0 {
			t.Errorf("a period holding every survey date: codes %v", codes)
		}
		base := fmt.Sprintf("%s/api/v1/imports/%d", ts.URL, id)
		want := model.Period{Start: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}
		var job struct {
			PeriodStart time.Time `json:"period_start"`
			PeriodEnd   time.Time `json:"period_end"`
		}
		_, js := call(t, c, "GET", base, "", nil)
		decode(t, js, &job)
		if !job.PeriodStart.Equal(want.Start) || !job.PeriodEnd.Equal(want.End) {
			t.Errorf("job JSON period %v..%v; want %v", job.PeriodStart, job.PeriodEnd, want)
		}
		_, page := call(t, c, "GET", fmt.Sprintf("%s/imports/%d", ts.URL, id), "", nil)
		if !strings.Contains(page, "조사 기간 "+want.String()) {
			t.Error("the job page does not show the period")
		}
		commitJob(t, c, r, base, tok)
		p, err := s.Surveys.WavePeriod(context.Background(), "W")
		if err != nil || p == nil || p.String() != want.String() {
			t.Errorf("wave period after commit = %v, %v; want %v", p, err, want)
		}
	})
}

// upload posts book into wave W with the period and returns the job's id.
func upload(t *testing.T, c *http.Client, baseURL, tok, start, end string, book []byte) int64 {
	t.Helper()
	got, body := uploadFields(t, c, baseURL, tok, map[string]string{"wave": "W", "period_start": start,
		"period_end": end}, "a.xlsx", book)
	if got != http.StatusAccepted {
		t.Fatalf("upload with period %s..%s = %d: %s", start, end, got, body)
	}
	var created struct{ ID int64 }
	decode(t, body, &created)
	return created.ID
}

// previewCodes uploads, lets the runner check the file and returns the
// preview's issue counts by code.
func previewCodes(t *testing.T, c *http.Client, baseURL, tok string, r *jobs.Runner, start, end string, book []byte) map[string]int {
	t.Helper()
	id := upload(t, c, baseURL, tok, start, end, book)
	runJob(t, r)
	codes := jobCodes(t, c, baseURL, id)
	if got, body := call(t, c, "POST", fmt.Sprintf("%s/api/v1/imports/%d/cancel", baseURL, id), tok, nil); got != http.StatusOK {
		t.Fatalf("cancel = %d: %s", got, body)
	}
	return codes
}

// jobCodes is the job's issue counts by code, as its preview lists them.
func jobCodes(t *testing.T, c *http.Client, baseURL string, id int64) map[string]int {
	t.Helper()
	var v struct {
		State string
		Codes []struct {
			Code  string
			Count int
		} `json:"issue_codes"`
	}
	_, body := call(t, c, "GET", fmt.Sprintf("%s/api/v1/imports/%d", baseURL, id), "", nil)
	decode(t, body, &v)
	if v.State != model.JobChecked {
		t.Fatalf("job %d: %s", id, body)
	}
	out := map[string]int{}
	for _, k := range v.Codes {
		out[k.Code] = k.Count
	}
	return out
}
