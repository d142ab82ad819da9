package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Kind is how a field's cells are read: its type in configs/survey.yaml.
type Kind string

// The kinds of survey.yaml, and size_band, which no sheet holds.
const (
	KindText       Kind = "text"
	KindBusinessNo Kind = "business_no"
	KindRegion     Kind = "region"
	KindIndustry   Kind = "industry"
	KindStage      Kind = "stage"
	KindUseAreas   Kind = "use_areas"
	KindBarriers   Kind = "barriers"
	KindInteger    Kind = "integer"
	KindMoney      Kind = "money"
	KindPercent    Kind = "percent"
	KindWeight     Kind = "weight"
	KindBool       Kind = "bool"
	KindDate       Kind = "date"
	KindSizeBand   Kind = "size_band"
)

// kindValue is the Go type each kind's values have on FirmResponse, before
// a nullable field's pointer: the importer's parsers produce these types.
var kindValue = map[Kind]string{
	KindText: "string", KindBusinessNo: "string", KindRegion: "string", KindIndustry: "string",
	KindStage: "string", KindSizeBand: "string", KindUseAreas: "[]string", KindBarriers: "[]string",
	KindInteger: "int", KindMoney: "int64", KindPercent: "float64", KindWeight: "float64",
	KindBool: "bool", KindDate: "time.Time",
}

// Field is one survey field: what survey.yaml calls it, where the store
// keeps it and how to read and write it on a FirmResponse.
type Field struct {
	Key      string // survey.yaml key, and the name rules use
	Label    string // Korean label (survey.yaml's header)
	Kind     Kind
	Unit     string
	Nullable bool // a blank cell is stored as NULL (its Access is to a pointer)
	// Column is the responses column; for a multi-select, the table with
	// one (response_id, code) row per choice; empty when the value lives
	// elsewhere (business_no: the firms table).
	Column string
	// Limit is a text's column size in characters (0 for other kinds), and
	// Lines whether it may hold line breaks.
	Limit int
	Lines bool
	// Histogram marks a number kept per wave as a log-scale histogram by
	// industry and size band, which the outlier test compares new values
	// with (see HistValue).
	Histogram bool
	// From is the key of the field this one is computed from, for a field
	// no sheet holds (size_band from employees); Access.Set keeps them in
	// step.
	From string
	// Access is an Access[T] whose T is the value's Go type, one of
	// ValueTypes; consumers switch on it once per field, not per key.
	Access any
}

// Access reads and writes one field's value on a FirmResponse. Typed funcs
// rather than reflection keep the importer's per-row cost flat.
type Access[T any] struct {
	Get func(*FirmResponse) T
	Set func(*FirmResponse, T)
}

// ValueTypes names the Go types an Access may carry. Every consumer of the
// table (importer, rules, parse worker codec, loader) handles each of them;
// Validate refuses any other, so that a field cannot reach a switch that
// does not know its type.
var ValueTypes = []string{"string", "int", "*int", "*int64", "float64", "*float64", "bool", "*time.Time", "[]string"}

// accessor is what every Access[T] is, whatever its T.
type accessor interface {
	valueType() string
	complete() bool
}

func (a Access[T]) valueType() string { var v T; return fmt.Sprintf("%T", v) }
func (a Access[T]) complete() bool    { return a.Get != nil && a.Set != nil }

// ValueType is the name of the Go type f.Access carries ("" when it is not
// an Access of one of ValueTypes), and whether that type is a pointer.
func (f *Field) ValueType() (name string, pointer bool) {
	a, ok := f.Access.(accessor)
	if !ok || !slices.Contains(ValueTypes, a.valueType()) {
		return "", false
	}
	name = a.valueType()
	return name, strings.HasPrefix(name, "*")
}

// Number is a numeric field's value as a float64, and whether it is there
// (false for a blank, and for a field that is no number).
func (f *Field) Number(r *FirmResponse) (float64, bool) {
	switch a := f.Access.(type) {
	case Access[int]:
		return float64(a.Get(r)), true
	case Access[*int]:
		return deref(a.Get(r))
	case Access[*int64]:
		return deref(a.Get(r))
	case Access[float64]:
		return a.Get(r), true
	case Access[*float64]:
		return deref(a.Get(r))
	}
	return 0, false
}

func deref[T int | int64 | float64](p *T) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return float64(*p), true
}

// Multi reports whether the field is a multi-select (one child row per code).
func (f *Field) Multi() bool {
	_, ok := f.Access.(Access[[]string])
	return ok
}

// Table is an ordered set of survey fields. It is a value so that a test can
// extend a copy; Fields gives the survey's own.
type Table struct {
	list  []Field
	byKey map[string]int
}

