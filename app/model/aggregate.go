package model

// Filter narrows an aggregate to one wave and optionally one region,
// industry and size band. Empty strings mean "all".
type Filter struct {
	WaveID   int64
	Region   string
	Industry string
	Size     string
}

// Cell is one cell of a wave's rollup: every additive sum the figures need
// for the responses of one group under a filter, plus the weighted median
// cost, which is not additive and is therefore precomputed per cell. Money
// is in 원; weights are survey weights.
type Cell struct {
	Key        string `gorm:"column:grp"` // the group's code; empty for a total
	WaveID     int64
	Wave       string // the wave's name (trend cells only)
	Synthetic  bool   // the wave is synthetic demo data (trend cells only)
	N          int    // responses
	Weight     float64
	WNone      float64 // weight per stage, in model.Stages order
	WReview    float64
	WPilot     float64
	WAdopted   float64
	WScaled    float64
	NCost      int     // responses with an adoption cost above zero
	WCost      float64 // their weight
	WXCost     float64 `gorm:"column:wx_cost"`    // Σ weight·cost over them
	WXSupport  float64 `gorm:"column:wx_support"` // Σ weight·gov_support over them
	MedianCost *int64  // weighted median cost over them; nil when none
	Current    float64 `gorm:"column:staff_current"` // Σ weight·AI staff now
	Needed     float64 `gorm:"column:staff_needed"`  // Σ weight·AI staff needed
	Gap        float64 `gorm:"column:staff_gap"`     // Σ weight·max(needed − current, 0)
	NExemplar  int     // responses flagged as exemplars
	// Est are the cell's estimates by cube measure name (cube.Measure*,
	// cube.StageMeasure): value, standard error, interval and publication
	// decision. Shared and read-only: Clone before changing ones you are given.
	Est Estimates `gorm:"-"`
	// Rule is the rule that keeps the whole cell from the public ("" when
	// published); Hidden says this view withholds it (n included).
	Rule   string `gorm:"-"`
	Hidden bool   `gorm:"-"`
}

// StageWeights returns the weight per stage in model.Stages order.
func (c Cell) StageWeights() []float64 {
	return []float64{c.WNone, c.WReview, c.WPilot, c.WAdopted, c.WScaled}
}

// AdoptedWeight is the weight of the stages that count as adoption.
func (c Cell) AdoptedWeight() float64 { return c.WAdopted + c.WScaled }

// Choice is how often one code of a multi-select question (a barrier or a
// use area) was named in a group: the responses naming it and their weight.
type Choice struct {
	Code   string
	N      int
	Weight float64
	// Est is the code's share of the cell's responses (y = named, x = 1)
	// with its precision and publication decision.
	Est Estimate
}

// Choice kinds: which multi-select question a Choice counts.
const (
	ChoiceBarrier = "barrier"
	ChoiceUseArea = "use_area"
)

// ExemplarQuery selects exemplar firms: a filter, an optional search in the
// firm name and the case text (the exemplar note), a use area, and a page.
type ExemplarQuery struct {
	Filter Filter
	Search string
	// UseArea, when set, keeps the firms that named this AI use area.
	UseArea string
	Limit   int
	Offset  int
	// Consented lists only the firms that agreed to publish their case
	// (the public's list).
	Consented bool
}

// ExemplarFirm is one firm flagged as an exemplar in a wave.
type ExemplarFirm struct {
	FirmName         string
	BusinessNo       string
	Region           string
	Sigungu          string
	Industry         string
	SizeBand         string
	Stage            string
	UseAreas         []string
	ProductivityGain *float64
	Note             string
	// Consent says the firm agreed to have its case published (the
	// survey's 사례공개동의): the public list shows only these.
	Consent bool
	// Earlier says the same firm (by business number) was an exemplar in
	// an earlier wave, for the public one it agreed to publish there too.
	Earlier bool
}
