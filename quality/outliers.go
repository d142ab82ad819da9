package quality

import (
	"cmp"
	"container/heap"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"axdash/app/model"
	"axdash/configs"
)

// The histogram is model's (model.LogBin): bins of 1/100 decade from 1 to
// 10^16 원 or persons, the same as the stored waves' histograms.
const (
	PerDecade = model.HistPerDecade
	nBins     = model.HistBins
)

// minMAD floors the spread (in decades): in a group where nearly everyone
// answers the same amount, a value 3× that amount (k·0.1 decade at k = 5)
// is still tolerated rather than flagged.
const minMAD = 0.1

// OutlierConfig is quality.outlier_* of configs/axdash.yaml.
type OutlierConfig struct {
	Fields    []string // keys of fields the field table keeps histograms for (model.Field.Histogram)
	Threshold float64  // MADs of log10 values from the median
	MinGroup  int      // fewer values (stored and new) in a group: no test
	MaxRows   int      // candidates kept per field, group and tail
}

// OutlierConfigFrom reads the outlier settings of quality.* in the
// configuration.
func OutlierConfigFrom(qc configs.QualityConfig) OutlierConfig {
	return OutlierConfig{Fields: qc.OutlierFields, Threshold: qc.OutlierThreshold, MinGroup: qc.OutlierMinGroup,
		MaxRows: qc.OutlierMaxRows}
}

// CheckOutlierConfig refuses fields the test does not know, at start: the
// test compares with the stored waves' histograms, so a field must be one
// the field table keeps them for (model.Field.Histogram).
func CheckOutlierConfig(c OutlierConfig) error {
	_, err := outlierFields(model.Fields(), c.Fields)
	return err
}

// outlierFields looks the configured keys up in the table.
func outlierFields(table *model.Table, keys []string) ([]*model.Field, error) {
	out := make([]*model.Field, 0, len(keys))
	for _, k := range keys {
		f := table.Lookup(k)
		if f == nil || !f.Histogram {
			return nil, fmt.Errorf("quality: outlier_fields: unknown field %q", k)
		}
		out = append(out, f)
	}
	return out, nil
}

// displayUnit is the unit a message shows a field's values in: money in
// 백만원, as survey sheets mostly write it, other numbers in their own.
func displayUnit(f *model.Field) (unit string, scale float64) {
	if f.Kind == model.KindMoney {
		return "백만원", 1e6
	}
	return f.Unit, 1
}

// Outliers finds values far from their industry × size band on a log10
// scale, over the file being read together with the stored waves. Memory
// is fixed: per field and group a histogram (6.4 kB) and at most MaxRows
// candidates per tail, never the values themselves. Not safe for
// concurrent use: one read feeds it.
type Outliers struct {
	cfg    OutlierConfig
	table  *model.Table
	fields []*model.Field // cfg.Fields' entries in the table
	groups map[groupKey]*group
}

type groupKey struct {
	field    string
	industry string
	band     string
}

type group struct {
	hist   []uint32
	n      int64
	lo, hi tail
}

// NewOutliers returns an empty test. Fields CheckOutlierConfig would refuse
// are left out.
func NewOutliers(c OutlierConfig) *Outliers {
	o := &Outliers{cfg: c, table: model.Fields(), groups: map[groupKey]*group{}}
	for _, k := range c.Fields {
		if fs, err := outlierFields(o.table, []string{k}); err == nil {
			o.fields = append(o.fields, fs...)
		}
	}
	return o
}

func (o *Outliers) group(k groupKey) *group {
	g := o.groups[k]
	if g == nil {
		g = &group{hist: make([]uint32, nBins), lo: tail{sign: -1}, hi: tail{sign: 1}}
		o.groups[k] = g
	}
	return g
}

// AddBaseline counts n stored values of a field in a group's bin.
func (o *Outliers) AddBaseline(field, industry, band string, bin int, n int64) {
	g := o.group(groupKey{field, industry, band})
	g.hist[clampBin(bin)] += uint32(n)
	g.n += n
}

// Observe counts a row read from the file and keeps it as a candidate if
// it is among the most extreme so far.
func (o *Outliers) Observe(rec *model.FirmResponse) {
	r := &rec.Response
	for _, f := range o.fields {
		v, ok := model.HistValue(rec, f)
		if !ok {
			continue
		}
		lg := math.Log10(v)
		g := o.group(groupKey{f.Key, r.Industry, r.SizeBand})
		g.hist[model.LogBin(v)]++
		g.n++
		c := candidate{log: lg, value: v, row: int32(r.SourceRow), firm: r.FirmName}
		g.lo.offer(c, o.cfg.MaxRows)
		g.hi.offer(c, o.cfg.MaxRows)
	}
}

func clampBin(b int) int { return min(max(b, 0), nBins-1) }

