package configs

import (
	"slices"
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
		{"fpc", with(func(d *Design) { d.Population = []StratumSize{pop("11", "1-9", 900), pop("26", "300+", 12)} }), ""},
		{"remove", with(func(d *Design) { d.Lonely = LonelyRemove }), ""},
		{"stratum column", with(func(d *Design) { d.Strata = StrataColumn }), ""},
		{"column fpc", with(func(d *Design) {
			d.Strata = StrataColumn
			d.Population = []StratumSize{{Stratum: "A1", Firms: 40}, pop("11", "1-9", 900)}
		}), ""},
		{"unknown strata", with(func(d *Design) { d.Strata = "stratum" }), `strata "stratum": want`},
		{"stratum code without column", with(func(d *Design) { d.Population = []StratumSize{{Stratum: "A1", Firms: 40}} }), `needs strata "column"`},
		{"stratum and region", with(func(d *Design) {
			d.Strata = StrataColumn
			d.Population = []StratumSize{{Region: "11", Stratum: "A1", Firms: 40}}
		}), "not both"},
		{"stratum twice", with(func(d *Design) {
			d.Strata = StrataColumn
			d.Population = []StratumSize{{Stratum: "A1", Firms: 40}, {Stratum: "A1", Firms: 41}}
		}), "stratum A1 listed twice"},
		{"stratum no firms", with(func(d *Design) {
			d.Strata = StrataColumn
			d.Population = []StratumSize{{Stratum: "A1"}}
		}), "stratum A1 has 0 firms"},
		{"weight not a weight", with(func(d *Design) { d.Weight = "employees" }), "not a field of type weight"},
		{"lonely", with(func(d *Design) { d.Lonely = "average" }), `lonely "average"`},
		{"unknown region", with(func(d *Design) { d.Population = []StratumSize{pop("99", "1-9", 9)} }), "unknown region"},
		{"unknown band", with(func(d *Design) { d.Population = []StratumSize{pop("11", "1-2", 9)} }), "unknown size band"},
		{"no firms", with(func(d *Design) { d.Population = []StratumSize{pop("11", "1-9", 0)} }), "has 0 firms"},
		{"twice", with(func(d *Design) { d.Population = []StratumSize{pop("11", "1-9", 5), pop("11", "1-9", 6)} }), "listed twice"},
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

// pop is a population count of a 시도 × size band.
func pop(region, size string, firms float64) StratumSize {
	return StratumSize{Region: region, Size: size, Firms: firms}
}

// Under strata: column the stratum field is required (so the importer
// refuses a row without one, naming its cell), and a schema without the
// field cannot use the column.
func TestStrataColumnNeedsTheField(t *testing.T) {
	for _, tt := range []struct {
		strata   string
		required bool
	}{
		{StrataRegionSize, false},
		{StrataColumn, true},
	} {
		t.Run(tt.strata, func(t *testing.T) {
			s, r, err := LoadSchema()
			if err != nil {
				t.Fatal(err)
			}
			s.Design.Strata = tt.strata
			s.requireStratum()
			if f := s.Field(StratumField); f == nil || f.Required != tt.required || f.Type != "text" {
				t.Errorf("stratum field %+v, want a text field required %v", f, tt.required)
			}
			s.Fields = slices.DeleteFunc(s.Fields, func(f Field) bool { return f.Key == StratumField })
			err = s.Design.check(s, r)
			if want := tt.strata == StrataColumn; (err != nil) != want || want && !strings.Contains(err.Error(), `needs the text field "stratum"`) {
				t.Errorf("check without the field = %v, want an error %v", err, want)
			}
		})
	}
}
