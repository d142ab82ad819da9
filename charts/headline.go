package charts

import (
	"context"
	"fmt"

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
}

// summaryDef computes one summary number from a population's total cell.
type summaryDef struct {
	key, label, unit string
	value            func(cell model.Cell) any
}

func summaryDefs() []summaryDef {
	return []summaryDef{
		{"adoption_rate", "AI 도입률", "%", func(cell model.Cell) any {
			if withheld(cell, cube.MeasureAdoption) {
				return nil
			}
			return pct(cell.AdoptedWeight(), cell.Weight)
		}},
		{"mean_cost", "평균 AI 도입비용", "원", func(cell model.Cell) any {
			if withheld(cell, cube.MeasureCost) || cell.WCost <= 0 {
				return nil
			}
			return cell.WXCost / cell.WCost
		}},
		{"median_cost", "중위 AI 도입비용", "원", func(cell model.Cell) any {
			if withheld(cell, cube.MeasureMedianCost) || cell.MedianCost == nil {
				return nil
			}
			return float64(*cell.MedianCost)
		}},
		{"support_share", "정부지원 비중", "%", func(cell model.Cell) any {
			if withheld(cell, cube.MeasureSupportShare) {
				return nil
			}
			return pct(cell.WXSupport, cell.WXCost)
		}},
		{"gap_rate", "AI 인력 부족률", "%", func(cell model.Cell) any {
			if withheld(cell, cube.MeasureTalentGap) {
				return nil
			}
			return pct(cell.Gap, cell.Needed)
		}},
		// A share, not a count: waves differ in size (275 responses against
		// 1,500), so a count's change says more about the sample than the firms.
		{"exemplars", "우수사례 기업 비율", "%", func(cell model.Cell) any {
			if withheld(cell, cube.MeasureExemplar) {
				return nil
			}
			return pct(float64(cell.NExemplar), float64(cell.N))
		}},
		{"n", "응답 기업 수", "개", func(cell model.Cell) any {
			if cell.Hidden {
				return nil
			}
			return float64(cell.N)
		}},
	}
}

// withheld says the view withholds a measure of a cell: the cell, or the
// measure's estimate (a cube measure name).
func withheld(cell model.Cell, est string) bool { return cell.Hidden || cell.Est[est].Hidden }

// summarise computes the named measures of cur against other.
func (c *Catalogue) summarise(keys []string, cur model.Cell, other *model.Cell) []Measure {
	var out []Measure
	for _, k := range keys {
		for _, d := range summaryDefs() {
			if d.key != k {
				continue
			}
			m := Measure{Key: d.key, Label: d.label, Unit: d.unit, Value: d.value(cur), ChangeUnit: "%"}
			if d.unit == "%" {
				m.ChangeUnit = "%p"
			}
			if other != nil {
				m.Other = d.value(*other)
				m.Change = change(m.Value, m.Other, d.unit == "%")
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
	return c.summarise([]string{"adoption_rate", "mean_cost", "gap_rate", "exemplars"}, cur, prev), nil
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

// BriefingMeasure is one measure of the briefing with both comparisons an
// official reads it against.
type BriefingMeasure struct {
	// Trend holds the value; Other and Change are the previous wave's.
	Trend Measure
	// Nation is the same measure against the nation (Other is the
	// nation's value); nil when the briefing is not about a region.
	Nation *Measure
}

// BriefingMeasures are the briefing's measures for the filter: each against
// the previous wave (prevWave 0: none) and, when the filter names a region,
// against the nation under the same other filters.
func (c *Catalogue) BriefingMeasures(ctx context.Context, src Source, f model.Filter, prevWave int64) ([]BriefingMeasure, error) {
	keys := []string{"adoption_rate", "mean_cost", "support_share", "gap_rate", "exemplars"}
	cur, prev, err := cellAndPrevious(ctx, src, f, prevWave)
	if err != nil {
		return nil, err
	}
	var out []BriefingMeasure
	for _, m := range c.summarise(keys, cur, prev) {
		out = append(out, BriefingMeasure{Trend: m})
	}
	if f.Region == "" {
		return out, nil
	}
	national, err := c.Compare(ctx, src, f, f.Region)
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, m := range national {
			if m.Key == out[i].Trend.Key {
				out[i].Nation = &m
			}
		}
	}
	return out, nil
}

// Compare sets one region against the nation (the same filter without a
// region) on every summary measure.
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
	keys := []string{"n", "adoption_rate", "mean_cost", "median_cost", "support_share", "gap_rate", "exemplars"}
	out := c.summarise(keys, cur, &national)
	for i := range out {
		if out[i].Unit == "개" { // a region's count against the nation's is no change
			out[i].Change = nil
		}
	}
	return out, nil
}
