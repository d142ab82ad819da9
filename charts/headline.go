package charts

import (
	"context"
	"fmt"
	"strings"

	"axdash/app/cube"
	"axdash/app/model"
)

// Measure is one summary number of a population (a filter): its value,
// and, beside it, another population's value and the change between them.
// A suppressed value is nil.
type Measure struct {
	Key        string
	Label      string
	Unit       string // "%", "원" or "개"
	Value      any
	Other      any    // the previous wave (headlines) or the nation (region page)
	Change     any    // Value − Other in %p for rates, relative % otherwise
	ChangeUnit string // "%p" or "%"
	// Differs says whether the change is larger than the sampling error:
	// its 95% interval excludes zero (cube.Differ; against the rest of
	// the country for a region). nil when it cannot be tested (a median
	// has no standard error, or a value is withheld).
	Differs *bool
	// Low and High are Value's 95% interval in its unit (nil when it has
	// none); Caution marks it imprecise, Rule names the rule that keeps it
	// from the public (an analyst's view shows it anyway).
	Low, High any
	Caution   bool
	Rule      string
	// OtherLow and OtherHigh are Other's 95% interval.
	OtherLow, OtherHigh any
}

// Significance says in Korean whether the change is larger than the
// sampling error (Differs), "" when it cannot be tested.
func (m Measure) Significance() string {
	switch {
	case m.Differs == nil:
		return ""
	case *m.Differs:
		return "유의"
	}
	return "유의하지 않음"
}

// Interval is a summary value's 95% interval as the pages write it
// ("95% 신뢰구간 12.1–20.5%"), "" when it has none.
func (m Measure) Interval() string {
	lo, okL := number(m.Low)
	hi, okH := number(m.High)
	if !okL || !okH {
		return ""
	}
	shown := m.Unit
	if m.Unit == "원" {
		shown = "백만원" // FormatValue's unit for money
	}
	return "95% 신뢰구간 " + strings.TrimSuffix(FormatValue(m.Unit, lo), shown) + "–" + FormatValue(m.Unit, hi)
}

// summaryDef is one summary number of a population's total cell: the
// estimate (model.Cell.Est) of measure, scaled to percent for a rate, or
// the count of responses when measure is "".
type summaryDef struct {
	key, label, unit, measure string
}

func summaryDefs() []summaryDef {
	return []summaryDef{
		{"adoption_rate", "AI 도입률", "%", cube.MeasureAdoption},
		{"mean_cost", "평균 AI 도입비용", "원", cube.MeasureCost},
		{"median_cost", "중위 AI 도입비용", "원", cube.MeasureMedianCost},
		{"support_share", "정부지원 비중", "%", cube.MeasureSupportShare},
		{"gap_rate", "AI 인력 부족률", "%", cube.MeasureTalentGap},
		// A share, not a count: waves differ in size (275 responses against
		// 1,500), so a count's change says more about the sample than the firms.
		{"exemplars", "우수사례 기업 비율", "%", cube.MeasureExemplar},
		{"n", "응답 기업 수", "개", ""},
	}
}

// estimate is the def's estimate in the cell, ok false when it may not be
// shown: withheld, under the disclosure threshold or without responses.
// Sentences and headlines read the estimates, never the raw sums, so that
// a public view's protected values are the ones they state.
func (d summaryDef) estimate(cell model.Cell) (model.Estimate, bool) {
	e, ok := cell.Est.Get(d.measure)
	if !ok || withheldIn(cell, e).Hidden || e.N == 0 {
		return model.Estimate{}, false
	}
	return e, true
}

// value is the def's estimate in a cell as a Measure's value, its
// interval and marks; the value nil when it may not be shown.
func (c *Catalogue) value(d summaryDef, cell model.Cell) Measure {
	m := Measure{Key: d.key, Label: d.label, Unit: d.unit}
	if d.measure == "" {
		if !cell.Hidden {
			m.Value = float64(cell.N)
		}
		return m
	}
	if e, ok := cell.Est.Get(d.measure); ok {
		m.Caution, m.Rule = e.Caution && !e.Hidden, e.Rule
	}
	e, ok := d.estimate(cell)
	if !ok {
		return m
	}
	vals, _ := estimateCells([]Column{{Unit: d.unit}}, []*model.Estimate{&e})
	m.Value, m.Low, m.High = vals[0], vals[2], vals[3]
	return m
}

