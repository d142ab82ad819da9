package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"axdash/app/model"
)

// WaveResponses calls fn with each stored response of the wave in id order,
// every field read back through the field table (nil: model.Fields()): the
// rows as they were loaded, for a raw-data export. The business number is
// the row's firm's. fn may keep nothing of the record but copies; an error
// from it stops the read and comes back wrapped. A wave that does not exist
// has no rows.
func (s *Surveys) WaveResponses(ctx context.Context, wave string, fields *model.Table, fn func(*model.FirmResponse) error) error {
	if fields == nil {
		fields = model.Fields()
	}
	ft := newFieldTables(fields)
	var waveID int64 // 0 when there is no such wave: no codes, and no rows below
	if err := s.db.WithContext(ctx).Raw("SELECT id FROM waves WHERE name = ?", wave).Scan(&waveID).Error; err != nil {
		return fmt.Errorf("store: read wave %q: %w", wave, err)
	}
	codes := make([]map[int64][]string, len(ft.multis))
	for k, m := range ft.multis {
		var err error
		if codes[k], err = storedCodes(ctx, s.db, m.t.name, waveID); err != nil {
			return err
		}
	}
	cols := make([]string, len(ft.responses.cols))
	for i, c := range ft.responses.cols {
		cols[i] = "r." + c
	}
	rows, err := s.db.WithContext(ctx).Raw("SELECT "+strings.Join(cols, ", ")+", fm.business_no FROM responses r "+
		"JOIN waves w ON w.id = r.wave_id JOIN firms fm ON fm.id = r.firm_id WHERE w.name = ? ORDER BY r.id", wave).Rows()
	if err != nil {
		return fmt.Errorf("store: read responses of %q: %w", wave, err)
	}
	defer rows.Close()
	var rec model.FirmResponse
	r := &rec.Response
	var no sql.NullString
	dest := []any{&r.ID, &r.WaveID, &r.ImportID, &r.FirmID, &r.SourceRow, &r.RecordKey}
	sets := make([]func(*model.FirmResponse), len(ft.scalars))
	for i, f := range ft.scalars {
		var target any
		target, sets[i] = scanField(f)
		dest = append(dest, target)
	}
	dest = append(dest, &no)
	for rows.Next() {
		rec = model.FirmResponse{}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: read responses of %q: %w", wave, err)
		}
		for _, set := range sets {
			set(&rec)
		}
		rec.BusinessNo = no.String
		for k, m := range ft.multis {
			m.access.Set(&rec, codes[k][r.ID])
		}
		if err := fn(&rec); err != nil {
			return fmt.Errorf("store: read responses of %q: %w", wave, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: read responses of %q: %w", wave, err)
	}
	return nil
}

// scanField gives a scan target for f's column and the func that sets the
// scanned value on a record; NULL reads back as a nil pointer.
func scanField(f *model.Field) (any, func(*model.FirmResponse)) {
	switch a := f.Access.(type) {
	case model.Access[string]:
		return scanPlain(a, same[string])
	case model.Access[int]:
		return scanPlain(a, func(x int64) int { return int(x) })
	case model.Access[*int]:
		return scanOpt(a, func(x int64) int { return int(x) })
	case model.Access[*int64]:
		return scanOpt(a, same[int64])
	case model.Access[float64]:
		return scanPlain(a, same[float64])
	case model.Access[*float64]:
		return scanOpt(a, same[float64])
	case model.Access[bool]:
		return scanPlain(a, same[bool])
	case model.Access[*time.Time]:
		return scanOpt(a, same[time.Time])
	}
	// model.Table.Validate admits no other scalar type.
	var skip any
	return &skip, func(*model.FirmResponse) {}
}

// scanPlain reads a column the loader never leaves NULL.
func scanPlain[S, T any](a model.Access[T], conv func(S) T) (any, func(*model.FirmResponse)) {
	var v sql.Null[S]
	return &v, func(r *model.FirmResponse) { a.Set(r, conv(v.V)) }
}

// scanOpt reads a nullable column.
func scanOpt[S, T any](a model.Access[*T], conv func(S) T) (any, func(*model.FirmResponse)) {
	var v sql.Null[S]
	return &v, func(r *model.FirmResponse) {
		if !v.Valid {
			a.Set(r, nil)
			return
		}
		x := conv(v.V)
		a.Set(r, &x)
	}
}

func same[T any](v T) T { return v }
