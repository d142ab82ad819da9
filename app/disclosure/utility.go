package disclosure

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"axdash/app/cube"
	"axdash/app/model"
)

// Utility is what the public view costs a wave's figures, measured from
// its cube (docs/disclosure.md's utility table): per measure, over every
// cell of the lattice with responses, how many cells the public loses and
// why, and how far the published values move from the cube's.
type Utility struct {
	Measures []MeasureUtility
	// Headlines are the same over the national cell and the 시도 cells
	// (no other filter): the numbers the dashboard leads with.
	Headlines []MeasureUtility
}

// MeasureUtility is one measure's row: Cells with responses, Withheld by
// rule, Published (all perturbed), and the mean and largest absolute
// change of a published value, in percentage points for a rate or share
// and in percent of the value for a magnitude.
type MeasureUtility struct {
	Measure   string
	Cells     int
	Withheld  map[string]int
	Published int
	Mean, Max float64
	Points    bool // the changes are in percentage points
}

// utilityMeasures are the measures the table reports, a family of
// measures (stages, multi-select codes) under one name.
func utilityMeasures() []string {
	return []string{"n", cube.MeasureAdoption, "stage:*", cube.MeasureExemplar, "barrier:*", "use_area:*",
		cube.MeasureCost, cube.MeasureMedianCost, cube.MeasureSupportShare, cube.MeasureTalentGap,
		cube.TotalOf(cube.MeasureStaffCurrent), cube.TotalOf(cube.MeasureStaffNeeded), cube.TotalOf(cube.MeasureTalentGap)}
}

// Utility measures the public view of w against its internal view.
func (p *Protector) Utility(w *cube.Wave) Utility {
	all, heads := tally{}, tally{}
	for c := range w.Cells() {
		if c.Sums.N == 0 {
			continue
		}
		pub, in := p.views(w, c, nil)
		headline := c.Key.Industry == cube.All && c.Key.Size == cube.All
		for _, family := range utilityMeasures() {
			all.add(family, pub, in)
			if headline {
				heads.add(family, pub, in)
			}
		}
	}
	return Utility{Measures: all.rows(), Headlines: heads.rows()}
}

// tally accumulates MeasureUtility rows by family.
type tally map[string]*MeasureUtility

// add counts one cell's measures of family (a name, or a prefix and "*").
func (t tally) add(family string, pub, in model.Cell) {
	u := t[family]
	if u == nil {
		u = &MeasureUtility{Measure: family, Withheld: map[string]int{}, Points: family != "n" && !magnitude(family)}
		t[family] = u
	}
	if family == "n" {
		t.count(u, in.Rule, pub.Hidden, float64(pub.N), float64(in.N))
		return
	}
	prefix, isFamily := strings.CutSuffix(family, "*")
	for m, e := range in.Est.All() {
		if m == family || (isFamily && strings.HasPrefix(m, prefix)) {
			pe := pub.Est.Of(m)
			t.count(u, e.Rule, pe.Hidden, pe.Value, e.Value)
		}
	}
}

func (t tally) count(u *MeasureUtility, rule string, hidden bool, pub, in float64) {
	u.Cells++
	if hidden {
		u.Withheld[rule]++
		return
	}
	u.Published++
	d := math.Abs(pub - in)
	switch {
	case u.Points:
		d *= 100
	case in != 0:
		d = 100 * d / math.Abs(in)
	}
	u.Mean += (d - u.Mean) / float64(u.Published)
	u.Max = max(u.Max, d)
}

func (t tally) rows() []MeasureUtility {
	var out []MeasureUtility
	for _, name := range utilityMeasures() {
		if u, ok := t[name]; ok {
			out = append(out, *u)
		}
	}
	return out
}

// magnitude says whether a measure's change is relative (money, staff).
func magnitude(m string) bool {
	return m == cube.MeasureCost || m == cube.MeasureMedianCost || strings.HasPrefix(m, cube.TotalOf(""))
}

// WriteMarkdown writes u as the Markdown tables docs/disclosure.md holds.
func (u Utility) WriteMarkdown(w io.Writer, wave string) error {
	for _, part := range []struct {
		title string
		rows  []MeasureUtility
	}{{"all cells", u.Measures}, {"national and 시도 cells", u.Headlines}} {
		if _, err := fmt.Fprintf(w, "\n%s, %s:\n\n| measure | cells | withheld | published | mean change | largest change |\n"+
			"|---|---:|---|---:|---:|---:|\n", wave, part.title); err != nil {
			return err
		}
		for _, r := range part.rows {
			unit := "%"
			if r.Points {
				unit = "%p"
			}
			if _, err := fmt.Fprintf(w, "| %s | %d | %s | %d | %.2f%s | %.2f%s |\n", r.Measure, r.Cells, withheldText(r.Withheld),
				r.Published, r.Mean, unit, r.Max, unit); err != nil {
				return err
			}
		}
	}
	return nil
}

func withheldText(by map[string]int) string {
	var parts []string
	for rule, n := range by {
		parts = append(parts, fmt.Sprintf("%d %s", n, rule))
	}
	slices.SortFunc(parts, func(a, b string) int { return cmp.Compare(a, b) })
	if len(parts) == 0 {
		return "0"
	}
	return strings.Join(parts, ", ")
}
