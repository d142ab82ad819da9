package main

import (
	"context"
	"flag"
	"math/rand/v2"
	"net/url"
	"path"
	"slices"
	"testing"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/app/store"
)

// goldenUpdate rewrites the golden files from the SQLite run; PostgreSQL
// still compares against what SQLite just wrote, so that an update cannot
// hide a difference between the databases.
var goldenUpdate = flag.Bool("update", false, "TestGolden: rewrite testdata/golden from the SQLite run")

// goldenSeed fixes the sample of filters. Changing it (or the region,
// industry or size lists in configs) changes the requests, which the
// golden files record, so the test then asks for -update.
const goldenSeed = 15

// goldenCombos is how many two- and three-way filter combinations the
// sample holds besides no filter and the single filters.
const goldenCombos = 30

// TestGolden is the safety net for refactoring how figures are defined and
// served: on the demo waves `serve --demo` loads, every figure of the
// catalogue answers, for every wave and a fixed sample of filters, exactly
// what testdata/golden holds, on SQLite and on PostgreSQL alike; so do the
// CSV exports and the list of figures. Regenerate the files with
//
//	go test ./app -run TestGolden -update
func TestGolden(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		base, st := startServer(t)
		e := testEnv(t)
		if err := loadDemo(context.Background(), e, st.Surveys); err != nil {
			t.Fatalf("load the demo waves: %v", err)
		}
		checkDemoWaves(t, base)
		sample := goldenSample(t, e)
		got := recordGolden(t, base, sample)
		checkSampleCoverage(t, got)
		if *goldenUpdate && path.Base(t.Name()) == store.DialectSQLite {
			writeGolden(t, got)
			return
		}
		compareGolden(t, got)
	})
}

// checkDemoWaves makes sure both demo waves were stored: loadDemo only
// warns when one is refused, and golden files of one wave would pass.
func checkDemoWaves(t *testing.T, base string) {
	t.Helper()
	var body struct {
		Waves []struct {
			Name      string
			Synthetic bool
		}
	} // encoding/json matches keys regardless of case
	getJSON(t, base+"/api/v1/waves", 200, &body)
	var names, want []string
	for _, w := range body.Waves {
		names = append(names, w.Name)
		if !w.Synthetic {
			t.Errorf("demo wave %s is not flagged synthetic", w.Name)
		}
	}
	for _, w := range demoWaves {
		want = append(want, w.name)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("waves after loading the demo = %v, want %v", names, want)
	}
}

// goldenFilter is one view's filters; empty means not filtered.
type goldenFilter struct{ region, industry, size string }

// query is the view of wave under the filter as URL query parameters, in
// url.Values' sorted order so that the recorded requests are stable.
func (f goldenFilter) query(wave string) string {
	q := url.Values{"wave": {wave}}
	for k, v := range map[string]string{"region": f.region, "industry": f.industry, "size": f.size} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// goldenSample is the fixed sample of filters: none; a few regions and
// industries and every size band alone; then two- and three-way
// combinations, two in three taken from a generated demo firm (so the view
// holds at least that firm, often only a handful: suppression) and the
// rest drawn from the configured codes (often nobody: the empty view).
func goldenSample(t *testing.T, e *env) []goldenFilter {
	t.Helper()
	rng := rand.New(rand.NewPCG(goldenSeed, goldenSeed))
	var regions, industries, sizes []string
	for _, r := range e.regions.Regions {
		regions = append(regions, r.Code)
	}
	for _, in := range e.survey.Industries {
		industries = append(industries, in.Code)
	}
	for _, b := range e.survey.SizeBands {
		sizes = append(sizes, b.Code)
	}
	out := []goldenFilter{{}}
	for _, r := range pickN(rng, regions, 5) {
		out = append(out, goldenFilter{region: r})
	}
	for _, in := range pickN(rng, industries, 5) {
		out = append(out, goldenFilter{industry: in})
	}
	for _, s := range sizes {
		out = append(out, goldenFilter{size: s})
	}
	rows, err := demo.Generate(demoWaves[len(demoWaves)-1].opts)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[goldenFilter]bool{}
	for i := 0; len(seen) < goldenCombos; i++ {
		f := goldenFilter{pickN(rng, regions, 1)[0], pickN(rng, industries, 1)[0], pickN(rng, sizes, 1)[0]}
		if i%3 != 0 {
			r := rows[rng.IntN(len(rows))]
			f = goldenFilter{r.Region, r.Industry, model.SizeBand(r.Employees)}
		}
		f = dropOne(rng, f, i%2 == 0)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// pickN returns n of the values, chosen by rng without repeats.
func pickN(rng *rand.Rand, values []string, n int) []string {
	out := make([]string, 0, n)
	for _, i := range rng.Perm(len(values))[:n] {
		out = append(out, values[i])
	}
	return out
}

// dropOne keeps all three filters, or (two) clears one chosen by rng.
func dropOne(rng *rand.Rand, f goldenFilter, two bool) goldenFilter {
	if !two {
		return f
	}
	switch rng.IntN(3) {
	case 0:
		f.region = ""
	case 1:
		f.industry = ""
	default:
		f.size = ""
	}
	return f
}

// csvFilters are the views whose CSV exports are recorded: no filter, the
// first single region and the first combination of the sample.
func csvFilters(sample []goldenFilter) []goldenFilter {
	out := []goldenFilter{{}}
	for _, f := range sample {
		if f.region != "" && f.industry == "" && f.size == "" {
			out = append(out, f)
			break
		}
	}
	for _, f := range sample {
		if f.region != "" && f.industry != "" {
			return append(out, f)
		}
	}
	return out
}
