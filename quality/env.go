package quality

import (
	"time"

	"axdash/app/model"
)

// Env is what a rule's check sees of one row, named by survey.yaml keys.
// Numbers are float64 so that rules mix counts, money and percentages
// without conversions; money is in 원.
type Env struct {
	FirmName         string    `expr:"firm_name"`
	Region           string    `expr:"region"`
	Sigungu          string    `expr:"sigungu"`
	Industry         string    `expr:"industry"`
	Employees        float64   `expr:"employees"`
	SizeBand         string    `expr:"size_band"`
	Revenue          float64   `expr:"revenue"`
	Stage            string    `expr:"stage"`
	UseAreas         []string  `expr:"use_areas"`
	AdoptionCost     float64   `expr:"adoption_cost"`
	GovSupport       float64   `expr:"gov_support"`
	Barriers         []string  `expr:"barriers"`
	AIStaffCurrent   float64   `expr:"ai_staff_current"`
	AIStaffNeeded    float64   `expr:"ai_staff_needed"`
	ProductivityGain float64   `expr:"productivity_gain"`
	Exemplar         bool      `expr:"exemplar"`
	ExemplarNote     string    `expr:"exemplar_note"`
	Weight           float64   `expr:"weight"`
	SurveyedOn       time.Time `expr:"surveyed_on"`
	PeriodStart      time.Time `expr:"period_start"`
	PeriodEnd        time.Time `expr:"period_end"`
}

// Fields that can be blank: a rule naming one is skipped for a row where it
// is. Text and multi-selects are never missing (blank is "" and []), so a
// rule can require them.
const (
	hasRevenue = 1 << iota
	hasAdoptionCost
	hasGovSupport
	hasStaffCurrent
	hasStaffNeeded
	hasGain
	hasSurveyedOn
	hasPeriod
)

var nullable = map[string]uint32{
	"revenue": hasRevenue, "adoption_cost": hasAdoptionCost, "gov_support": hasGovSupport,
	"ai_staff_current": hasStaffCurrent, "ai_staff_needed": hasStaffNeeded, "productivity_gain": hasGain,
	"surveyed_on": hasSurveyedOn, "period_start": hasPeriod, "period_end": hasPeriod,
}

// derived are names that are no sheet column: size band comes from the
// employee count, the period from the wave.
var derived = map[string]string{"size_band": "employees", "period_start": "", "period_end": ""}

// fill sets env from r and returns which nullable fields are present.
// Slices are reused: env belongs to one checker.
func (e *Env) fill(r *model.Response, p *model.Period) uint32 {
	var has uint32
	num := func(bit uint32, ok bool, v float64) float64 {
		if ok {
			has |= bit
			return v
		}
		return 0
	}
	e.FirmName, e.Region, e.Sigungu, e.Industry = r.FirmName, r.Region, r.Sigungu, r.Industry
	e.Employees, e.SizeBand, e.Stage = float64(r.Employees), r.SizeBand, r.Stage
	e.Revenue = num(hasRevenue, r.Revenue != nil, deref64(r.Revenue))
	e.AdoptionCost = num(hasAdoptionCost, r.AdoptionCost != nil, deref64(r.AdoptionCost))
	e.GovSupport = num(hasGovSupport, r.GovSupport != nil, deref64(r.GovSupport))
	e.AIStaffCurrent = num(hasStaffCurrent, r.AIStaffCurrent != nil, derefInt(r.AIStaffCurrent))
	e.AIStaffNeeded = num(hasStaffNeeded, r.AIStaffNeeded != nil, derefInt(r.AIStaffNeeded))
	e.ProductivityGain = num(hasGain, r.ProductivityGain != nil, derefF(r.ProductivityGain))
	e.Exemplar, e.ExemplarNote, e.Weight = r.Exemplar, r.ExemplarNote, r.Weight
	e.UseAreas = e.UseAreas[:0]
	for _, a := range r.UseAreas {
		e.UseAreas = append(e.UseAreas, a.Code)
	}
	e.Barriers = e.Barriers[:0]
	for _, b := range r.Barriers {
		e.Barriers = append(e.Barriers, b.Code)
	}
	e.SurveyedOn = time.Time{}
	if r.SurveyedOn != nil {
		e.SurveyedOn, has = *r.SurveyedOn, has|hasSurveyedOn
	}
	e.PeriodStart, e.PeriodEnd = time.Time{}, time.Time{}
	if p != nil {
		e.PeriodStart, e.PeriodEnd, has = p.Start, p.End, has|hasPeriod
	}
	return has
}

func deref64(p *int64) float64 {
	if p == nil {
		return 0
	}
	return float64(*p)
}

func derefInt(p *int) float64 {
	if p == nil {
		return 0
	}
	return float64(*p)
}

func derefF(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
