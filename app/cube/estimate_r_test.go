package cube

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/configs"
)

// referenceWave generates a wave with thin strata (two or three
// responses), strata of a single response and unequal weights, over a few
// 시도, industries and size bands; pop is each stratum's population count
// (one stratum sampled whole), by refStratum. With column, the strata are
// the file's stratum column and cut across 시도 × size band: region groups
// × revenue class, plus a stratum of one response.
func referenceWave(seed uint64, column bool) (rows []model.Response, pop map[string]float64) {
	rng := rand.New(rand.NewPCG(seed, 17))
	sizes := []int{1, 1, 2, 3, 6, 14, 30}
	for _, region := range []string{"11", "26", "27", "28", "29", "30"} {
		for _, band := range []string{"1-9", "10-49", "50-99"} {
			for range sizes[rng.IntN(len(sizes))] {
				rows = append(rows, referenceResponse(rng, region, band))
			}
		}
	}
	if column {
		group := map[string]string{"11": "g1", "26": "g1", "27": "g2", "28": "g2", "29": "g3", "30": "g3"}
		for i := range rows {
			class := min(*rows[i].Revenue/40_000_000_000, 2) // three revenue classes
			rows[i].Stratum = fmt.Sprintf("%s-r%d", group[rows[i].Region], class)
		}
		rows[rng.IntN(len(rows))].Stratum = "lonely"
	}
	pop = map[string]float64{}
	for _, r := range rows {
		pop[refStratum(&r)]++
	}
	for h, n := range pop {
		pop[h] = n + float64(rng.IntN(4*int(n)+2))
	}
	whole := refStratum(&rows[0])
	pop[whole] = float64(len(slices.DeleteFunc(slices.Clone(rows), func(r model.Response) bool { return refStratum(&r) != whole })))
	return rows, pop
}

// refStratum is a response's stratum as R reads it: the file's stratum,
// else 시도|size band.
func refStratum(r *model.Response) string {
	if r.Stratum != "" {
		return r.Stratum
	}
	return r.Region + "|" + r.SizeBand
}

// referencePopulation is pop as the design's population counts.
func referencePopulation(pop map[string]float64) []configs.StratumSize {
	var out []configs.StratumSize
	for h, n := range pop {
		if region, size, ok := strings.Cut(h, "|"); ok {
			out = append(out, configs.StratumSize{Region: region, Size: size, Firms: n})
		} else {
			out = append(out, configs.StratumSize{Stratum: h, Firms: n})
		}
	}
	return out
}

func referenceResponse(rng *rand.Rand, region, band string) model.Response {
	revenue := rng.Int64N(120_000_000_000)
	r := model.Response{Region: region, SizeBand: band, Industry: []string{"C", "J", "G"}[rng.IntN(3)], Revenue: &revenue,
		Stage: model.Stages[rng.IntN(len(model.Stages))], Weight: 1 + 40*rng.Float64(), Exemplar: rng.IntN(6) == 0}
	if rng.IntN(5) < 3 {
		cost := 1_000_000 + rng.Int64N(90_000_000)
		support := rng.Int64N(cost / 2)
		r.AdoptionCost, r.GovSupport = &cost, &support
	}
	cur, need := rng.IntN(4), rng.IntN(6)
	r.AIStaffCurrent, r.AIStaffNeeded = &cur, &need
	if rng.IntN(5) < 2 {
		r.UseAreas = []model.ResponseUseArea{{Code: "a"}}
	}
	return r
}

// restOf is the region whose rest of the country the R check compares.
const restOf = "26"

