package main

// The disclosure adversary (issue 16, point 6): generated waves with many
// thin cells go through the real import into each database; an anonymous
// client then crawls the public figure API and attacks what it publishes,
// and the guesses are scored against the generator's answers.
//
// Targets: no number published for a cell of 1–4 firms; no attack better
// than a baseline guess at 95 % confidence; no magnitude recovered within
// ±1 %. AXDASH_ATTACK_REPORT=path writes the results table (Markdown).

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestDisclosureAdversary(t *testing.T) {
	var report []string
	eachDB(t, func(t *testing.T) {
		tr := importAttackWaves(t)
		base, _ := startServer(t)
		c := newCrawl(base)
		start := time.Now()
		waves := attackPlan(t, c)
		crawlCompare(t, c, waves[len(waves)-1])
		crawlCSV(t, c)
		crawled := time.Since(start)
		guesses := nestedDiff(c)
		guesses = append(guesses, margins(c)...)
		guesses = append(guesses, multiSelectDirect(c)...)
		guesses = append(guesses, medians(c)...)
		for i := 1; i < len(waves); i++ {
			guesses = append(guesses, waveDiff(c, waves[i-1], waves[i])...)
		}
		results, direct := score(tr, guesses), smallCells(tr, c)
		if direct.cells == 0 {
			t.Fatal("the crawl saw no cell of 1–4 firms: the adversary is blind (did the API's shape change?)")
		}
		md := table(results, direct)
		for _, w := range waves {
			t.Logf("wave %s: %d of %d firms alone in their 시도 × industry × size cell", w, tr.alone(w), len(tr[w]))
		}
		t.Logf("%d requests in %v (%d refused%s); %d guesses; n published unlike the true count in %s of cells\n%s",
			c.requests, crawled.Round(time.Millisecond), len(c.refused), firstOf(c.refused), len(guesses), direct.nOff(), md)
		report = append(report, "### "+t.Name()+"\n\n"+md)
		checkTargets(t, results, direct)
	})
	if path := os.Getenv("AXDASH_ATTACK_REPORT"); path != "" {
		ws := attackWaves()
		body := fmt.Sprintf("Disclosure adversary, waves %s and %s (%d and %d generated firms).\n\n",
			ws[0].name, ws[1].name, ws[0].opts.Rows, ws[1].opts.Rows)
		for _, r := range report {
			body += r + "\n"
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// firstOf is ", e.g. " and the first of list, or nothing.
func firstOf(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return ", e.g. " + list[0]
}

// checkTargets fails the test for every target missed, naming the attack
// and a figure URL that shows the leak.
func checkTargets(t *testing.T, rs []*result, direct directResult) {
	t.Helper()
	if direct.published > 0 {
		t.Errorf("small cells: %d of %d cells of 1–4 firms publish a number, e.g. %s",
			direct.published, direct.cells, direct.example)
	}
	alpha := familyAlpha(rs)
	for _, r := range rs {
		if r.beatsBaseline(alpha) {
			t.Errorf("%s / %s: attacker right in %d of %d one-firm targets, baseline %d (p = %.3g < %.2g); e.g. %s: %s",
				r.attack, r.attr, r.right, r.single, r.baseRight, r.pValue(), alpha, r.example, r.exampleOf)
		}
		if r.corroborated() > 0 {
			t.Errorf("%s / %s: %d firms' values recovered within ±1 %% by two guesses each (%d guesses within ±1 %%), e.g. %s: %s",
				r.attack, r.attr, r.corroborated(), r.exact, r.example, r.exampleOf)
		}
	}
}

// attackPlan discovers the waves, figures and filter values as any visitor
// can, then crawls: every figure under every combination of its two filter
// dimensions, and the multi-select and exemplar figures also for each small
// 시도 × industry × size cell (by the n the first pass published). It
// returns the wave names, oldest first.
func attackPlan(t *testing.T, c *crawl) []string {
	var ws struct {
		Waves []struct{ Name string } `json:"waves"`
	}
	getJSON(t, c.base+"/api/v1/waves", 200, &ws)
	var figs struct {
		Figures []struct{ ID string } `json:"figures"`
	}
	getJSON(t, c.base+"/api/v1/figures", 200, &figs)
	specs := map[string]figSpec{}
	for _, f := range attackFigures {
		specs[f.id] = f
	}
	for _, f := range figs.Figures {
		if _, ok := specs[f.ID]; !ok {
			t.Errorf("the adversary does not know how to read figure %q: add it to attackFigures", f.ID)
		}
	}
	var waves []string
	for _, w := range ws.Waves {
		waves = append(waves, w.Name)
	}
	latest := waves[len(waves)-1]
	for dim, fig := range map[string]string{"region": "adoption-by-region", "industry": "adoption-by-industry", "size": "adoption-by-size"} {
		var tab attackTable
		getJSON(t, c.base+"/api/v1/figures/"+fig+"?wave="+latest, 200, &tab)
		for _, row := range tab.Rows {
			c.dims[dim] = append(c.dims[dim], row[0].(string))
		}
	}
	var first, second []request
	for _, fig := range attackFigures {
		for _, w := range waves {
			if fig.rows == "trend" && w != latest {
				continue // the trend shows every earlier wave
			}
			first = append(first, c.combos(fig, cellKey{Wave: w})...)
		}
	}
	c.run(t, first)
	for cell, v := range c.values {
		if n, ok := v["n"]; cell.Region != "" && cell.Industry != "" && cell.Size != "" && (!ok || n > 0 && n < 10) {
			for _, fig := range attackFigures {
				if fig.rows == "code" || fig.rows == "firm" {
					second = append(second, request{fig, cell})
				}
			}
		}
	}
	c.run(t, second)
	return waves
}

// combos is fig in wave w under every value (and the margin) of its two
// filter dimensions.
func (c *crawl) combos(fig figSpec, w cellKey) []request {
	out := []request{{fig, w}}
	for _, dim := range fig.filters {
		var next []request
		for _, r := range out {
			next = append(next, r)
			for _, v := range c.dims[dim] {
				cell := r.cell
				setDim(&cell, dim, v)
				next = append(next, request{fig, cell})
			}
		}
		out = next
	}
	return out
}
