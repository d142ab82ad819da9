package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestFieldsAccess sets every field of the survey's table through its
// Access and reads it back; setting employees also sets the size band
// computed from it.
func TestFieldsAccess(t *testing.T) {
	tab := Fields()
	n, gain, day := 7, 12.5, time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	var won int64 = 1_000_000
	for i := range tab.Len() {
		f := tab.At(i)
		t.Run(f.Key, func(t *testing.T) {
			var r FirmResponse
			var want, got any
			switch a := f.Access.(type) {
			case Access[string]:
				a.Set(&r, "값-"+f.Key)
				want, got = "값-"+f.Key, a.Get(&r)
			case Access[int]:
				a.Set(&r, 120)
				want, got = 120, a.Get(&r)
			case Access[*int]:
				a.Set(&r, &n)
				want, got = &n, a.Get(&r)
			case Access[*int64]:
				a.Set(&r, &won)
				want, got = &won, a.Get(&r)
			case Access[float64]:
				a.Set(&r, 2.5)
				want, got = 2.5, a.Get(&r)
			case Access[*float64]:
				a.Set(&r, &gain)
				want, got = &gain, a.Get(&r)
			case Access[bool]:
				a.Set(&r, true)
				want, got = true, a.Get(&r)
			case Access[*time.Time]:
				a.Set(&r, &day)
				want, got = &day, a.Get(&r)
			case Access[[]string]:
				a.Set(&r, []string{"가", "나"})
				want, got = []string{"가", "나"}, a.Get(&r)
				if a.Set(&r, nil); a.Get(&r) != nil {
					t.Errorf("nil codes read back as %v", a.Get(&r))
				}
			default:
				t.Fatalf("access %T", f.Access)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("set %v, got %v", want, got)
			}
			if f.Key == "employees" && r.Response.SizeBand != SizeBand(120) {
				t.Errorf("employees 120 gave size band %q", r.Response.SizeBand)
			}
		})
	}
}

// TestTableValidate refuses tables a consumer could not handle.
func TestTableValidate(t *testing.T) {
	text := Access[string]{func(*FirmResponse) string { return "" }, func(*FirmResponse, string) {}}
	opt := Access[*int]{func(*FirmResponse) *int { return nil }, func(*FirmResponse, *int) {}}
	tests := []struct {
		name   string
		fields []Field
		want   string // part of the error; "" for none
	}{
		{"ok", []Field{{Key: "a", Kind: KindText, Access: text, Column: "a"},
			{Key: "b", Kind: KindInteger, Access: opt, Nullable: true}}, ""},
		{"no key", []Field{{Kind: KindText, Access: text}}, "no key"},
		{"twice", []Field{{Key: "a", Kind: KindText, Access: text}, {Key: "a", Kind: KindText, Access: text}},
			"key listed twice"},
		{"unknown type", []Field{{Key: "a", Kind: KindInteger, Access: Access[int32]{}}}, "none of"},
		{"no access", []Field{{Key: "a", Kind: KindText}}, "none of"},
		{"no setter", []Field{{Key: "a", Kind: KindText, Access: Access[string]{Get: text.Get}}}, "both Get and Set"},
		{"unknown kind", []Field{{Key: "a", Kind: "colour", Access: text}}, "a colour value is , not string"},
		{"kind and type differ", []Field{{Key: "a", Kind: KindMoney, Access: opt, Nullable: true}},
			"a money value is int64, not *int"},
		{"pointer not nullable", []Field{{Key: "a", Kind: KindInteger, Access: opt}}, "nullable is false"},
		{"nullable not pointer", []Field{{Key: "a", Kind: KindText, Access: text, Nullable: true}}, "nullable is true"},
		{"column twice", []Field{{Key: "a", Kind: KindText, Access: text, Column: "c"},
			{Key: "b", Kind: KindText, Access: text, Column: "c"}}, "column c listed twice"},
		{"from unknown", []Field{{Key: "a", Kind: KindText, Access: text, From: "z"}}, "unknown field z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTable(tt.fields...)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("NewTable: %v, want %q", err, tt.want)
			}
		})
	}
}

// TestCheckSurvey names each way survey.yaml and the table can differ.
func TestCheckSurvey(t *testing.T) {
	declared := func(edit func([]Declared) []Declared) []Declared {
		var ds []Declared
		for _, f := range Fields().All() {
			if f.From == "" {
				ds = append(ds, Declared{Key: f.Key, Type: string(f.Kind), Header: f.Label})
			}
		}
		return edit(ds)
	}
	set := func(key string, edit func(*Declared)) func([]Declared) []Declared {
		return func(ds []Declared) []Declared {
			for i := range ds {
				if ds[i].Key == key {
					edit(&ds[i])
				}
			}
			return ds
		}
	}
	tests := []struct {
		name string
		edit func([]Declared) []Declared
		want string
	}{
		{"same", func(ds []Declared) []Declared { return ds }, ""},
		{"unknown key", func(ds []Declared) []Declared { return append(ds, Declared{"ai_budget", "money", "AI예산"}) },
			"ai_budget (money) has no entry"},
		{"missing key", set("gov_support", func(d *Declared) { d.Key = "support" }), "gov_support is not in survey.yaml"},
		{"other type", set("revenue", func(d *Declared) { d.Type = "integer" }), "revenue is integer in survey.yaml but money"},
		{"other header", set("revenue", func(d *Declared) { d.Header = "연매출" }), "revenue is headed 연매출"},
		{"computed", func(ds []Declared) []Declared {
			return append(ds, Declared{"size_band", "size_band", "종사자 규모"})
		},
			"computed from employees"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Fields().CheckSurvey(declared(tt.edit))
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("CheckSurvey: %v, want %q", err, tt.want)
			}
		})
	}
}

// TestTableWith extends a copy; the original keeps its fields.
func TestTableWith(t *testing.T) {
	base := Fields()
	extra := Field{Key: "ai_budget", Kind: KindMoney, Nullable: true, Column: "ai_budget",
		Access: Access[*int64]{func(*FirmResponse) *int64 { return nil }, func(*FirmResponse, *int64) {}}}
	ext, err := base.With(extra)
	if err != nil {
		t.Fatal(err)
	}
	if ext.Lookup("ai_budget") == nil || base.Lookup("ai_budget") != nil || ext.Len() != base.Len()+1 {
		t.Errorf("With: extended %d fields (has ai_budget %t), base %d (has %t)", ext.Len(),
			ext.Lookup("ai_budget") != nil, base.Len(), base.Lookup("ai_budget") != nil)
	}
	if cols := ext.Columns(); cols[len(cols)-1] != "ai_budget" {
		t.Errorf("columns end with %v", cols[len(cols)-3:])
	}
}
