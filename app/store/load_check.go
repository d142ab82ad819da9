package store

import (
	"errors"
	"fmt"
)

// ErrBrokenLinks is returned by Commit when a row of the load points at
// something that is not there; the load is rolled back.
var ErrBrokenLinks = errors.New("store: load would leave rows pointing at nothing")

// linkChecks find rows of the load, by the response ids it reserved
// (minID to maxID), that a foreign key would have refused: a response whose
// firm, or whose import in its wave, does not exist, and a multi-select
// whose response does not. Every row the load writes has its id or its
// response id in that range.
var linkChecks = []struct{ what, sql string }{
	{"responses", "SELECT COUNT(*) FROM responses r WHERE r.id BETWEEN ? AND ? AND (" +
		"NOT EXISTS (SELECT 1 FROM firms f WHERE f.id = r.firm_id) OR " +
		"NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = r.import_id AND i.wave_id = r.wave_id))"},
	{"response_use_areas", "SELECT COUNT(*) FROM response_use_areas c WHERE c.response_id BETWEEN ? AND ? AND " +
		"NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = c.response_id)"},
	{"response_barriers", "SELECT COUNT(*) FROM response_barriers c WHERE c.response_id BETWEEN ? AND ? AND " +
		"NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = c.response_id)"},
}

// checkLinks runs the link checks once for the whole load, before it
// commits. Neither database checks foreign keys row by row during a load
// (SQLite loads with them off, PostgreSQL's were dropped for the loader's
// tables, migration 0040): a set-based pass at the end costs a fraction of
// a per-row trigger and refuses the same loads.
func (l *Load) checkLinks() error {
	if l.added == 0 {
		return nil
	}
	for _, c := range linkChecks {
		n, _, err := l.tx.queryInt64(l.ctx, c.sql, l.minID, l.maxID)
		if err != nil {
			return fmt.Errorf("store: check links of %s: %w", c.what, err)
		}
		if n != 0 {
			return fmt.Errorf("%w: %d %s", ErrBrokenLinks, n, c.what)
		}
	}
	return nil
}
