package configs

import (
	"strings"
	"testing"
)

// The embedded design is the documented default; a design the cube cannot
// compute is refused with the setting named.
func TestDesignCheck(t *testing.T) {
	s, r, err := LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultDesign()
	if d := s.Design; d.Strata != def.Strata || d.Weight != def.Weight || d.Lonely != def.Lonely ||
		d.Precision != def.Precision || len(d.Population) != 0 {
		t.Errorf("embedded design %+v, want the default %+v", d, def)
	}
	with := func(f func(*Design)) Design {
		d := DefaultDesign()
		f(&d)
		return d
	}
	for _, tt := range []struct {
		name   string
		design Design
		want   string // "" when accepted
	}{
		{"default", def, ""},
		{"fpc", with(func(d *Design) { d.Population = []StratumSize{{"11", "1-9", 900}, {"26", "300+", 12}} }), ""},
		{"remove", with(func(d *Design) { d.Lonely = LonelyRemove }), ""},
		{"stratum column", with(func(d *Design) { d.Strata = "stratum" }), "not stored yet"},
		{"weight not a weight", with(func(d *Design) { d.Weight = "employees" }), "not a field of type weight"},
		{"lonely", with(func(d *Design) { d.Lonely = "average" }), `lonely "average"`},
		{"unknown region", with(func(d *Design) { d.Population = []StratumSize{{"99", "1-9", 9}} }), "unknown region"},
		{"unknown band", with(func(d *Design) { d.Population = []StratumSize{{"11", "1-2", 9}} }), "unknown size band"},
		{"no firms", with(func(d *Design) { d.Population = []StratumSize{{"11", "1-9", 0}} }), "has 0 firms"},
		{"twice", with(func(d *Design) { d.Population = []StratumSize{{"11", "1-9", 5}, {"11", "1-9", 6}} }), "listed twice"},
		{"thresholds", with(func(d *Design) { d.Precision = Precision{0.5, 0.25} }), "caution_rse"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.design.check(s, r)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("check = %v, want %q", err, tt.want)
			}
		})
	}
	if d := (Design{Precision: Precision{CautionRSE: 0.3}}).withDefaults(); d.Precision.WithholdRSE != def.Precision.WithholdRSE ||
		d.Precision.CautionRSE != 0.3 || d.Lonely != LonelyAdjust {
		t.Errorf("withDefaults kept or filled wrongly: %+v", d)
	}
}
