package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/charts"
	"axdash/configs"
)

// benchWaves is the scale the targets are stated for: four waves of
// AXDASH_BENCH_ROWS (default 100,000) responses, the same firms each wave.
const benchWaves = 4

func benchRows(b *testing.B) int { return envCount(b, "AXDASH_BENCH_ROWS", 100_000) }

// envCount reads a positive count from the environment, def when unset.
func envCount(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q", name, v)
	}
	return n
}

// demoResponses turns demo rows into the records an import would store.
func demoResponses(rows []demo.Row) []model.FirmResponse {
	out := make([]model.FirmResponse, len(rows))
	for i, r := range rows {
		resp := model.Response{FirmName: r.FirmName, Region: r.Region, Sigungu: r.Sigungu, Industry: r.Industry,
			Employees: r.Employees, SizeBand: model.SizeBand(r.Employees), Stage: r.Stage, Weight: r.Weight,
			AIStaffCurrent: &rows[i].StaffCurrent, AIStaffNeeded: &rows[i].StaffNeeded, Exemplar: r.Exemplar,
			ExemplarNote: r.ExemplarNote, SourceRow: i + 5}
		if r.AdoptionCost > 0 {
			resp.AdoptionCost = &rows[i].AdoptionCost
		}
		if r.GovSupport > 0 {
			resp.GovSupport = &rows[i].GovSupport
		}
		if model.Adopted(r.Stage) {
			resp.ProductivityGain = &rows[i].ProductivityGain
		}
		for _, a := range r.UseAreas {
			resp.UseAreas = append(resp.UseAreas, model.ResponseUseArea{Code: a})
		}
		for _, c := range r.Barriers {
			resp.Barriers = append(resp.Barriers, model.ResponseBarrier{Code: c})
		}
		out[i] = model.FirmResponse{Response: resp, BusinessNo: r.BusinessNo}
	}
	return out
}

// benchStore loads the benchmark waves into SQLite, or PostgreSQL when
// AXDASH_BENCH_DB=postgres, and builds their rollups as a commit would.
func benchStore(b *testing.B) (*store.DB, []string) {
	var s *store.DB
	if os.Getenv("AXDASH_BENCH_DB") == store.DialectPostgres {
		s = storetest.Postgres(b)
	} else {
		s = storetest.SQLite(b)
	}
	n := benchRows(b)
	var names []string
	for w := 0; w < benchWaves; w++ {
		rows, err := demo.Generate(demo.Options{Rows: n, Seed: 42, Year: 2023 + w, Lift: 1 + 0.1*float64(w)})
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("%d-H1", 2023+w)
		start := time.Now()
		imp, err := s.Surveys.CommitImport(context.Background(), store.CommitInput{Wave: name, Rows: demoResponses(rows),
			Import: model.Import{FileName: name + ".xlsx", Format: "xlsx", SHA256: name, Rows: n, Valid: n}})
		if err != nil {
			b.Fatal(err)
		}
		stored := time.Since(start)
		if err := s.Surveys.RebuildCube(context.Background(), imp.WaveID); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %d rows stored in %s, rollups in %s", name, n, stored.Round(time.Millisecond),
			(time.Since(start) - stored).Round(time.Millisecond))
		names = append(names, name)
	}
	return s, names
}

// BenchmarkServe measures, over four waves of 100,000 responses: every
// figure's API answer (served from the figure cache after the first), the
// same under 50 concurrent clients (p99 and requests/s), the dashboard and
// a region page, and every figure built from the rollups (a cache miss).
func BenchmarkServe(b *testing.B) {
	s, waves := benchStore(b)
	ts := serveStore(b, s)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	fetch := func(b *testing.B, path string) {
		res, err := client.Get(ts.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("GET %s = %d", path, res.StatusCode)
		}
	}
	cat := testDeps(b, s).Catalogue
	for _, fig := range cat.Figures() {
		b.Run("api/"+fig.ID, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				fetch(b, "/api/v1/figures/"+fig.ID+"?region=41")
			}
		})
	}
	b.Run("api-50-clients", func(b *testing.B) { benchParallel(b, fetch, "/api/v1/figures/cost-by-industry?region=11") })
	b.Run("dashboard", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			fetch(b, "/?wave="+waves[len(waves)-1])
		}
	})
	// The same page for a signed-in viewer: the session lookup (one
	// joined query) and the per-visitor header spliced into the cached page.
	signed := loginClient(b, ts.URL, "bench-viewer", newUser(b, s, "bench-viewer", model.RoleViewer))
	b.Run("dashboard-signed-in", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			res, err := signed.Get(ts.URL + "/?wave=" + waves[len(waves)-1])
			if err != nil || res.StatusCode != http.StatusOK {
				b.Fatalf("signed-in dashboard: %v %v", res, err)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	})
	b.Run("region-page", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			fetch(b, "/regions/26")
		}
	})
	benchBuild(b, s, cat)
}

// benchParallel runs 50 clients and reports the 99th percentile latency
// and the throughput.
func benchParallel(b *testing.B, fetch func(*testing.B, string), path string) {
	var mu sync.Mutex
	var lat []time.Duration
	b.SetParallelism(25) // 2 CPUs × 25 = 50 goroutines
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			t0 := time.Now()
			fetch(b, path)
			mine = append(mine, time.Since(t0))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// benchBuild measures each figure built from the rollups, as on a cache
// miss (the first request after a commit).
func benchBuild(b *testing.B, s *store.DB, cat *charts.Catalogue) {
	states, err := s.Surveys.WaveStates(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	f := model.Filter{WaveID: states[len(states)-1].ID, Industry: "C"}
	src, err := s.Surveys.Cubes(context.Background(), states, configs.DefaultDesign())
	if err != nil {
		b.Fatal(err)
	}
	for _, fig := range cat.Figures() {
		b.Run("build/"+fig.ID, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := cat.Build(context.Background(), src, fig.ID, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
