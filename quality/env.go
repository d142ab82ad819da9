package quality

import (
	"time"

	"axdash/app/model"
)

// A rule's check sees one row as a map from names to values: every field of
// the field table by key, plus the wave's period_start and period_end.
// Numbers are float64 so that rules mix counts, money and percentages
// without conversions; money is in 원. A nullable field that is blank, or
// a period the wave lacks, is missing: a rule naming it is skipped for the
// row. Text and multi-selects are never missing (blank is "" and []), so a
// rule can require them.

// envVar is one name a check may read: its type for the compiler (a zero
// value), the sheet column it needs ("" for none) and how to read it.
type envVar struct {
	zero any
	// column is the survey key whose sheet column the value comes from:
	// the field's own, the one it is computed from, or none (the period).
	column string
	get    func(*model.FirmResponse, *model.Period) (v any, ok bool)
}

// envVars are the names of the table's fields and the period.
func envVars(fields *model.Table) map[string]envVar {
	vars := map[string]envVar{
		"period_start": {zero: time.Time{}, get: func(_ *model.FirmResponse, p *model.Period) (any, bool) {
			if p == nil {
				return time.Time{}, false
			}
			return p.Start, true
		}},
		"period_end": {zero: time.Time{}, get: func(_ *model.FirmResponse, p *model.Period) (any, bool) {
			if p == nil {
				return time.Time{}, false
			}
			return p.End, true
		}},
	}
	for i := range fields.Len() {
		f := fields.At(i)
		zero, get := fieldValue(f)
		col := f.Key
		if f.From != "" {
			col = f.From
		}
		vars[f.Key] = envVar{zero: zero, column: col,
			get: func(r *model.FirmResponse, _ *model.Period) (any, bool) { return get(r) }}
	}
	return vars
}

// fieldValue gives a field's value as rules see it, by its Go type.
func fieldValue(f *model.Field) (zero any, get func(*model.FirmResponse) (any, bool)) {
	switch a := f.Access.(type) {
	case model.Access[string]:
		return "", func(r *model.FirmResponse) (any, bool) { return a.Get(r), true }
	case model.Access[int], model.Access[*int], model.Access[*int64], model.Access[float64], model.Access[*float64]:
		return 0.0, func(r *model.FirmResponse) (any, bool) {
			v, ok := f.Number(r)
			return v, ok
		}
	case model.Access[bool]:
		return false, func(r *model.FirmResponse) (any, bool) { return a.Get(r), true }
	case model.Access[*time.Time]:
		return time.Time{}, func(r *model.FirmResponse) (any, bool) {
			if p := a.Get(r); p != nil {
				return *p, true
			}
			return time.Time{}, false
		}
	case model.Access[[]string]:
		return []string{}, func(r *model.FirmResponse) (any, bool) {
			if c := a.Get(r); c != nil {
				return c, true
			}
			return []string{}, true
		}
	}
	// model.Table.Validate admits no other type; a rule naming such a
	// field is skipped, never run on a wrong value.
	return nil, func(*model.FirmResponse) (any, bool) { return nil, false }
}
