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

// The period's edges: spaces around a date are dropped, a year of five
// digits is refused, and the widest period ISO dates can write (from year
// 0, which PostgreSQL calls 1 BC) reaches the job's JSON, its page and,
// at commit, the wave unchanged on both databases.
func TestUploadPeriodEdges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ts := newServer(t, s, "", nil)
		r := jobRunner(t, s)
		c := loginClient(t, ts.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
		tok := csrfToken(t, c, ts.URL)
		book := damagedWorkbook(t, 30, 5)
		got, body := uploadFields(t, c, ts.URL, tok, map[string]string{"wave": "W",
			"period_start": "10000-01-01", "period_end": "10000-01-02"}, "a.xlsx", book)
		if got != http.StatusBadRequest || !strings.Contains(body, "YYYY-MM-DD") {
			t.Errorf("a five-digit year: %d %s; want 400", got, body)
		}
		id := upload(t, c, ts.URL, tok, " 0000-01-01\t", "\n9999-12-31 ", book)
		runJob(t, r)
		base := fmt.Sprintf("%s/api/v1/imports/%d", ts.URL, id)
		var job struct {
			PeriodStart time.Time `json:"period_start"`
			PeriodEnd   time.Time `json:"period_end"`
		}
		_, js := call(t, c, "GET", base, "", nil)
		decode(t, js, &job)
		want := model.Period{Start: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}
		if !job.PeriodStart.Equal(want.Start) || !job.PeriodEnd.Equal(want.End) {
			t.Errorf("job JSON period %v..%v; want %v", job.PeriodStart, job.PeriodEnd, want)
		}
		if _, page := call(t, c, "GET", fmt.Sprintf("%s/imports/%d", ts.URL, id), "", nil); !strings.Contains(page, "조사 기간 "+want.String()) {
			t.Error("the job page does not show the period")
		}
		if got, body := call(t, c, "POST", base+"/commit", tok, map[string]bool{"skip_invalid": true}); got != http.StatusAccepted {
			t.Fatalf("commit = %d: %s", got, body)
		}
		runJob(t, r)
		if p, err := s.WavePeriod(context.Background(), "W"); err != nil || p == nil || p.String() != want.String() {
			t.Errorf("wave period after commit = %v, %v; want %v", p, err, want)
		}
	})
}
