package main

// The adversary's crawler: an anonymous client of the public figure API
// that asks every figure under many filter combinations and files each
// published number under the grid cell it describes, whichever table it
// came from, so that the attacks can combine tables.

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"sync"
	"testing"
)

// figSpec says how to read one figure: what its rows are, over which firms
// its cells are computed, and which filters to enumerate.
type figSpec struct {
	id      string
	rows    string   // "region", "industry", "size", "trend" (wave, region), "code", "firm"
	fam     family   // the firms its n and values are computed over
	filters []string // the dimensions enumerated as filters
}

var attackFigures = []figSpec{
	{"adoption-by-region", "region", famAll, []string{"industry", "size"}},
	{"region-tiles", "region", famAll, []string{"industry", "size"}},
	{"adoption-stage-by-region", "region", famAll, []string{"industry", "size"}},
	{"talent-gap-by-region", "region", famAll, []string{"industry", "size"}},
	{"cost-by-region", "region", famCost, []string{"industry", "size"}},
	{"support-share-by-region", "region", famCost, []string{"industry", "size"}},
	{"adoption-by-industry", "industry", famAll, []string{"region", "size"}},
	{"talent-gap-by-industry", "industry", famAll, []string{"region", "size"}},
	{"cost-by-industry", "industry", famCost, []string{"region", "size"}},
	{"adoption-by-size", "size", famAll, []string{"region", "industry"}},
	{"cost-by-size", "size", famCost, []string{"region", "industry"}},
	{"adoption-trend", "trend", famAll, []string{"industry", "size"}},
	{"cost-trend", "trend", famCost, []string{"industry", "size"}},
	{"support-share-trend", "trend", famCost, []string{"industry", "size"}},
	{"talent-gap-trend", "trend", famAll, []string{"industry", "size"}},
	{"barriers", "code", famAll, []string{"region", "industry"}},
	{"use-areas", "code", famAll, []string{"region", "industry"}},
	{"exemplar-firms", "firm", famAll, []string{"region", "industry"}},
}

// exemplarPublic are the exemplar columns a consenting firm may publish:
// its name and note, and where it is listed (시도, industry, size band).
// Its stage, use areas and gain are answers like any other.
var exemplarPublic = map[string]bool{"firm_name": true, "note": true, "region_name": true, "industry": true, "size": true}

// observation is one published row (or a table's own n) and the cell it
// describes, for the check that no cell of 1–4 firms shows any number.
type observation struct {
	cell      cellKey
	fam       family
	published bool
	url       string
}

// crawl is what the attacker has collected.
type crawl struct {
	base     string
	mu       sync.Mutex
	values   map[cellKey]map[string]float64 // cell → measure → published value
	where    map[cellKey]map[string]string  // cell → measure → the URL that published it
	obs      []observation
	requests int
	refused  []string            // requests answered 4xx, with their status and body
	dims     map[string][]string // "region", "industry", "size" → codes
	tables   []jsonTable         // every JSON table read, for its CSV twin
}

// jsonTable is one JSON answer: the figure, its filter cell and its rows'
// cells.
type jsonTable struct {
	fig    figSpec
	filter cellKey
	url    string
	cells  []cellKey
}

