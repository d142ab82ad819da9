package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// The scale of issue #8: ten waves of 100,000 responses on PostgreSQL.
// AXDASH_SCALE_ROWS changes the rows per wave (for a quick run).
const scaleWaves = 10

func scaleRows(b *testing.B) int { return envCount(b, "AXDASH_SCALE_ROWS", 100_000) }

// scaleStore opens the cached scale fixture: a schema of the test database
// named after its size, kept between runs because loading a million
// responses takes minutes. A schema missing waves (an interrupted build) is
// dropped and rebuilt; new migrations are applied to a kept one, so index
// changes are measured on the same data.
func scaleStore(b *testing.B) *store.DB {
	rows := scaleRows(b)
	schema := fmt.Sprintf("scale_w%d_r%d", scaleWaves, rows)
	ctx := context.Background()
	s := storetest.Kept(b, schema, false)
	waves, err := s.Surveys.Waves(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if len(waves) == scaleWaves {
		return s
	}
	b.Logf("building the scale fixture in schema %s (%d waves of %d)", schema, scaleWaves, rows)
	_ = s.Close()
	s = storetest.Kept(b, schema, true)
	for w := 0; w < scaleWaves; w++ {
		name := fmt.Sprintf("%d-H%d", 2022+w/2, 1+w%2)
		gen, err := demo.Generate(demo.Options{Rows: rows, Seed: 42, Year: 2022 + w/2, Lift: 1 + 0.05*float64(w)})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := s.Surveys.CommitImport(ctx, store.CommitInput{Wave: name, Rows: demoResponses(gen),
			Import: model.Import{FileName: name + ".xlsx", Format: "xlsx", SHA256: name, Rows: rows, Valid: rows}}); err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %d rows committed (COPY and rollups) in %s", name, rows, time.Since(start).Round(time.Millisecond))
	}
	return s
}

// scaleFilters are the two views measured per figure: the national one and
// a narrow one (a region, an industry and a size band).
var scaleFilters = []struct{ name, query string }{
	{"all", ""},
	{"filtered", "region=41&industry=C&size=10-49"},
}

// BenchmarkScale measures, over the scale fixture, the latency of every
// figure's API answer with and without filters, cold (built from the
// rollups: a cache of one entry cycled through the figures) and cached, and
// of the dashboard page. Each sub-benchmark reports p50 and p99 over all its
// requests; -v logs each figure's own. Run with -benchtime Nx for N rounds.
func BenchmarkScale(b *testing.B) {
	s := scaleStore(b)
	cat := testDeps(b, s).Catalogue
	var paths []string
	for _, fig := range cat.Figures() {
		paths = append(paths, "/api/v1/figures/"+fig.ID)
	}
	for _, f := range scaleFilters {
		for _, cold := range []bool{true, false} {
			name := fmt.Sprintf("api/%s/%s", f.name, map[bool]string{true: "cold", false: "cached"}[cold])
			b.Run(name, func(b *testing.B) { measurePaths(b, s, paths, f.query, cold) })
		}
	}
	for _, cold := range []bool{true, false} {
		name := "dashboard/" + map[bool]string{true: "cold", false: "cached"}[cold]
		b.Run(name, func(b *testing.B) { measurePaths(b, s, []string{"/", "/regions/26"}, "", cold) })
	}
}

// measurePaths requests every path b.N times, one at a time, and reports
// the latency percentiles. A cold server keeps a single cache entry, so
// each request of a round misses.
func measurePaths(b *testing.B, s *store.DB, paths []string, query string, cold bool) {
	srv, err := web.New(withCache(testDeps(b, s), cold))
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	client := &http.Client{}
	get := func(path string) time.Duration {
		url := ts.URL + path
		if query != "" {
			url += "?" + query
		}
		t0 := time.Now()
		res, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("GET %s = %d", url, res.StatusCode)
		}
		return time.Since(t0)
	}
	for _, p := range paths { // the first read of each wave's state and rollups
		get(p)
	}
	per := make(map[string][]time.Duration, len(paths))
	var all []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range paths {
			d := get(p)
			per[p] = append(per[p], d)
			all = append(all, d)
		}
	}
	b.StopTimer()
	b.ReportMetric(pct(all, 50), "p50-ms")
	b.ReportMetric(pct(all, 99), "p99-ms")
	b.ReportMetric(pct(all, 100), "max-ms")
	for _, p := range paths {
		b.Logf("%-44s p50 %6.2f ms  p99 %6.2f ms", p, pct(per[p], 50), pct(per[p], 99))
	}
}

func withCache(d web.Deps, cold bool) web.Deps {
	if cold {
		d.CacheEntries = 1
	}
	return d
}

// pct is the p-th percentile of ds in milliseconds (nearest rank).
func pct(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	i := (len(sorted)*p+99)/100 - 1
	return float64(sorted[max(i, 0)].Microseconds()) / 1000
}

// BenchmarkScaleRebuild rebuilds the newest wave's rollups (100,000
// responses) with the SQL path, as a server does on the first read after
// a commit that did not build them: cells, roll-ups, weighted medians and
// multi-select counts.
func BenchmarkScaleRebuild(b *testing.B) {
	s := scaleStore(b)
	states, err := s.Surveys.WaveStates(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	last := states[len(states)-1].ID
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.Surveys.RebuildCube(context.Background(), last); err != nil {
			b.Fatal(err)
		}
	}
}