// stats gives the median and the MAD (floored at minMAD) in log10.
func (g *group) stats() (med, mad float64) {
	half := uint64(g.n+1) / 2
	var cum uint64
	mb := 0
	for b, c := range g.hist {
		if cum += uint64(c); cum >= half {
			mb = b
			break
		}
	}
	cum = uint64(g.hist[mb])
	d := 0
	for cum < half && d < nBins {
		d++
		if mb-d >= 0 {
			cum += uint64(g.hist[mb-d])
		}
		if mb+d < nBins {
			cum += uint64(g.hist[mb+d])
		}
	}
	return (float64(mb) + 0.5) / PerDecade, max(float64(d)/PerDecade, minMAD)
}

// candidate is a row whose value may turn out an outlier.
type candidate struct {
	log   float64
	value float64
	row   int32
	firm  string
}

// tail keeps the max most extreme candidates of one side in a heap whose
// top is the least extreme of them (sign +1: the largest values).
type tail struct {
	sign  float64
	items []candidate
}

func (t *tail) Len() int           { return len(t.items) }
func (t *tail) Less(i, j int) bool { return t.sign*t.items[i].log < t.sign*t.items[j].log }
func (t *tail) Swap(i, j int)      { t.items[i], t.items[j] = t.items[j], t.items[i] }
func (t *tail) Push(x any)         { t.items = append(t.items, x.(candidate)) }
func (t *tail) Pop() any {
	c := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return c
}

func (t *tail) offer(c candidate, max int) {
	switch {
	case len(t.items) < max:
		heap.Push(t, c)
	case t.sign*c.log > t.sign*t.items[0].log:
		t.items[0] = c
		heap.Fix(t, 0)
	}
}

// Outlier is one flagged value with the firm name its row was read with.
type Outlier struct {
	Issue model.Issue
	Firm  string
}

// Column is where a field sits in the sheet, from the report's mapping.
type Column struct {
	Letter string
	Header string
}

// Findings returns the outliers in row order: the candidates beyond
// Threshold MADs of their group's median, in groups of at least MinGroup
// values. cols gives each field's column (from the report's mapping).
func (o *Outliers) Findings(sheet string, cols map[string]Column) []Outlier {
	var out []Outlier
	for k, g := range o.groups {
		if g.n < int64(o.cfg.MinGroup) {
			continue
		}
		med, mad := g.stats()
		lo, hi := med-o.cfg.Threshold*mad, med+o.cfg.Threshold*mad
		for _, c := range g.lo.items {
			if c.log < lo {
				out = append(out, o.finding(k, c, med, lo, hi, g.n, sheet, cols[k.field]))
			}
		}
		for _, c := range g.hi.items {
			if c.log > hi {
				out = append(out, o.finding(k, c, med, lo, hi, g.n, sheet, cols[k.field]))
			}
		}
	}
	slices.SortFunc(out, func(a, b Outlier) int {
		return cmp.Or(cmp.Compare(a.Issue.Row, b.Issue.Row), cmp.Compare(a.Issue.Code, b.Issue.Code))
	})
	return out
}

func (o *Outliers) finding(k groupKey, c candidate, med, lo, hi float64, n int64, sheet string, col Column) Outlier {
	f := o.table.Lookup(k.field)
	fu, scale := displayUnit(f)
	unit := func(lg float64) string { return sig3(math.Pow(10, lg) / scale) }
	dir := "큽니다"
	if c.log < med {
		dir = "작습니다"
	}
	msg := fmt.Sprintf("%s 값이 같은 업종·규모(업종 %s, %s명) 기업에 비해 지나치게 %s: %s %s. 예상 범위 %s~%s %s "+
		"(중앙값 %s %s, 비교 %d곳). 단위(원·천원·백만원)나 자릿수를 확인해 주세요.",
		f.Label, k.industry, k.band, dir, unit(c.log), fu, unit(lo), unit(hi), fu, unit(med), fu, n)
	is := model.Issue{Severity: model.SeverityWarning, Code: k.field + ".outlier", Sheet: sheet, Row: int(c.row),
		Header: col.Header, Value: grouped(strconv.FormatFloat(c.value/scale, 'f', -1, 64)) + " " + fu, Message: msg}
	if col.Letter != "" {
		is.Cell = col.Letter + strconv.Itoa(int(c.row))
	}
	return Outlier{Issue: is, Firm: c.firm}
}

// sig3 writes a positive number with three significant digits and
// thousands separators: 0.0123, 1.25, 25, 1,230, 25,000,000.
func sig3(v float64) string {
	if v <= 0 {
		return "0"
	}
	exp := 2 - int(math.Floor(math.Log10(v)))
	p := math.Pow(10, float64(exp))
	return grouped(strconv.FormatFloat(math.Round(v*p)/p, 'f', max(exp, 0), 64))
}

// grouped puts thousands separators into a formatted non-negative number.
func grouped(s string) string {
	intPart, frac, _ := strings.Cut(s, ".")
	for i := len(intPart) - 3; i > 0; i -= 3 {
		intPart = intPart[:i] + "," + intPart[i:]
	}
	if frac != "" {
		return intPart + "." + frac
	}
	return intPart
}
