package main

// The CSV twin of every JSON table the crawl read: its rows are the JSON
// rows in the same order (plus, for some figures, a total row for the
// filter cell), so each is checked against the same cell's true size.

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
)

// crawlCSV fetches the CSV of each table the crawl read, but the exemplar
// list's (its answers are text, which the JSON check reads).
func crawlCSV(t *testing.T, c *crawl) {
	t.Helper()
	var tables []jsonTable
	for _, tab := range c.tables {
		if tab.fig.rows != "firm" {
			tables = append(tables, tab)
		}
	}
	if err := fanOut(len(tables), func(i int) error { return c.fetchCSV(tables[i]) }); err != nil {
		t.Fatal(err)
	}
}

func (c *crawl) fetchCSV(tab jsonTable) error {
	u := strings.Replace(tab.url, "/"+tab.fig.id+"?", "/"+tab.fig.id+".csv?", 1)
	body, err := c.get(u)
	if err != nil || body == nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	lines, err := r.ReadAll()
	if err != nil || len(lines) < 2 {
		return fmt.Errorf("GET %s: not a figure CSV (%v)", u, err)
	}
	header, rows := lines[1], lines[2:] // a label line, then the header
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests++
	for i, row := range rows {
		cell := tab.filter // a total row
		if i < len(tab.cells) {
			cell = tab.cells[i]
		}
		c.obs = append(c.obs, observation{cell, tab.fig.fam, csvShows(header, row), u})
	}
	return nil
}

// csvShows reports whether a CSV row shows a number: a value column (its
// header names a unit in brackets, as "응답 기업 수(개)") that is not empty.
func csvShows(header, row []string) bool {
	for i, v := range row {
		if i < len(header) && strings.Contains(header[i], "(") && strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}