// NewTable checks the fields (see Validate) and indexes them by key.
func NewTable(fields ...Field) (*Table, error) {
	t := &Table{list: append([]Field(nil), fields...), byKey: make(map[string]int, len(fields))}
	for i := range t.list {
		t.byKey[t.list[i].Key] = i
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t, nil
}

// With returns a copy of the table with more fields after its own.
func (t *Table) With(more ...Field) (*Table, error) {
	return NewTable(append(t.All(), more...)...)
}

// All returns the fields in order; the slice is the caller's.
func (t *Table) All() []Field { return append([]Field(nil), t.list...) }

// Len is the number of fields.
func (t *Table) Len() int { return len(t.list) }

// At returns field i, 0 ≤ i < Len; the pointer is into the table, which
// nobody changes after NewTable.
func (t *Table) At(i int) *Field { return &t.list[i] }

// Lookup returns the field with the key, or nil.
func (t *Table) Lookup(key string) *Field {
	if i, ok := t.byKey[key]; ok {
		return &t.list[i]
	}
	return nil
}

// Validate checks that keys and columns are unique and set where needed,
// that every Access is of a known type with both funcs and matches the
// field's kind, that pointer types go with Nullable, and that From names a
// field.
func (t *Table) Validate() error {
	var errs []error
	keys, cols := map[string]bool{}, map[string]bool{}
	for i := range t.list {
		f := &t.list[i]
		name, ptr := f.ValueType()
		switch {
		case f.Key == "":
			errs = append(errs, fmt.Errorf("field %d has no key", i+1))
		case keys[f.Key]:
			errs = append(errs, fmt.Errorf("field %s: key listed twice", f.Key))
		case name == "":
			errs = append(errs, fmt.Errorf("field %s: access %T is none of %v", f.Key, f.Access, ValueTypes))
		case !f.Access.(accessor).complete():
			errs = append(errs, fmt.Errorf("field %s: access needs both Get and Set", f.Key))
		case kindValue[f.Kind] != strings.TrimPrefix(name, "*"):
			errs = append(errs, fmt.Errorf("field %s: a %s value is %s, not %s", f.Key, f.Kind, kindValue[f.Kind], name))
		case ptr != f.Nullable:
			errs = append(errs, fmt.Errorf("field %s: nullable is %t but its value type is %s", f.Key, f.Nullable, name))
		case f.Column != "" && cols[f.Column]:
			errs = append(errs, fmt.Errorf("field %s: column %s listed twice", f.Key, f.Column))
		case f.From != "" && t.Lookup(f.From) == nil:
			errs = append(errs, fmt.Errorf("field %s: computed from unknown field %s", f.Key, f.From))
		}
		keys[f.Key], cols[f.Column] = true, f.Column != ""
	}
	if len(errs) > 0 {
		return fmt.Errorf("model: field table: %w", errors.Join(errs...))
	}
	return nil
}

// Declared is a field as configs/survey.yaml declares it.
type Declared struct {
	Key, Type, Header string
}

// CheckSurvey compares the table with the fields survey.yaml declares: each
// declared field needs an entry of that kind and label, and each entry a
// sheet can hold (From empty) needs a declaration. A mismatch is an error
// at start, never a column silently dropped on import.
func (t *Table) CheckSurvey(declared []Declared) error {
	var errs []error
	keys := map[string]bool{}
	for _, d := range declared {
		keys[d.Key] = true
		switch f := t.Lookup(d.Key); {
		case f == nil:
			errs = append(errs, fmt.Errorf("survey field %s (%s) has no entry in the field table", d.Key, d.Type))
		case f.From != "":
			errs = append(errs, fmt.Errorf("survey field %s is computed from %s and cannot be a column", d.Key, f.From))
		case string(f.Kind) != d.Type:
			errs = append(errs, fmt.Errorf("survey field %s is %s in survey.yaml but %s in the field table", d.Key, d.Type, f.Kind))
		case f.Label != d.Header:
			errs = append(errs, fmt.Errorf("survey field %s is headed %s in survey.yaml but labelled %s in the field table",
				d.Key, d.Header, f.Label))
		}
	}
	for i := range t.list {
		if f := &t.list[i]; f.From == "" && !keys[f.Key] {
			errs = append(errs, fmt.Errorf("field %s is not in survey.yaml", f.Key))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("model: field table and survey.yaml differ: %w", errors.Join(errs...))
	}
	return nil
}

// Histograms are the fields marked Histogram, in table order.
func (t *Table) Histograms() []*Field {
	var out []*Field
	for i := range t.list {
		if t.list[i].Histogram {
			out = append(out, &t.list[i])
		}
	}
	return out
}

// Columns are the responses columns of the scalar fields, in table order.
func (t *Table) Columns() []string {
	var cols []string
	for i := range t.list {
		if f := &t.list[i]; f.Column != "" && !f.Multi() {
			cols = append(cols, f.Column)
		}
	}
	return cols
}
