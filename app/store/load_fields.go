package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"axdash/app/model"
)

// responseKeys are the responses columns that are no survey field: the
// row's ids, where it came from and its record key (the disclosure
// control's, drawn when the row is stored). The field table gives the rest.
var responseKeys = []string{"id", "wave_id", "import_id", "firm_id", "source_row", "record_key"}

// fieldTables are the tables a load writes for one field table: responses
// with a column per scalar field, and one (response_id, code) table per
// multi-select.
type fieldTables struct {
	fields    *model.Table
	responses *table
	scalars   []*model.Field // the fields of responses' columns after responseKeys
	multis    []multiTable
	hist      []*model.Field // the fields kept as histograms (quality_histograms)
}

// multiTable is a multi-select's child table and the codes of the rows
// buffered for it.
type multiTable struct {
	t      *table
	access model.Access[[]string]
	rows   []child
}

func newFieldTables(fields *model.Table) *fieldTables {
	ft := &fieldTables{fields: fields, responses: &table{"responses", append([]string(nil), responseKeys...)},
		hist: fields.Histograms()}
	for i := range fields.Len() {
		f := fields.At(i)
		switch a, multi := f.Access.(model.Access[[]string]); {
		case f.Column == "":
		case multi:
			ft.multis = append(ft.multis, multiTable{t: &table{f.Column, []string{"response_id", "code"}}, access: a})
		default:
			ft.responses.cols = append(ft.responses.cols, f.Column)
			ft.scalars = append(ft.scalars, f)
		}
	}
	return ft
}

// CheckFields checks that every column of the field table exists: a
// responses column per scalar field and a child table per multi-select.
// Migrate runs it for model.Fields(), so that a field added without its
// migration stops the server at start rather than the first import.
func (s *Ops) CheckFields(ctx context.Context, fields *model.Table) error {
	ft := newFieldTables(fields)
	tables := []*table{ft.responses}
	for _, m := range ft.multis {
		tables = append(tables, m.t)
	}
	for _, t := range tables {
		q := "SELECT " + strings.Join(t.cols, ", ") + " FROM " + t.name + " WHERE 1 = 0"
		if err := s.db.WithContext(ctx).Exec(q).Error; err != nil {
			return fmt.Errorf("store: the field table's columns of %s are not all in the database: %w", t.name, err)
		}
	}
	return nil
}

// appendValue appends f's value on rec as the drivers take it: optional
// values that are absent become untyped nil so both write NULL, and integers
// are int64, which database/sql passes on without reflection.
func appendValue(dst []any, f *model.Field, rec *model.FirmResponse) []any {
	switch a := f.Access.(type) {
	case model.Access[string]:
		return append(dst, a.Get(rec))
	case model.Access[int]:
		return append(dst, int64(a.Get(rec)))
	case model.Access[*int]:
		return append(dst, intOrNil(a.Get(rec)))
	case model.Access[*int64]:
		return append(dst, orNil(a.Get(rec)))
	case model.Access[float64]:
		return append(dst, a.Get(rec))
	case model.Access[*float64]:
		return append(dst, orNil(a.Get(rec)))
	case model.Access[bool]:
		return append(dst, a.Get(rec))
	case model.Access[*time.Time]:
		return append(dst, orNil(a.Get(rec)))
	}
	// model.Table.Validate admits no other scalar type; NULL makes a
	// slipped one fail the insert rather than shift the columns.
	return append(dst, nil)
}

// intOrNil widens to int64, a type database/sql passes on without reflection.
func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func orNil[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// responseDeletes remove a wave's responses (the ? is its id), their
// multi-select rows first, and the quality findings made from them: what a
// replace clears and a wave's delete starts with.
func (ft *fieldTables) responseDeletes() []string {
	var out []string
	for _, m := range ft.multis {
		out = append(out, "DELETE FROM "+m.t.name+" WHERE response_id IN (SELECT id FROM responses WHERE wave_id = ?)")
	}
	return append(out, "DELETE FROM responses WHERE wave_id = ?",
		"DELETE FROM quality_findings WHERE wave_id = ?",
		"DELETE FROM quality_histograms WHERE wave_id = ?")
}
