package configs

import (
	"errors"
	"fmt"
	"slices"
)

// The design's choices, as survey.yaml's design section spells them.
const (
	// StrataRegionSize stratifies by 시도 × size band (the default);
	// StrataColumn by the file's stratum column (StratumField), which
	// every row must then give.
	StrataRegionSize = "region_size"
	StrataColumn     = "column"
	// StratumField is the key of the survey field holding a firm's
	// stratum (층).
	StratumField = "stratum"
	// LonelyAdjust centres a stratum with one response at the grand mean
	// (R's survey.lonely.psu = "adjust"); LonelyRemove lets it add no
	// variance (R's "remove").
	LonelyAdjust = "adjust"
	LonelyRemove = "remove"
)

// Design is the survey's sample design (survey.yaml's design section), from
// which every estimate's standard error follows (docs/statistics.md): a
// stratified one-stage design with every response its own sampling unit.
type Design struct {
	// Strata names the stratification: StrataRegionSize (the default) or
	// StrataColumn.
	Strata string `yaml:"strata"`
	// Weight is the key of the field holding the sampling weight.
	Weight string `yaml:"weight"`
	// Lonely is how a stratum with a single response counts: LonelyAdjust
	// (the default) or LonelyRemove.
	Lonely string `yaml:"lonely"`
	// Population lists the firms in each stratum, for the finite-population
	// correction; a stratum not listed has none (sampled with replacement).
	Population []StratumSize `yaml:"population"`
	// Precision holds the relative standard error thresholds.
	Precision Precision `yaml:"precision"`
}

// StratumSize is one stratum's population count: the stratum is a 시도
// and size band, or under StrataColumn a code of the stratum column.
type StratumSize struct {
	Region  string  `yaml:"region"`
	Size    string  `yaml:"size"`
	Stratum string  `yaml:"stratum"`
	Firms   float64 `yaml:"firms"`
}

// Precision holds the relative standard error (SE / estimate) at which an
// estimate is marked for caution and at which it is withheld from the
// public (Statistics Korea's practice: 25 % and 50 %).
type Precision struct {
	CautionRSE  float64 `yaml:"caution_rse"`
	WithholdRSE float64 `yaml:"withhold_rse"`
}

// DefaultDesign is the design when survey.yaml sets none: strata 시도 ×
// size band, the weight field, lonely strata adjusted, no fpc, and
// thresholds of 25 % and 50 %.
func DefaultDesign() Design {
	return Design{Strata: StrataRegionSize, Weight: "weight", Lonely: LonelyAdjust,
		Precision: Precision{CautionRSE: 0.25, WithholdRSE: 0.50}}
}

// withDefaults fills the settings the file leaves out.
func (d Design) withDefaults() Design {
	def := DefaultDesign()
	if d.Strata == "" {
		d.Strata = def.Strata
	}
	if d.Weight == "" {
		d.Weight = def.Weight
	}
	if d.Lonely == "" {
		d.Lonely = def.Lonely
	}
	if d.Precision.CautionRSE == 0 {
		d.Precision.CautionRSE = def.Precision.CautionRSE
	}
	if d.Precision.WithholdRSE == 0 {
		d.Precision.WithholdRSE = def.Precision.WithholdRSE
	}
	return d
}

// check refuses a design the cube cannot compute: an unknown strata or
// lonely rule, a column design without the stratum field, a weight that
// is not the schema's weight field, a population count for an unknown or
// repeated stratum or of no firms, and thresholds out of order.
func (d Design) check(s *Survey, r *Regions) error {
	var errs []error
	switch d.Strata {
	case StrataRegionSize:
	case StrataColumn:
		if f := s.Field(StratumField); f == nil || f.Type != "text" {
			errs = append(errs, fmt.Errorf("strata %q needs the text field %q in fields", d.Strata, StratumField))
		}
	default:
		errs = append(errs, fmt.Errorf("strata %q: want %q (시도 × size band) or %q (the file's %s column)",
			d.Strata, StrataRegionSize, StrataColumn, StratumField))
	}
	if f := s.Field(d.Weight); f == nil || f.Type != "weight" {
		errs = append(errs, fmt.Errorf("weight %q is not a field of type weight", d.Weight))
	}
	if d.Lonely != LonelyAdjust && d.Lonely != LonelyRemove {
		errs = append(errs, fmt.Errorf("lonely %q: want %q or %q", d.Lonely, LonelyAdjust, LonelyRemove))
	}
	errs = append(errs, d.checkPopulation(s, r)...)
	if pr := d.Precision; pr.CautionRSE <= 0 || pr.WithholdRSE < pr.CautionRSE {
		errs = append(errs, fmt.Errorf("precision: want 0 < caution_rse (%v) <= withhold_rse (%v)", pr.CautionRSE, pr.WithholdRSE))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("configs: survey.yaml design: %w", err)
	}
	return nil
}

// checkPopulation refuses a population count for an unknown or repeated
// stratum or of no firms. A stratum code is a stratum only under
// StrataColumn; a 시도 and size band is one under either strata (under
// StrataColumn, that of rows stored without a stratum).
func (d Design) checkPopulation(s *Survey, r *Regions) []error {
	var errs []error
	seen := map[StratumSize]bool{}
	for _, p := range d.Population {
		k := p
		k.Firms = 0
		name := "stratum " + p.Stratum
		if p.Stratum == "" {
			name = p.Region + " × " + p.Size
		}
		switch {
		case p.Stratum != "" && (p.Region != "" || p.Size != ""):
			errs = append(errs, fmt.Errorf("population: give stratum %q or region and size, not both", p.Stratum))
		case p.Stratum != "" && d.Strata != StrataColumn:
			errs = append(errs, fmt.Errorf("population: stratum %q needs strata %q", p.Stratum, StrataColumn))
		case p.Stratum == "" && !slices.ContainsFunc(r.Regions, func(rg Region) bool { return rg.Code == p.Region }):
			errs = append(errs, fmt.Errorf("population: unknown region code %q", p.Region))
		case p.Stratum == "" && !slices.ContainsFunc(s.SizeBands, func(b Band) bool { return b.Code == p.Size }):
			errs = append(errs, fmt.Errorf("population: unknown size band %q", p.Size))
		case p.Firms <= 0:
			errs = append(errs, fmt.Errorf("population: %s has %v firms", name, p.Firms))
		case seen[k]:
			errs = append(errs, fmt.Errorf("population: %s listed twice", name))
		}
		seen[k] = true
	}
	return errs
}
