package main

// The adversary's world: two generated waves with many thin cells, imported
// through the real import command into the configured store, and the
// generator's per-firm answers, which only the scorer reads.

import (
	"path/filepath"
	"slices"
	"testing"

	"axdash/app/demo"
	"axdash/app/model"
)

// lateReturns is how many firms the revised release adds.
const lateReturns = 60

// attackWaves are the demo's 2026-H1 (253 of its 1,500 firms alone in their
// 시도 × industry × size cell) and a revised release of it with late
// returns: the same seed keeps every firm and its answers, so a difference
// between the two waves is a key to the late firms.
func attackWaves() []struct {
	name string
	opts demo.Options
} {
	first := demoWaves[len(demoWaves)-1]
	revised := first
	revised.name += "-rev"
	revised.opts.Rows += lateReturns
	return append(slices.Clone(demoWaves[len(demoWaves)-1:]), revised)
}

// cellKey is a cell of the 시도 × industry × size grid in one wave; an
// empty dimension is its margin (every value).
type cellKey struct{ Wave, Region, Industry, Size string }

// family says over which firms a figure's cell is computed: every firm, or
// only those with an adoption cost above zero (the cost tables).
type family int

const (
	famAll family = iota
	famCost
)

// firm is one generated response as the scorer needs it.
type firm struct {
	id               string // business number: the same firm in both waves
	region, industry string
	size             string
	stage            string
	cost, support    int64
	staffCur         int
	staffNeed        int
	weight           float64
	codes            map[string]bool // "barriers:비용부담", "use-areas:마케팅"
}

// truth is the generator's answers per wave, the scorer's reference.
type truth map[string][]firm

// importAttackWaves writes the waves, imports them with the real `import`
// command into the database the environment names, and keeps the answers.
func importAttackWaves(t *testing.T) truth {
	t.Helper()
	dir, tr := t.TempDir(), truth{}
	for _, w := range attackWaves() {
		path := filepath.Join(dir, w.name+".xlsx")
		rows, err := demo.WriteFile(path, w.opts)
		if err != nil {
			t.Fatalf("demo %s: %v", w.name, err)
		}
		if code, out, errOut := cli(t, "import", path, "--wave", w.name); code != exitOK {
			t.Fatalf("import %s: exit %d: %s %s", w.name, code, out, errOut)
		}
		for _, r := range rows {
			tr[w.name] = append(tr[w.name], firmOf(r))
		}
	}
	return tr
}

func firmOf(r demo.Row) firm {
	f := firm{id: r.BusinessNo, region: r.Region, industry: r.Industry, size: model.SizeBand(r.Employees),
		stage: r.Stage, cost: r.AdoptionCost, support: r.GovSupport, staffCur: r.StaffCurrent,
		staffNeed: r.StaffNeeded, weight: r.Weight, codes: map[string]bool{}}
	for _, c := range r.Barriers {
		f.codes["barriers:"+c] = true
	}
	for _, c := range r.UseAreas {
		f.codes["use-areas:"+c] = true
	}
	return f
}

// in reports whether the firm belongs to cell c of family fam.
func (f *firm) in(c cellKey, fam family) bool {
	return (c.Region == "" || c.Region == f.region) && (c.Industry == "" || c.Industry == f.industry) &&
		(c.Size == "" || c.Size == f.size) && (fam == famAll || f.cost > 0)
}

// cell lists the firms of a cell.
func (tr truth) cell(c cellKey, fam family) []*firm {
	var out []*firm
	fs := tr[c.Wave]
	for i := range fs {
		if fs[i].in(c, fam) {
			out = append(out, &fs[i])
		}
	}
	return out
}

// alone counts the firms of a wave that are alone in their 시도 × industry
// × size cell: the thin cells the attacks aim at.
func (tr truth) alone(wave string) int {
	count := map[cellKey]int{}
	for _, f := range tr[wave] {
		count[cellKey{wave, f.region, f.industry, f.size}]++
	}
	k := 0
	for _, n := range count {
		if n == 1 {
			k++
		}
	}
	return k
}

// remainder is the firms of a that are in none of bs, when the firms of bs
// are all in a; ok is false when they are not, so a − bs is no group.
func (tr truth) remainder(a cellKey, bs []cellKey, fam family) (rest []*firm, ok bool) {
	inB := map[string]bool{}
	for _, b := range bs {
		for _, f := range tr.cell(b, fam) {
			inB[f.id] = true
		}
	}
	for _, f := range tr.cell(a, fam) {
		if inB[f.id] {
			delete(inB, f.id)
		} else {
			rest = append(rest, f)
		}
	}
	return rest, len(inB) == 0
}

// baseline is the guess an attacker makes without any table: the majority
// class of a yes/no answer, the most common stage (or staff pair), the
// median magnitude.
func (tr truth) baseline(wave, attr string) answer {
	fs := tr[wave]
	switch kindOf(attr) {
	case kindBool:
		yes := 0
		for i := range fs {
			if truthOf(&fs[i], attr).yes {
				yes++
			}
		}
		return answer{yes: 2*yes > len(fs)}
	case kindClass:
		count, best := map[string]int{}, ""
		for i := range fs {
			c := truthOf(&fs[i], attr).class
			count[c]++
			if count[c] > count[best] || count[c] == count[best] && c < best {
				best = c
			}
		}
		return answer{class: best}
	}
	var vs []float64
	for i := range fs {
		if attr != attrCost || fs[i].cost > 0 {
			vs = append(vs, truthOf(&fs[i], attr).mag)
		}
	}
	slices.Sort(vs)
	if len(vs) == 0 {
		return answer{}
	}
	return answer{mag: vs[len(vs)/2]}
}
