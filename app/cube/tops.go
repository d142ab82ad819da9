package cube

import "axdash/app/model"

// The magnitudes whose largest contributions a cell keeps (Tops' index).
const (
	TopCost    = iota // w·adoption cost, over responses with a cost
	TopSupport        // w·government support, over the same
	TopCurrent        // w·AI staff now
	TopNeeded         // w·AI staff needed
	TopGap            // w·max(needed − now, 0)
	TopCount          // how many magnitudes a cell keeps tops of
)

// Tops are a cell's two largest contributions w·y of each magnitude,
// largest first (zero when the cell has fewer). The two largest of a union
// are among the unions' two largest, so a '*' cell's follow from its base
// cells' (merge) although they do not add up.
type Tops [TopCount][2]float64

// push counts one contribution of magnitude m.
func (t *Tops) push(m int, v float64) {
	switch top := &t[m]; {
	case v > top[0]:
		top[0], top[1] = v, top[0]
	case v > top[1]:
		top[1] = v
	}
}

// merge counts another cell's tops into t.
func (t *Tops) merge(o *Tops) {
	for m := range o {
		t.push(m, o[m][0])
		t.push(m, o[m][1])
	}
}

// addResponse counts response r into its base cell's tops.
func (t *Tops) addResponse(r *model.Response) {
	w := r.Weight
	if cost, support, ok := costOf(r); ok {
		t.push(TopCost, w*float64(cost))
		t.push(TopSupport, w*float64(support))
	}
	cur, need, gap := staffOf(r)
	t.push(TopCurrent, w*float64(cur))
	t.push(TopNeeded, w*float64(need))
	t.push(TopGap, w*float64(gap))
}

// Flat lists the tops in the store's column order: each magnitude's
// largest, then its second.
func (t *Tops) Flat() []any {
	out := make([]any, 0, 2*TopCount)
	for m := range t {
		out = append(out, t[m][0], t[m][1])
	}
	return out
}

// Targets are scan targets for the store's columns, in Flat's order.
func (t *Tops) Targets() []any {
	out := make([]any, 0, 2*TopCount)
	for m := range t {
		out = append(out, &t[m][0], &t[m][1])
	}
	return out
}

// TopColumns are the store's columns of a cell's tops, in Flat's order.
func TopColumns() []string {
	return []string{"top_cost", "top2_cost", "top_support", "top2_support", "top_current", "top2_current",
		"top_needed", "top2_needed", "top_gap", "top2_gap"}
}
