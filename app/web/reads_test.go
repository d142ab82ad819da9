package web_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/configs"
)

// serveStore serves s with the test deps, changed by adjust.
func serveStore(tb testing.TB, s *store.DB, adjust ...func(*web.Deps)) *httptest.Server {
	tb.Helper()
	deps := testDeps(tb, s)
	for _, f := range adjust {
		f(&deps)
	}
	srv, err := web.New(deps)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return ts
}

// sqlLog is a slog handler that keeps the statements a store logs (store.Open
// logs every one to a logger that takes debug records).
type sqlLog struct {
	mu    sync.Mutex
	stmts []string
}

func (l *sqlLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *sqlLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *sqlLog) WithGroup(string) slog.Handler            { return l }

func (l *sqlLog) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key != "trace" {
			return true
		}
		for _, f := range a.Value.Group() {
			if f.Key == "sql" {
				l.mu.Lock()
				l.stmts = append(l.stmts, f.Value.String())
				l.mu.Unlock()
			}
		}
		return true
	})
	return nil
}

// take returns the statements logged since the last take.
func (l *sqlLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.stmts
	l.stmts = nil
	return out
}

// writes lists the statements that are not plain reads: anything but a
// SELECT, and any SELECT that locks.
func writes(stmts []string) []string {
	var out []string
	for _, q := range stmts {
		u := strings.ToUpper(strings.TrimSpace(q))
		if !strings.HasPrefix(u, "SELECT") || strings.Contains(u, "LOCK") || strings.Contains(u, "FOR UPDATE") {
			out = append(out, q)
		}
	}
	return out
}

// readsRows are responses across regions, industries and size bands with
// every kind of answer, so that every figure has cells to build.
func readsRows() []model.FirmResponse {
	var rows []model.FirmResponse
	for i := range 240 {
		emp := []int{5, 20, 70, 150, 400}[i%5]
		cost := int64(1+i%4) * 5_000_000
		cur, need := i%3, i%5
		r := model.Response{FirmName: "기업", Region: []string{"11", "26", "41"}[i%3], Industry: []string{"C", "J"}[i/3%2],
			Employees: emp, SizeBand: model.SizeBand(emp), Stage: model.Stages[i/6%5], Weight: 1 + float64(i%4)/2,
			AdoptionCost: &cost, AIStaffCurrent: &cur, AIStaffNeeded: &need, Exemplar: i%11 == 0, Sigungu: "중구",
			UseAreas: []model.ResponseUseArea{{Code: "생산공정"}}, Barriers: []model.ResponseBarrier{{Code: "비용부담"}}}
		rows = append(rows, model.FirmResponse{Response: r})
	}
	return rows
}

// Reads never write, lock or repair: GETs of every figure, under filters
// and as pages, even after a cube's version row went missing, run only
// plain SELECTs.
func TestFigureReadsNeverWrite(t *testing.T) {
	for _, dialect := range []string{store.DialectSQLite, store.DialectPostgres} {
		t.Run(dialect, func(t *testing.T) {
			cfg := configs.DatabaseConfig{DataDir: t.TempDir(), MaxOpenConns: 4}
			if dialect == store.DialectPostgres {
				cfg = configs.DatabaseConfig{URL: storetest.PostgresURL(t), MaxOpenConns: 4}
			}
			log := &sqlLog{}
			s := storetest.OpenLogged(t, cfg, slog.New(log))
			for _, wave := range []string{"2025-H1", "2026-H1"} {
				if _, err := commitRows(s, wave, readsRows()); err != nil {
					t.Fatal(err)
				}
			}
			// Versions read on every request, so that the GETs do query.
			ts := serveStore(t, s, func(d *web.Deps) { d.StateTTL = -1 })
			// The first page makes the database's CSRF key, once for every
			// process (see csrfKey): setup, not a read of figures.
			if res, _ := get(t, ts.URL+"/"); res.StatusCode != 200 {
				t.Fatalf("GET / = %d", res.StatusCode)
			}
			if w := writes(log.take()); len(w) == 0 {
				t.Fatal("the setup logged no write: the statement log sees nothing")
			}
			// A cube's version row gone: a read path that repairs would
			// rebuild it here.
			storetest.Exec(t, cfg, "DELETE FROM rollup_waves WHERE wave_id = (SELECT MIN(id) FROM waves)")
			_, body := get(t, ts.URL+"/api/v1/figures")
			var list struct{ Figures []struct{ ID string } }
			if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Figures) < 10 {
				t.Fatalf("figure list %v: %.200s", err, body)
			}
			filters := []url.Values{{}, {"region": {"26"}}, {"industry": {"J"}, "size": {"50-99"}},
				{"wave": {"2025-H1"}, "region": {"11"}, "industry": {"C"}, "size": {"10-49"}}}
			for _, f := range list.Figures {
				for _, q := range filters {
					for _, path := range []string{"/api/v1/figures/", "/figures/"} {
						if res, body := get(t, ts.URL+path+f.ID+"?"+q.Encode()); res.StatusCode != 200 {
							t.Errorf("GET %s%s?%s = %d: %.200s", path, f.ID, q.Encode(), res.StatusCode, body)
						}
					}
				}
			}
			if stmts := log.take(); len(stmts) == 0 {
				t.Error("the GETs ran no statement at all: the log cannot have seen them")
			} else if w := writes(stmts); len(w) > 0 {
				t.Errorf("GETs of figures ran %d writes or locks, first %q", len(w), w[0])
			}
		})
	}
}
