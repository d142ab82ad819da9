package charts

import (
	"axdash/app/cube"
	"axdash/app/model"
)

// estimated is a fake cell with the estimates the cube would give its
// summary measures (the ratios of its sums; the exemplar share unweighted,
// as the fixtures give every response weight 1), each with relative
// standard error rse and an interval, and the median without one.
func estimated(c model.Cell, rse float64) model.Cell {
	est := func(y, x float64, n int) model.Estimate {
		if x == 0 {
			return model.Estimate{}
		}
		v := y / x
		return model.Estimate{Value: v, SE: rse * v, Low: v * (1 - 2*rse), High: v * (1 + 2*rse), Interval: true, N: n}
	}
	all := map[string]model.Estimate{
		cube.MeasureAdoption:     est(c.AdoptedWeight(), c.Weight, c.N),
		cube.MeasureCost:         est(c.WXCost, c.WCost, c.NCost),
		cube.MeasureSupportShare: est(c.WXSupport, c.WXCost, c.NCost),
		cube.MeasureTalentGap:    est(c.Gap, c.Needed, c.N),
		cube.MeasureExemplar:     est(float64(c.NExemplar), float64(c.N), c.N),
	}
	if c.MedianCost != nil {
		all[cube.MeasureMedianCost] = model.Estimate{Value: float64(*c.MedianCost), N: c.NCost}
	}
	c.Est = model.EstimatesOf(all)
	return c
}
