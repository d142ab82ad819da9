// Package demo makes realistic synthetic survey data for axdash: firms whose
// AI adoption, cost, talent and exemplar answers follow the published figures
// collected in shared/notes, written as a workbook in the survey layout of
// design §3. Every workbook it writes says, in its title, its notes sheet and
// its document properties, that the firms are not real.
package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// Options says how much data to make and from which seed.
type Options struct {
	Rows int     // number of firms
	Seed int64   // deterministic: same Options → identical rows and identical cell values
	Year int     // survey year written in title and dates; 0 → 2026
	Lift float64 // multiplicative lift on adoption probabilities for a later wave (0 → 1.0)
}

// Row is one synthetic firm's answers. Money is in 원.
type Row struct {
	FirmName   string
	BusinessNo string // 10 digits with a valid check digit
	Region     string // 2-digit 시도 code
	Sigungu    string
	Industry   string // KSIC section letter
	Employees  int
	Revenue    int64
	Stage      string // one of model.Stages

	UseAreas []string
	Barriers []string

	AdoptionCost int64 // 0 when none
	GovSupport   int64 // 0 when none; never above AdoptionCost

	StaffCurrent int
	StaffNeeded  int

	ProductivityGain float64 // percent; only for adopters
	Exemplar         bool
	ExemplarNote     string
	ExemplarConsent  bool // agreed to have the case published
	Weight           float64
	SurveyedOn       time.Time
}

// Limits on options. maxRows keeps the data sheet inside Excel's 1,048,576
// rows after the four title and header rows.
const (
	defaultYear = 2026
	maxRows     = 1048576 - 4
	maxLift     = 5.0
)

// pcgStream salts the row index in the second PCG word, so that seed 0 and
// row 0 do not start from an all-zero state.
const pcgStream = 0x61786461736864 // "axdashd"

// normalize fills defaults and rejects options that cannot make a workbook.
func (o Options) normalize() (Options, error) {
	if o.Year == 0 {
		o.Year = defaultYear
	}
	if o.Lift == 0 {
		o.Lift = 1
	}
	switch {
	case o.Rows < 0 || o.Rows > maxRows:
		return o, fmt.Errorf("demo: rows must be between 0 and %d, got %d", maxRows, o.Rows)
	case o.Year < 1990 || o.Year > 2100:
		return o, fmt.Errorf("demo: year must be between 1990 and 2100, got %d", o.Year)
	case !(o.Lift > 0 && o.Lift <= maxLift): // also rejects NaN
		return o, fmt.Errorf("demo: lift must be in (0, %g], got %g", maxLift, o.Lift)
	}
	return o, nil
}

// Generate makes opts.Rows synthetic firms. The same Options always give the
// same rows: all randomness comes from a PCG seeded from opts.Seed and the
// row index, drawn in a fixed order.
func Generate(opts Options) ([]Row, error) {
	g, err := newGen(opts)
	if err != nil {
		return nil, err
	}
	rows := make([]Row, g.opts.Rows)
	for i := range rows {
		g.at(i, &rows[i])
	}
	return rows, nil
}

// newGen checks opts and readies a generator for its rows.
func newGen(opts Options) (*gen, error) {
	opts, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	pcg := rand.NewPCG(0, 0)
	return &gen{pcg: pcg, r: rand.New(pcg), opts: opts, days: surveyDays(opts.Year)}, nil
}

// at fills firm i. Each row has its own stream, so a row does not depend on
// the ones before it: with the same seed, a later wave (other Year or Lift)
// has the same firms and each firm's adoption only moves with Lift, and
// rows can be made one at a time in any order (see StreamFile).
func (g *gen) at(i int, r *Row) {
	g.pcg.Seed(mix64(uint64(g.opts.Seed)), mix64(uint64(i)^pcgStream))
	g.row(i, r)
}

