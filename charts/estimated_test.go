package charts

import (
	"axdash/app/cube"
	"axdash/app/model"
)

// estimated is a fake cell with the estimates the cube would give its
// summary measures (ratioEstimates), each with relative standard error rse
// and an interval, and the median without one.
func estimated(c model.Cell, rse float64) model.Cell {
	est := func(y, x float64, n int) model.Estimate {
		if x == 0 {
			return model.Estimate{}
		}
		v := y / x
		return model.Estimate{Value: v, SE: rse * v, Low: v * (1 - 2*rse), High: v * (1 + 2*rse), Interval: true, N: n}
	}
	all := ratioEstimates(c, est)
	if c.MedianCost != nil {
		all[cube.MeasureMedianCost] = model.Estimate{Value: float64(*c.MedianCost), N: c.NCost}
	}
	c.Est = model.EstimatesOf(all)
	return c
}
