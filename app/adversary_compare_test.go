package main

// The adversary also reads the 시도 comparison (/api/v1/compare): pairs of
// 시도 under thin filters, each of its tables filed under the cells its
// rows describe, as the figures with the same rows are.

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// costColumns are the comparison's values over the firms with a cost.
var costColumns = []string{"mean_cost", "median_cost", "support_share"}

// crawlCompare asks the comparison in wave for pairs of 시도 covering
// every 시도, under every industry × size band and their margins.
func crawlCompare(t *testing.T, c *crawl, wave string) {
	t.Helper()
	regions := c.dims["region"]
	var reqs []request
	for i := 0; i < len(regions); i += 2 {
		pair := cellKey{Wave: wave, Region: regions[i] + "," + regions[(i+1)%len(regions)]}
		reqs = append(reqs, c.combos(figSpec{id: "compare", filters: []string{"industry", "size"}}, pair)...)
	}
	if err := fanOut(len(reqs), func(i int) error { return c.fetchCompare(reqs[i].cell) }); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, o := range c.obs {
		if strings.Contains(o.url, "/api/v1/compare?") && o.cell.Region != "" && o.cell.Industry != "" && o.cell.Size != "" {
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("the comparison's rows of 시도 × industry × size were not filed: the adversary is blind to it")
	}
	t.Logf("%d comparisons of pairs of 시도, %d of their rows at 시도 × industry × size", len(reqs), seen)
}

// fetchCompare asks the comparison of the regions in f.Region (a pair)
// under f's other filters and files its tables.
func (c *crawl) fetchCompare(f cellKey) error {
	q := url.Values{"wave": {f.Wave}, "regions": {f.Region}}
	for k, v := range map[string]string{"industry": f.Industry, "size": f.Size} {
		if v != "" {
			q.Set(k, v)
		}
	}
	u := c.base + "/api/v1/compare?" + q.Encode()
	body, err := c.get(u)
	if err != nil || body == nil {
		return err
	}
	var ans struct {
		Tables []struct {
			ID string `json:"id"`
			attackTable
		} `json:"tables"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests++
	f.Region = "" // the filter's own cell is 전국's
	kept := len(c.tables)
	for _, t := range ans.Tables {
		if err := c.fileCompare(t.ID, f, u, &t.attackTable); err != nil {
			return fmt.Errorf("GET %s: %w", u, err)
		}
	}
	c.tables = c.tables[:kept] // their CSV is not a figure's (fetchCSV)
	return nil
}

// fileCompare files one table of the comparison: the measures and the
// trend as a by-region table and a trend over every firm, then their cost
// columns over the firms with a cost; barriers and use areas as each
// population's figure of the same id.
func (c *crawl) fileCompare(id string, f cellKey, u string, t *attackTable) error {
	rows := nationAsMargin(t)
	switch id {
	case "compare-measures", "compare-trend":
		kind, lead := "region", 1
		if id == "compare-trend" {
			kind, lead = "trend", 2
		}
		c.file(figSpec{id: id, rows: kind, fam: famAll}, f, u, &attackTable{N: t.N, Columns: t.Columns, Rows: rows})
		c.file(figSpec{id: id, rows: kind, fam: famCost}, f, u, onlyColumns(t.Columns, rows, lead, costColumns))
	case "compare-barriers", "compare-use-areas":
		byRegion := map[string]*attackTable{}
		var order []string
		for _, row := range rows {
			code, _ := row[0].(string)
			if byRegion[code] == nil {
				byRegion[code], order = &attackTable{Columns: t.Columns[2:]}, append(order, code)
			}
			byRegion[code].Rows = append(byRegion[code].Rows, row[2:])
		}
		for _, code := range order {
			cell := f
			cell.Region = code
			c.file(figSpec{id: strings.TrimPrefix(id, "compare-"), rows: "code", fam: famAll}, cell, u, byRegion[code])
		}
	default:
		return fmt.Errorf("the adversary does not know how to read the comparison's table %q", id)
	}
	return nil
}

// nationAsMargin is t's rows with 전국's code ("00") as the margin ("") of
// the region, in the column after a trend's wave or first.
func nationAsMargin(t *attackTable) [][]any {
	rc := slices.Index(t.Columns, "region")
	out := make([][]any, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = slices.Clone(row)
		if rc >= 0 && out[i][rc] == "00" {
			out[i][rc] = ""
		}
	}
	return out
}

// onlyColumns is the rows' first lead columns and the named value
// columns with their precision (key_se, key_ci_low, key_ci_high), no n.
func onlyColumns(cols []string, rows [][]any, lead int, keys []string) *attackTable {
	var keep []int
	for i, col := range cols {
		base := col
		for _, stat := range []string{"_se", "_ci_low", "_ci_high"} {
			base = strings.TrimSuffix(base, stat)
		}
		if i < lead || slices.Contains(keys, col) || slices.Contains(keys, base) {
			keep = append(keep, i)
		}
	}
	out := &attackTable{}
	for _, i := range keep {
		out.Columns = append(out.Columns, cols[i])
	}
	for _, row := range rows {
		var r []any
		for _, i := range keep {
			r = append(r, row[i])
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}