type attackTable struct {
	N       *float64 `json:"n"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

func newCrawl(base string) *crawl {
	return &crawl{base: base, values: map[cellKey]map[string]float64{}, where: map[cellKey]map[string]string{}, dims: map[string][]string{}}
}

// fetch asks one figure for the filter cell f and files what it publishes.
func (c *crawl) fetch(fig figSpec, f cellKey) error {
	q := url.Values{"wave": {f.Wave}}
	for k, v := range map[string]string{"region": f.Region, "industry": f.Industry, "size": f.Size} {
		if v != "" {
			q.Set(k, v)
		}
	}
	u := c.base + "/api/v1/figures/" + fig.id + "?" + q.Encode()
	body, err := c.get(u)
	if err != nil || body == nil {
		return err
	}
	var t attackTable
	if err := json.Unmarshal(body, &t); err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests++
	c.file(fig, f, u, &t)
	return nil
}

// get reads a URL as an anonymous client: no cookie, no token. A refusal
// (4xx) publishes nothing, which is a way to protect a cell: it is counted,
// not an error; a nil body says so.
func (c *crawl) get(u string) ([]byte, error) {
	res, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode >= 400 && res.StatusCode < 500 {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.requests++
		c.refused = append(c.refused, fmt.Sprintf("%s: %d %.100s", u, res.StatusCode, body))
		return nil, nil
	}
	if err != nil || res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %d %v: %.200s", u, res.StatusCode, err, body)
	}
	return body, nil
}

// file records a table: its n as the filter cell's, each row under its cell.
func (c *crawl) file(fig figSpec, f cellKey, u string, t *attackTable) {
	nName := map[family]string{famAll: "n", famCost: "n_cost"}[fig.fam]
	c.obs = append(c.obs, observation{f, fig.fam, t.N != nil, u})
	tab := jsonTable{fig: fig, filter: f, url: u}
	if t.N != nil {
		c.put(f, nName, *t.N, u)
	}
	for _, row := range t.Rows {
		cell, published := f, false
		vals := map[string]float64{}
		for i, col := range t.Columns {
			v, shown := number(row[i])
			if shown && !math.IsNaN(v) {
				vals[col] = v
			}
			if s, ok := row[i].(string); ok {
				// Text is a label, except an exemplar's answers.
				shown = fig.rows == "firm" && s != ""
			}
			published = published || shown && !(fig.rows == "firm" && exemplarPublic[col])
		}
		key, _ := row[0].(string)
		switch fig.rows {
		case "region", "industry", "size":
			setDim(&cell, fig.rows, key)
		case "trend":
			cell.Wave, cell.Region = key, row[1].(string)
			if cell.Region == "00" {
				cell.Region = ""
			}
		}
		c.obs = append(c.obs, observation{cell, fig.fam, published, u})
		tab.cells = append(tab.cells, cell)
		for col, v := range vals {
			switch {
			case fig.rows == "code" && col == "n":
				c.put(cell, fig.id+":"+key, v, u)
			case fig.rows == "code" || fig.rows == "firm":
			case col == "n":
				c.put(cell, nName, v, u)
			default:
				c.put(cell, col, v, u)
			}
		}
	}
	c.tables = append(c.tables, tab)
}

// number reads a published value: a number, or an object holding one (a
// value with its interval). Any other number it holds, or any other shape
// but null, text and yes/no, counts as shown (NaN: no value to attack), so
// that a change of format cannot hide a leak.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case map[string]any:
		x, isNum := v["value"].(float64)
		for _, e := range v {
			if _, ok := e.(float64); ok && !isNum {
				return math.NaN(), true
			}
		}
		return x, isNum
	case nil, string, bool:
		return 0, false
	}
	return math.NaN(), true
}

func (c *crawl) put(cell cellKey, measure string, v float64, u string) {
	m := c.values[cell]
	if m == nil {
		m = map[string]float64{}
		c.values[cell] = m
		c.where[cell] = map[string]string{}
	}
	if _, seen := m[measure]; !seen {
		m[measure] = v
		c.where[cell][measure] = u
	}
}

func setDim(c *cellKey, dim, v string) {
	switch dim {
	case "region":
		c.Region = v
	case "industry":
		c.Industry = v
	case "size":
		c.Size = v
	}
}

// run fetches the requests.
func (c *crawl) run(t *testing.T, reqs []request) {
	t.Helper()
	if err := fanOut(len(reqs), func(i int) error { return c.fetch(reqs[i].fig, reqs[i].cell) }); err != nil {
		t.Fatal(err)
	}
}

// fanOut runs do for 0..n-1 on a few workers (the server has 2 cores) and
// returns the first error.
func fanOut(n int, do func(i int) error) error {
	next := make(chan int)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := do(i); err != nil {
					once.Do(func() { first = err })
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

type request struct {
	fig  figSpec
	cell cellKey
}