// writeReferenceCSV writes the responses as the R script reads them.
func writeReferenceCSV(path string, rows []model.Response, pop map[string]float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	_ = w.Write(strings.Split("region,industry,size,stratum,w,pop,rest,adopt,exemplar,ua,cur,need,gap,cost,hascost,support", ","))
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for i := range rows {
		r := &rows[i]
		cost, support, has := costOf(r)
		cur, need, gap := staffOf(r)
		_ = w.Write([]string{r.Region, r.Industry, r.SizeBand, refStratum(r), num(r.Weight),
			num(pop[refStratum(r)]), num(indicator(r.Region != restOf)), num(indicator(model.Adopted(r.Stage))), num(indicator(r.Exemplar)),
			num(indicator(len(r.UseAreas) > 0)), strconv.Itoa(cur), strconv.Itoa(need), strconv.Itoa(gap),
			strconv.FormatInt(cost, 10), num(indicator(has)), strconv.FormatInt(support, 10)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// referenceRow is one estimate of R's: a domain (filter; rest: the rest of
// the country outside the filter's region), a measure (or "ci:" and a
// measure for svyciprop's interval) and its numbers.
type referenceRow struct {
	filter               model.Filter
	rest                 bool
	measure              string
	value, se, low, high float64
}

// runReference runs the R script on the wave and reads its estimates and
// the survey package's version.
func runReference(t *testing.T, rows []model.Response, pop map[string]float64, fpc bool, lonely string) ([]referenceRow, string) {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "wave.csv"), filepath.Join(dir, "out.csv")
	if err := writeReferenceCSV(in, rows, pop); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Rscript", filepath.Join("..", "..", "scripts", "survey_reference.R"), in, out,
		map[bool]string{true: "1", false: "0"}[fpc], lonely)
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("Rscript: %v\n%s", err, stdout)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	dim := func(s string) string { return map[bool]string{true: "", false: s}[s == All] }
	var got []referenceRow
	for _, rec := range recs[1:] {
		row := referenceRow{filter: model.Filter{WaveID: 1, Region: dim(rec[0]), Industry: dim(rec[1]), Size: dim(rec[2])}, measure: rec[4]}
		switch rec[3] {
		case "0": // the region itself: its own domain, read as such
			row.filter.Region = restOf
		case "1":
			row.filter.Region, row.rest = restOf, true
		}
		for i, p := range []*float64{&row.value, &row.se, &row.low, &row.high} {
			if *p, err = strconv.ParseFloat(rec[5+i], 64); err != nil {
				*p = math.NaN() // R's NA: the column is not this row's
			}
		}
		got = append(got, row)
	}
	return got, strings.TrimSpace(string(stdout))
}

// relDiff is |a − b| relative to |b| (absolute below 1e-12).
func relDiff(a, b float64) float64 {
	return math.Abs(a-b) / max(math.Abs(b), 1e-12)
}

// recentred says whether R's survey centres a lonely stratum at the grand
// mean for every estimator (4.4 on); before, a total's lonely stratum was
// centred at zero, and only ratios (whose grand mean is zero) agree.
func recentred(version string) bool {
	var major, minor int
	_, err := fmt.Sscanf(version, "%d.%d", &major, &minor)
	return err == nil && (major > 4 || major == 4 && minor >= 4)
}

// axdash's estimates agree with R's survey package: values exactly, standard
// errors within 1 %, and the adoption rate's logit interval within 1 %, for
// every domain by 시도, industry, size band and their combinations and the
// rest of the country outside a 시도 (CellRest), alone and by industry, with
// and without the fpc, lonely strata adjusted or removed, with strata of
// 시도 × size band and with strata from the file's column that cut across
// them. Skipped without R unless AXDASH_REQUIRE_R=1.
func TestEstimatesMatchR(t *testing.T) {
	if _, err := exec.LookPath("Rscript"); err != nil {
		if os.Getenv("AXDASH_REQUIRE_R") == "1" {
			t.Fatal("AXDASH_REQUIRE_R=1 but Rscript is not on PATH")
		}
		t.Skip("Rscript not found (apt-get install r-base-core r-cran-survey)")
	}
	for _, tt := range []struct {
		name   string
		column bool
		fpc    bool
		lonely string
	}{
		{"adjust", false, false, configs.LonelyAdjust},
		{"adjust fpc", false, true, configs.LonelyAdjust},
		{"remove", false, false, configs.LonelyRemove},
		{"remove fpc", false, true, configs.LonelyRemove},
		{"column adjust", true, false, configs.LonelyAdjust},
		{"column adjust fpc", true, true, configs.LonelyAdjust},
		{"column remove fpc", true, true, configs.LonelyRemove},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, pop := referenceWave(7, tt.column)
			d := configs.DefaultDesign()
			d.Lonely = tt.lonely
			if tt.column {
				d.Strata = configs.StrataColumn
			}
			if tt.fpc {
				d.Population = referencePopulation(pop)
			}
			set := NewSet([]*Wave{NewWave(1, "R", 1, referenceRows(t, rows), d)})
			ref, version := runReference(t, rows, pop, tt.fpc, tt.lonely)
			compared, worst := compareWithR(t, set, ref, tt.lonely == configs.LonelyAdjust && !recentred(version))
			if compared < 500 {
				t.Errorf("only %d estimates compared", compared)
			}
			t.Logf("R survey %s: %d estimates, largest relative difference %.2g", version, compared, worst)
		})
	}
}

// compareWithR compares the set's estimates with R's rows, skipping the
// totals when R centres their lonely strata otherwise (skipTotals), and
// returns how many it compared and the largest relative difference.
func compareWithR(t *testing.T, set *Set, ref []referenceRow, skipTotals bool) (compared int, worst float64) {
	t.Helper()
	for _, r := range ref {
		if math.IsNaN(r.value) || math.IsInf(r.value, 0) {
			continue // a domain with no denominator: R's NaN, axdash's empty estimate
		}
		if strings.HasPrefix(r.measure, totalPrefix) && skipTotals {
			continue // R before 4.4 centres a lonely stratum's total at zero (see recentred)
		}
		name, ci := strings.CutPrefix(r.measure, "ci:")
		if ci && (r.value < 1e-6 || r.value > 1-1e-6) {
			continue // svyglm's logit diverges at 0 or 1; axdash's interval is the point
		}
		read := set.CellTotal
		if r.rest {
			read = set.CellRest
		}
		cell, err := read(context.Background(), r.filter)
		if err != nil {
			t.Fatal(err)
		}
		e, ok := cell.Est.Get(name)
		if !ok {
			t.Fatalf("%+v: no estimate of %s", r.filter, name)
		}
		exact := 1e-9
		if ci {
			exact = 1e-6 // svyciprop's value is svyglm's, converged to its tolerance
		}
		if relDiff(e.Value, r.value) > exact {
			t.Errorf("%+v %s: value %.12g, R %.12g", r.filter, r.measure, e.Value, r.value)
		}
		pairs := [][2]float64{{e.SE, r.se}}
		if ci {
			pairs = [][2]float64{{e.Low, r.low}, {e.High, r.high}}
		}
		// An error that is zero comes out of the moments as rounding noise,
		// some 1e-8 of the value: below 1e-7 of it, equal.
		noise := 1e-7 * max(math.Abs(r.value), 1)
		for _, p := range pairs {
			if math.Abs(p[1]) > noise {
				worst = max(worst, relDiff(p[0], p[1]))
			}
			if math.Abs(p[0]-p[1]) > 0.01*math.Abs(p[1])+noise {
				t.Errorf("%+v %s: %.12g, R %.12g", r.filter, r.measure, p[0], p[1])
			}
		}
		compared++
	}
	return compared, worst
}

// referenceRows builds the cube of the responses as a load does.
func referenceRows(t *testing.T, rows []model.Response) *Rows {
	b := NewBuilder()
	for i := range rows {
		if err := b.Add(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	return b.Build(true)
}
