package main

// Margins against totals: a margin cell against every published cell of
// one of its breakdowns. When the withheld cells of the breakdown hold one
// firm between them (by the published n), the margin gives that firm away.

import "axdash/app/model"

// breakdown is the published cells of a margin along one dimension that
// show every measure asked for, and how many firms the others hold.
type breakdown struct {
	known    []cellKey
	vals     []map[string]float64
	withheld float64 // n of the margin minus the known cells' n
}

func (c *crawl) breakdown(a cellKey, dim string, measures ...string) (breakdown, bool) {
	na, ok := c.values[a]["n"]
	if !ok {
		return breakdown{}, false
	}
	br := breakdown{withheld: na}
	for _, v := range c.dims[dim] {
		b := a
		setDim(&b, dim, v)
		vb := c.values[b]
		n, shown := vb["n"]
		for _, m := range measures {
			_, has := vb[m]
			shown = shown && has
		}
		if shown {
			br.known = append(br.known, b)
			br.vals = append(br.vals, vb)
			br.withheld -= n
		}
	}
	return br, len(br.known) > 0 && br.withheld == 1
}

// outside tells where the margin's share m lies against its known cells:
// above all of them means the one withheld firm has the answer, below all
// means it does not. A weighted mean lies between its parts.
func (br breakdown) outside(total float64, m string) (above, below bool) {
	above, below = true, true
	for _, vb := range br.vals {
		above = above && total > vb[m]
		below = below && total < vb[m]
	}
	return above, below
}

// margins runs the margin attack on every margin cell and dimension.
func margins(c *crawl) []guess {
	var out []guess
	for a, va := range c.values {
		for _, dim := range []string{"region", "industry", "size"} {
			if dimOf(a, dim) != "" {
				continue
			}
			out = append(out, marginGuesses(c, a, va, dim)...)
		}
	}
	return out
}

func marginGuesses(c *crawl, a cellKey, va map[string]float64, dim string) []guess {
	var out []guess
	add := func(br breakdown, attr string, ans answer, m string) {
		u := c.where[a][m] + " against its breakdown by " + dim
		out = append(out, guess{attack: "margin", attr: attr, a: a, bs: br.known, fam: famAll, ans: ans, url: u})
	}
	if ra, ok := va["adoption_rate"]; ok {
		if br, ok := c.breakdown(a, dim, "adoption_rate"); ok {
			if above, below := br.outside(ra, "adoption_rate"); above || below {
				add(br, attrAdopted, answer{yes: above}, "adoption_rate")
			}
		}
	}
	if br, ok := c.breakdown(a, dim, stageCols...); ok {
		for i, col := range stageCols {
			if x, ok := va[col]; ok {
				if above, _ := br.outside(x, col); above {
					add(br, attrStage, answer{class: model.Stages[i]}, col)
					break
				}
			}
		}
	}
	for m, x := range va {
		if !isCode(m) {
			continue
		}
		if br, ok := c.breakdown(a, dim, m); ok {
			for _, vb := range br.vals {
				x -= vb[m]
			}
			add(br, "code:"+m, answer{yes: x >= 1}, m)
		}
	}
	return out
}
