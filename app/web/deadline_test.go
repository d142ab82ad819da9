package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/configs"
)

// probe is one request of the load and how it went.
type probe struct {
	worker     int
	start, end time.Time
	status     int
	stale      bool // X-Axdash-Stale: built from the last read
	retryAfter string
	body       string
}

// TestFrozenDatabaseRequestsEndByDeadline freezes a throwaway PostgreSQL
// cluster (SIGSTOP of the postmaster and its backends) under load: every
// request ends by its deadline plus a margin, figures from memory (200,
// marked stale) and the rest with 503 "데이터베이스 응답 지연" and
// Retry-After; after SIGCONT every kind of request is answered afresh
// within a few seconds.
func TestFrozenDatabaseRequestsEndByDeadline(t *testing.T) {
	const deadline, margin, recovery = time.Second, time.Second, 5 * time.Second
	c := storetest.NewCluster(t)
	st := storetest.OpenLogged(t, configs.DatabaseConfig{URL: c.URL(), MaxOpenConns: 4, ConnectTimeout: 2 * time.Second},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if _, err := commitRows(st, "2026-H1", sharedRows("11", 12)); err != nil {
		t.Fatal(err)
	}
	// Every request reads the wave states (StateTTL negative), so that each
	// one queries the frozen server.
	base := serveStore(t, st, func(d *web.Deps) {
		d.StateTTL = -1
		d.Config.Server.RequestTimeout = deadline
	}).URL
	analyst := loginClient(t, base, "ana", newUser(t, st, "ana", model.RoleAnalyst))
	visitor := newClient(t)
	load := []struct {
		client *http.Client
		path   string
	}{
		{visitor, "/"}, {visitor, "/api/v1/figures/adoption-by-region"}, {visitor, "/readyz"},
		{analyst, "/imports"}, {analyst, "/api/v1/imports"}, {analyst, "/exemplars"},
	}
	results, stop := make(chan probe), make(chan struct{})
	defer close(stop)
	for i, l := range load {
		go func() {
			for {
				p := probe{worker: i, start: time.Now()}
				if res, err := l.client.Get(base + l.path); err == nil {
					p.status, p.stale, p.retryAfter = res.StatusCode, res.Header.Get("X-Axdash-Stale") != "", res.Header.Get("Retry-After")
					b, _ := io.ReadAll(res.Body)
					res.Body.Close()
					p.body = string(b)
				}
				p.end = time.Now()
				select {
				case results <- p:
				case <-stop:
					return
				}
			}
		}()
	}
	probes := runFreeze(t, c, results, len(load), recovery)

	var delayed, stale bool
	var longest time.Duration
	for _, p := range probes {
		took := p.end.Sub(p.start)
		longest = max(longest, took)
		if took > deadline+margin {
			t.Errorf("GET %s took %s, past its deadline %s + %s", load[p.worker].path, took, deadline, margin)
		}
		switch {
		case p.status == http.StatusServiceUnavailable && p.retryAfter != "" && strings.Contains(p.body, "데이터베이스 응답 지연"):
			delayed = true
		case p.status == http.StatusOK && p.stale:
			stale = true
		}
	}
	t.Logf("%d requests, the longest %s", len(probes), longest)
	if !delayed || !stale {
		t.Errorf("the freeze was not felt: a 503 \"데이터베이스 응답 지연\" with Retry-After %v, a figure from memory %v", delayed, stale)
	}
}

// runFreeze lets every worker answer afresh once, freezes the cluster
// until every worker has felt it (an answer begun since that is not fresh:
// from memory, or 503), thaws it, and returns the probes once every worker
// has had a fresh answer (200, not from memory) again, failing when one
// took longer than recovery after the thaw.
func runFreeze(t *testing.T, c *storetest.Cluster, results <-chan probe, workers int, recovery time.Duration) []probe {
	t.Helper()
	var probes []probe
	var frozenAt, thawedAt time.Time
	felt, healthy := make([]bool, workers), make([]bool, workers)
	all := func(b []bool) bool { return !slices.Contains(b, false) }
	for p := range results {
		probes = append(probes, p)
		fresh := p.status == http.StatusOK && !p.stale
		switch {
		case frozenAt.IsZero():
			healthy[p.worker] = healthy[p.worker] || fresh
			if all(healthy) {
				c.Freeze()
				frozenAt = time.Now()
			}
		case thawedAt.IsZero():
			felt[p.worker] = felt[p.worker] || (p.start.After(frozenAt) && !fresh)
			if p.start.After(frozenAt) && fresh {
				t.Fatalf("worker %d answered afresh from a frozen database: %.200s", p.worker, p.body)
			}
			if all(felt) {
				c.Thaw()
				thawedAt = time.Now()
				clear(healthy)
			}
		default:
			if !p.start.After(thawedAt) {
				continue
			}
			if fresh && !healthy[p.worker] {
				healthy[p.worker] = true
				t.Logf("worker %d answered afresh %s after SIGCONT", p.worker, p.end.Sub(thawedAt))
			}
			if p.end.Sub(thawedAt) > recovery && !healthy[p.worker] {
				t.Fatalf("worker %d not recovered %s after SIGCONT: %d %.200s", p.worker, recovery, p.status, p.body)
			}
			if all(healthy) {
				return probes
			}
		}
	}
	return probes
}

// deadlineSurveys records the time left before the deadline of each read
// of the wave states.
type deadlineSurveys struct {
	*store.Surveys
	mu   sync.Mutex
	left []time.Duration // 0: no deadline
}

func (s *deadlineSurveys) WaveStates(ctx context.Context) ([]store.WaveState, error) {
	var left time.Duration
	if d, ok := ctx.Deadline(); ok {
		left = time.Until(d)
	}
	s.mu.Lock()
	s.left = append(s.left, left)
	s.mu.Unlock()
	return s.Surveys.WaveStates(ctx)
}

// TestRouteDeadlines: a request's queries run under its route class's
// deadline: server.request_timeout for pages and figures,
// server.long_request_timeout for downloads.
func TestRouteDeadlines(t *testing.T) {
	const short, long = time.Minute, time.Hour
	st := storetest.SQLite(t)
	if _, err := commitRows(st, "2026-H1", sharedRows("11", 12)); err != nil {
		t.Fatal(err)
	}
	rec := &deadlineSurveys{Surveys: st.Surveys}
	base := serveStore(t, st, func(d *web.Deps) {
		d.StateTTL = -1
		d.Surveys = rec
		d.Config.Server.RequestTimeout, d.Config.Server.LongRequestTimeout = short, long
	}).URL
	tests := []struct {
		path string
		want time.Duration
	}{
		{"/", short},
		{"/api/v1/figures/adoption-by-region", short},
		{"/api/v1/figures/adoption-by-region.xlsx", short},
		{"/briefing.xlsx", long},
	}
	for _, tt := range tests {
		rec.mu.Lock()
		rec.left = nil
		rec.mu.Unlock()
		if res, body := get(t, base+tt.path); res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d: %.200s", tt.path, res.StatusCode, body)
		}
		rec.mu.Lock()
		left := slices.Clone(rec.left)
		rec.mu.Unlock()
		// The time left is the deadline less the moments the request took
		// to get to the read: a minute less, at most, on any machine.
		if len(left) == 0 || left[0] > tt.want || left[0] < tt.want-time.Minute/2 {
			t.Errorf("GET %s read the states with %v left, want just under %s", tt.path, left, tt.want)
		}
	}
}
