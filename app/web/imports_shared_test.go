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

// Two axdash servers, each with its own pool and job runner, share one
// database: a session from one works on the other, an upload to one is run
// by whichever runner claims it, and both see the result.
func TestTwoServersShareImports(t *testing.T) {
	storetest.EachShared(t, 2, func(t *testing.T, ss []*store.DB) {
		a, b := newServer(t, ss[0], "", nil), newServer(t, ss[1], "", nil)
		for _, s := range ss {
			r := jobRunner(t, s)
			r.Config.PollInterval = 10 * time.Millisecond
			r.Start(context.Background())
			t.Cleanup(func() { _ = r.Stop(context.Background()) })
		}
		c := loginClient(t, a.URL, "ana", newUser(t, ss[0], "ana", model.RoleAnalyst))
		if got, body := call(t, c, "GET", b.URL+"/imports", "", nil); got != http.StatusOK || !strings.Contains(body, `data-login="ana"`) {
			t.Fatalf("server b with a's session: %d", got)
		}
		got, body := uploadAs(t, c, a.URL, csrfToken(t, c, a.URL), "W", "w.xlsx", damagedWorkbook(t, 50, 21))
		if got != http.StatusAccepted {
			t.Fatalf("upload to a = %d: %s", got, body)
		}
		var created struct{ ID int64 }
		decode(t, body, &created)
		path := fmt.Sprintf("/api/v1/imports/%d", created.ID)
		waitState(t, c, b.URL+path, model.JobChecked)
		if got, body = call(t, c, "POST", b.URL+path+"/commit", csrfToken(t, c, b.URL), map[string]bool{"skip_invalid": true}); got != http.StatusAccepted {
			t.Fatalf("commit on b = %d: %s", got, body)
		}
		waitState(t, c, a.URL+path, model.JobStored)
		waitState(t, c, b.URL+path, model.JobStored)
		for _, srv := range []string{a.URL, b.URL} {
			_, body = call(t, c, "GET", srv+"/api/v1/waves", "", nil)
			if !strings.Contains(body, `"name":"W"`) || !strings.Contains(body, `"responses":47`) {
				t.Errorf("%s waves: %s", srv, body)
			}
		}
	})
}

// waitState polls a job until it reaches state; a final state other than
// the one wanted fails at once.
func waitState(t *testing.T, c *http.Client, url, state string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var v struct{ State, Error string }
		_, body := call(t, c, "GET", url, "", nil)
		decode(t, body, &v)
		if v.State == state {
			return
		}
		if model.JobFinal(v.State) || time.Now().After(deadline) {
			t.Fatalf("job at %s is %s (%s), want %s", url, v.State, v.Error, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
