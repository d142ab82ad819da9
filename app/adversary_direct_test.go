package main

import (
	"fmt"
	"strings"
)

// directResult counts the cells of 1–4 firms the crawl saw and how many of
// them showed a number, and how often a published n differs from the true
// count (0 without perturbation).
type directResult struct {
	cells, published  int
	publishedCSV      int // of published, cells a CSV showed
	example           string
	nChecked, nDiffer int
}

func (d directResult) nOff() string {
	return fmt.Sprintf("%.1f %% (%d of %d)", 100*float64(d.nDiffer)/float64(max(d.nChecked, 1)), d.nDiffer, d.nChecked)
}

// smallCells is the direct attack: any number published for a cell whose
// true size is 1–4 is a failure in itself.
func smallCells(tr truth, c *crawl) directResult {
	type seen struct {
		cell cellKey
		fam  family
	}
	var d directResult
	size := map[seen]int{}
	counted := map[seen]bool{}
	sizeOf := func(k seen) int {
		n, ok := size[k]
		if !ok {
			n = len(tr.cell(k.cell, k.fam))
			size[k] = n
		}
		return n
	}
	for _, o := range c.obs {
		k := seen{o.cell, o.fam}
		if n := sizeOf(k); n < 1 || n > 4 {
			continue
		}
		if !counted[k] {
			counted[k] = true
			d.cells++
		}
		if !o.published {
			continue
		}
		if !counted[seen{o.cell, o.fam + 2}] {
			counted[seen{o.cell, o.fam + 2}] = true // once per cell
			d.published++
			if d.example == "" {
				d.example = fmt.Sprintf("%s (cell %s, %d firms)", o.url, cellName(o.cell), sizeOf(k))
			}
		}
		if strings.Contains(o.url, ".csv?") && !counted[seen{o.cell, o.fam + 4}] {
			counted[seen{o.cell, o.fam + 4}] = true
			d.publishedCSV++
		}
	}
	for cell, v := range c.values {
		for m, fam := range map[string]family{"n": famAll, "n_cost": famCost} {
			if n, ok := v[m]; ok {
				d.nChecked++
				if int(n) != sizeOf(seen{cell, fam}) {
					d.nDiffer++
				}
			}
		}
	}
	return d
}
