package store_test

import (
	"math/rand/v2"
	"sort"

	"axdash/app/model"
)

// randomWave makes responses with random weights, stages, costs, support,
// staff and multi-selects. counts fixes how many responses each region gets,
// so that a test can place cells exactly at the suppression edge (n = 4, 5).
func randomWave(seed uint64, counts map[string]int) []model.FirmResponse {
	rng := rand.New(rand.NewPCG(seed, 7))
	industries := []string{"C", "C", "J", "G", "M", "F"}
	areas := []string{"생산공정", "품질검사", "마케팅", "고객응대", "사무자동화"}
	barriers := []string{"비용부담", "전문인력부족", "데이터부족", "보안우려"}
	regions := make([]string, 0, len(counts))
	for code := range counts {
		regions = append(regions, code)
	}
	sort.Strings(regions) // map order must not change the rows
	var rows []model.FirmResponse
	for _, code := range regions {
		for i := 0; i < counts[code]; i++ {
			emp := []int{3, 15, 70, 150, 500}[rng.IntN(5)]
			r := model.Response{FirmName: "기업", Region: code, Industry: industries[rng.IntN(len(industries))],
				Employees: emp, SizeBand: model.SizeBand(emp), Stage: model.Stages[rng.IntN(5)], Weight: 1}
			if rng.IntN(3) > 0 {
				r.Weight = 0.25 + float64(rng.IntN(40))/8 // exact binary fractions keep sums exact
			}
			if rng.IntN(10) < 6 {
				r.AdoptionCost = ptr(int64(1+rng.IntN(30)) * 1_000_000) // repeats: ties in the median
				if rng.IntN(2) == 0 {
					r.GovSupport = ptr(*r.AdoptionCost / int64(1+rng.IntN(4)))
				}
			} else if rng.IntN(2) == 0 {
				r.AdoptionCost = ptr(int64(0))
			}
			if rng.IntN(5) > 0 {
				r.AIStaffCurrent, r.AIStaffNeeded = ptr(rng.IntN(4)), ptr(rng.IntN(6))
			}
			r.Exemplar = rng.IntN(8) == 0
			for _, a := range areas {
				if rng.IntN(3) == 0 {
					r.UseAreas = append(r.UseAreas, model.ResponseUseArea{Code: a})
				}
			}
			for _, b := range barriers {
				if rng.IntN(3) == 0 {
					r.Barriers = append(r.Barriers, model.ResponseBarrier{Code: b})
				}
			}
			rows = append(rows, model.FirmResponse{Response: r})
		}
	}
	return rows
}

// refCell is the reference computed in Go, straight from the definitions
// of design §5, for one group of responses.
type refCell struct {
	model.Cell
	costs []costW
}

type costW struct {
	cost int64
	w    float64
}

func keyOf(r model.Response, dim string) string {
	switch dim {
	case "region":
		return r.Region
	case "industry":
		return r.Industry
	case "size":
		return r.SizeBand
	}
	return ""
}

func matches(r model.Response, f model.Filter) bool {
	return (f.Region == "" || r.Region == f.Region) && (f.Industry == "" || r.Industry == f.Industry) &&
		(f.Size == "" || r.SizeBand == f.Size)
}

// refCells groups the responses that match f by dim ("" for one total).
func refCells(rows []model.FirmResponse, dim string, f model.Filter) map[string]*refCell {
	out := map[string]*refCell{}
	for _, fr := range rows {
		r := fr.Response
		if !matches(r, f) {
			continue
		}
		k := keyOf(r, dim)
		c := out[k]
		if c == nil {
			c = &refCell{Cell: model.Cell{Key: k}}
			out[k] = c
		}
		c.add(r)
	}
	for _, c := range out {
		c.MedianCost = c.median()
	}
	return out
}

func (c *refCell) add(r model.Response) {
	w := r.Weight
	c.N++
	c.Weight += w
	switch r.Stage {
	case "미도입":
		c.WNone += w
	case "검토":
		c.WReview += w
	case "시범도입":
		c.WPilot += w
	case "도입":
		c.WAdopted += w
	case "확산":
		c.WScaled += w
	}
	if r.AdoptionCost != nil && *r.AdoptionCost > 0 {
		c.NCost++
		c.WCost += w
		c.WXCost += w * float64(*r.AdoptionCost)
		if r.GovSupport != nil {
			c.WXSupport += w * float64(*r.GovSupport)
		}
		c.costs = append(c.costs, costW{*r.AdoptionCost, w})
	}
	cur, need := deref0(r.AIStaffCurrent), deref0(r.AIStaffNeeded)
	c.Current += w * float64(cur)
	c.Needed += w * float64(need)
	c.Gap += w * float64(max(need-cur, 0))
	if r.Exemplar {
		c.NExemplar++
	}
}

// median is the smallest cost at which the cumulative weight, in cost
// order, reaches half the total weight.
func (c *refCell) median() *int64 {
	if len(c.costs) == 0 {
		return nil
	}
	sort.SliceStable(c.costs, func(i, j int) bool { return c.costs[i].cost < c.costs[j].cost })
	total := 0.0
	for _, x := range c.costs {
		total += x.w
	}
	cum := 0.0
	for _, x := range c.costs {
		cum += x.w
		if cum >= total/2 {
			v := x.cost
			return &v
		}
	}
	return nil
}

func deref0(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// refChoices counts each code named by the matching responses.
func refChoices(rows []model.FirmResponse, kind string, f model.Filter) map[string]model.Choice {
	out := map[string]model.Choice{}
	for _, fr := range rows {
		r := fr.Response
		if !matches(r, f) {
			continue
		}
		var codes []string
		if kind == model.ChoiceBarrier {
			for _, b := range r.Barriers {
				codes = append(codes, b.Code)
			}
		} else {
			for _, a := range r.UseAreas {
				codes = append(codes, a.Code)
			}
		}
		for _, code := range codes {
			ch := out[code]
			ch.Code, ch.N, ch.Weight = code, ch.N+1, ch.Weight+r.Weight
			out[code] = ch
		}
	}
	return out
}
