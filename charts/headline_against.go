package charts

import (
	"context"

	"axdash/app/model"
)

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
	return c.measuresAgainst(ctx, src, f, prevWave, []string{"adoption_rate", "mean_cost", "support_share", "gap_rate", "exemplars"})
}

// RegionMeasures are a region page's measures for the filter's region:
// each against the same 시도 in the previous wave (prevWave 0: none) and
// against the nation, as Compare.
func (c *Catalogue) RegionMeasures(ctx context.Context, src Source, f model.Filter, prevWave int64) ([]BriefingMeasure, error) {
	return c.measuresAgainst(ctx, src, f, prevWave, regionKeys())
}

// measuresAgainst sets the named measures of the filter against the
// previous wave, tested as independent samples, and, when the filter
// names a region, against the nation.
func (c *Catalogue) measuresAgainst(ctx context.Context, src Source, f model.Filter, prevWave int64, keys []string) ([]BriefingMeasure, error) {
	cur, prev, err := cellAndPrevious(ctx, src, f, prevWave)
	if err != nil {
		return nil, err
	}
	var out []BriefingMeasure
	for _, m := range c.summarise(keys, cur, prev, prev) {
		if m.Unit == "개" { // waves differ in size: a count's change says nothing of the firms
			m.Change = nil
		}
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

// regionKeys are the measures a region is compared on.
func regionKeys() []string {
	return []string{"n", "adoption_rate", "mean_cost", "median_cost", "support_share", "gap_rate", "exemplars"}
}
