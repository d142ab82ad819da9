package model

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

func TestEstimatesKeepWhatIsSet(t *testing.T) {
	full := Estimate{Value: 0.25, SE: 0.05, Low: 0.16, High: 0.37, Interval: true, N: 101, Caution: true,
		Rule: RulePrecision}
	tests := []struct {
		name string
		set  map[string]Estimate
	}{
		{"none", map[string]Estimate{}},
		{"every field", map[string]Estimate{"adoption": full}},
		{"withheld", map[string]Estimate{"cost": {Rule: RuleDominance, Hidden: true}, "adoption": {N: 3}}},
		{"each rule", map[string]Estimate{"a": {Rule: RuleSmall}, "b": {Rule: RuleDominance},
			"c": {Rule: RulePrecision}, "d": {Rule: RuleEmpty}, "e": {}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			est := EstimatesOf(tt.set)
			if est.Len() != len(tt.set) {
				t.Errorf("Len = %d, want %d", est.Len(), len(tt.set))
			}
			for m, want := range tt.set {
				if got, ok := est.Get(m); !ok || got != want {
					t.Errorf("Get(%q) = %+v, %v; want %+v", m, got, ok, want)
				}
			}
			if got := maps.Collect(est.All()); !maps.Equal(got, tt.set) {
				t.Errorf("All = %+v, want %+v", got, tt.set)
			}
			if _, ok := est.Get("not a measure"); ok {
				t.Error("Get of an unknown measure found one")
			}
		})
	}
}

func TestEstimatesOfSharedMeasures(t *testing.T) {
	ms := NewMeasures("b", "a", "b", "c")
	if got := ms.Names(); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Fatalf("Names = %v, want each once in the order given", got)
	}
	block := NewEstimatesBlock(ms, 3)
	block[1].Set("a", Estimate{Value: 1})
	block[2].Set("c", Estimate{Value: 2})
	for i, want := range []map[string]Estimate{{}, {"a": {Value: 1}}, {"c": {Value: 2}}} {
		if got := maps.Collect(block[i].All()); !maps.Equal(got, want) {
			t.Errorf("cell %d holds %v, want %v: a block's cells must not share slots", i, got, want)
		}
	}
	clone := block[1].Clone()
	clone.Set("a", Estimate{Value: 9})
	if block[1].Of("a").Value != 1 {
		t.Error("Set on a clone changed the original")
	}
	var zero Estimates
	if zero.Len() != 0 || zero.Of("a") != (Estimate{}) {
		t.Error("the zero Estimates hold something")
	}
}

func TestEstimatesSetRefusesAnUnknownMeasure(t *testing.T) {
	for _, tt := range []struct {
		name    string
		measure string
		est     Estimate
	}{
		{"measure", "d", Estimate{}},
		{"rule", "a", Estimate{Rule: "no such rule"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Set kept what it cannot hold")
				}
			}()
			NewEstimates(NewMeasures("a")).Set(tt.measure, tt.est)
		})
	}
}

// Every field of an Estimate must survive its slot: a field added to
// Estimate and not to estimateSlot would come back zero.
func TestEstimatesKeepEveryField(t *testing.T) {
	var e Estimate
	v := reflect.ValueOf(&e).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch f.Kind() {
		case reflect.Float64:
			f.SetFloat(float64(i) + 0.5)
		case reflect.Int:
			f.SetInt(int64(i) + 1)
		case reflect.Bool:
			f.SetBool(true)
		case reflect.String:
			f.SetString(RuleDominance) // Rule: any rule but none
		default:
			t.Fatalf("field %s (%s): teach this test and estimateSlot about it", name, f.Kind())
		}
	}
	for i := range v.NumField() {
		one := Estimate{}
		reflect.ValueOf(&one).Elem().Field(i).Set(v.Field(i))
		for _, want := range []Estimate{e, one} {
			if got := EstimatesOf(map[string]Estimate{"m": want}).Of("m"); got != want {
				t.Errorf("kept %+v, want %+v", got, want)
			}
		}
	}
}

// A cell's or estimate's rule is the strongest that applies: empty over
// small over dominance over precision over none, whichever comes first.
func TestStrongerRule(t *testing.T) {
	order := []string{"", RulePrecision, RuleDominance, RuleSmall, RuleEmpty}
	for i, a := range order {
		for j, b := range order {
			want := order[max(i, j)]
			if got := StrongerRule(a, b); got != want {
				t.Errorf("StrongerRule(%q, %q) = %q, want %q", a, b, got, want)
			}
		}
	}
}