// gen carries the random source of one Generate call and what it needs
// from the options.
type gen struct {
	pcg  *rand.PCG
	r    *rand.Rand
	opts Options
	days []time.Time // candidate survey dates
}

// row fills firm i. Identity draws come first and the adoption draw right
// after them, so that only the answers that follow depend on the stage; the
// order is part of the determinism contract, so new draws go at the end.
func (g *gen) row(i int, r *Row) {
	reg := &regionPriors[g.pickRegion()]
	ind := &industryPriors[g.pickIndustry()]
	size := &sizePriors[g.pickSize()]

	r.Region = reg.code
	if len(reg.sigungu) > 0 {
		r.Sigungu = reg.sigungu[g.r.IntN(len(reg.sigungu))]
	}
	r.Industry = ind.code
	r.Employees = g.logUniformInt(size.min, size.max)
	r.Revenue = g.revenue(r.Employees, ind.perEmp)
	incorporated := g.r.Float64() < 0.6
	r.FirmName = g.firmName(ind, incorporated)
	r.BusinessNo = businessNo(g.opts.Seed, i, incorporated, g.r.IntN(240))
	r.Weight = g.weight(size)
	r.SurveyedOn = g.surveyDate()

	r.Stage = g.stage(g.adoptionProb(reg, ind, size))
	r.AdoptionCost = g.cost(r.Stage, size)
	r.GovSupport = g.govSupport(r.AdoptionCost)
	r.StaffNeeded, r.StaffCurrent = g.staff(r.Stage, size)
	// A firm's AI staff are among its employees (rule.ai_staff_exceeds_employees).
	r.StaffCurrent = min(r.StaffCurrent, r.Employees)
	mfg := ind.code == "C"
	r.UseAreas = g.useAreas(r.Stage, mfg)
	r.Barriers = g.barriers(r.Stage)
	r.ProductivityGain = g.productivity(r.Stage)
	r.Exemplar, r.ExemplarNote = g.exemplar(r.Stage, r.UseAreas, mfg)
	r.ExemplarConsent = r.Exemplar && consents(r.BusinessNo)
}

// consents says whether an exemplar firm agreed to publish its case: four
// in five, decided by its business number rather than the generator's
// stream, so that every other answer of a seed stays as it was.
func consents(businessNo string) bool {
	h := fnv.New32a()
	h.Write([]byte(businessNo))
	return h.Sum32()%5 != 0
}

// Adoption priors: baseAdoption is the rate of a 10–49 person manufacturer in
// 수도권; other regions get half of it (40.4% vs 17.9% in the 대한상의 2024
// survey). maxAdoption keeps lifted waves from saturating whole cells.
const (
	baseAdoption     = 0.18
	nonCapitalFactor = 0.5
	maxAdoption      = 0.6
)

func (g *gen) adoptionProb(reg *regionPrior, ind *industryPrior, size *sizePrior) float64 {
	p := baseAdoption * ind.factor * size.factor * g.opts.Lift
	if !capitalArea(reg.code) {
		p *= nonCapitalFactor
	}
	return min(p, maxAdoption)
}

// Stage split: of adopters, scaledShare have spread AI across the firm;
// beside the adoption probability p, pilotPerAdopt·p pilot and
// considerBase + considerPerAdopt·p consider, so firms in cells close to
// adopting also pilot and consider more.
const (
	scaledShare      = 0.3
	pilotPerAdopt    = 0.45
	considerBase     = 0.12
	considerPerAdopt = 0.5
)

// stage turns an adoption probability into a survey stage. The first draw
// decides adoption, so a lifted wave keeps every earlier adopter.
func (g *gen) stage(p float64) string {
	u := g.r.Float64()
	pilot := p + pilotPerAdopt*p
	switch {
	case u < p:
		if g.r.Float64() < scaledShare {
			return "확산"
		}
		return "도입"
	case u < pilot:
		return "시범도입"
	case u < pilot+considerBase+considerPerAdopt*p:
		return "검토"
	default:
		return "미도입"
	}
}