// differs tests the def's change between cur and against (independent
// samples: another wave, or the rest of the country), nil when it cannot.
func (d summaryDef) differs(cur, against model.Cell) *bool {
	a, okA := d.estimate(cur)
	b, okB := d.estimate(against)
	if d.measure == "" || !okA || !okB {
		return nil
	}
	if differs, tested := cube.Differ(a, b); tested {
		return &differs
	}
	return nil
}

// summarise computes the named measures of cur against other; the change
// is tested against test, other itself or, for a region against the
// nation, the rest of the country (nil: not tested).
func (c *Catalogue) summarise(keys []string, cur model.Cell, other, test *model.Cell) []Measure {
	var out []Measure
	for _, k := range keys {
		for _, d := range summaryDefs() {
			if d.key != k {
				continue
			}
			m := c.value(d, cur)
			m.ChangeUnit = "%"
			if d.unit == "%" {
				m.ChangeUnit = "%p"
			}
			if other != nil {
				o := c.value(d, *other)
				m.Other, m.OtherLow, m.OtherHigh = o.Value, o.Low, o.High
				m.Change = change(m.Value, m.Other, d.unit == "%")
			}
			if test != nil && m.Change != nil {
				m.Differs = d.differs(cur, *test)
			}
			out = append(out, m)
		}
	}
	return out
}

// change is a−b in points for rates, or the relative change in percent.
func change(a, b any, points bool) any {
	x, okA := a.(float64)
	y, okB := b.(float64)
	switch {
	case !okA || !okB:
		return nil
	case points:
		return x - y
	case y == 0:
		return nil
	default:
		return 100 * (x - y) / y
	}
}

// Headlines are the dashboard's four numbers for the filter, each with its
// change against the previous wave (prevWave 0: none).
func (c *Catalogue) Headlines(ctx context.Context, src Source, f model.Filter, prevWave int64) ([]Measure, error) {
	cur, prev, err := cellAndPrevious(ctx, src, f, prevWave)
	if err != nil {
		return nil, err
	}
	return c.summarise([]string{"adoption_rate", "mean_cost", "gap_rate", "exemplars"}, cur, prev, prev), nil
}

// cellAndPrevious reads the filter's total cell and, when prevWave is set,
// the same filter's in the previous wave.
func cellAndPrevious(ctx context.Context, src Source, f model.Filter, prevWave int64) (model.Cell, *model.Cell, error) {
	cur, err := src.CellTotal(ctx, f)
	if err != nil {
		return cur, nil, fmt.Errorf("charts: headlines: %w", err)
	}
	if prevWave <= 0 {
		return cur, nil, nil
	}
	pf := f
	pf.WaveID = prevWave
	p, err := src.CellTotal(ctx, pf)
	if err != nil {
		return cur, nil, fmt.Errorf("charts: headlines of the previous wave: %w", err)
	}
	return cur, &p, nil
}

// Compare sets one region against the nation (the same filter without a
// region) on every summary measure, and tests each difference against the
// rest of the country: a region and the rest are independent, and the
// region differs from the nation exactly when it differs from the rest
// (the nation's value lies between the two).
func (c *Catalogue) Compare(ctx context.Context, src Source, f model.Filter, region string) ([]Measure, error) {
	nf := f
	nf.Region = ""
	national, err := src.CellTotal(ctx, nf)
	if err != nil {
		return nil, fmt.Errorf("charts: national figures: %w", err)
	}
	rf := nf
	rf.Region = region
	cur, err := src.CellTotal(ctx, rf)
	if err != nil {
		return nil, fmt.Errorf("charts: region figures: %w", err)
	}
	rest, err := src.CellRest(ctx, rf)
	if err != nil {
		return nil, fmt.Errorf("charts: figures of the rest of the country: %w", err)
	}
	out := c.summarise(regionKeys(), cur, &national, &rest)
	for i := range out {
		if out[i].Unit == "개" { // a region's count against the nation's is no change
			out[i].Change = nil
		}
	}
	return out, nil
}
