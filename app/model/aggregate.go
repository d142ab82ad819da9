package model

// Filter narrows an aggregate to one wave and optionally one region,
// industry and size band. Empty strings mean "all".
type Filter struct {
	WaveID   int64
	Region   string
	Industry string
	Size     string
}

// GroupRate is a weighted adoption rate for one group (region, industry, band).
type GroupRate struct {
	Key         string `gorm:"column:grp"`
	N           int
	WeightTotal float64
	WeightAdopt float64
}

// GroupCost is the weighted mean and median adoption cost (원) for one group,
// over responses with a cost above zero.
type GroupCost struct {
	Key    string `gorm:"column:grp"`
	N      int
	Mean   float64
	Median int64
}

// GroupTalent is the weighted AI staff situation for one group.
type GroupTalent struct {
	Key     string `gorm:"column:grp"`
	N       int
	Current float64 `gorm:"column:staff_current"`
	Needed  float64 `gorm:"column:staff_needed"`
	Gap     float64
}

// ExemplarFirm is one firm flagged as an exemplar in a wave.
type ExemplarFirm struct {
	FirmName         string
	BusinessNo       string
	Region           string
	Industry         string
	SizeBand         string
	Stage            string
	UseAreas         []string
	ProductivityGain *float64
	Note             string
}
