// Package importers reads survey workbooks (.xlsx now; .csv and messy
// layouts later), finds the header, maps columns to survey fields,
// normalises and validates each row as it streams, and reports every problem
// as a model.Issue. It knows app/model and configs, never the database or HTTP.
package importers

import (
	"context"

	"axdash/app/model"
	"axdash/configs"
)

// Options are the per-import choices and limits.
type Options struct {
	Sheet          string // sheet to read; empty means the first visible sheet with a header
	MaxFileBytes   int64
	MaxUnzipped    int64
	MaxRows        int
	MaxColumns     int
	MaxIssues      int
	HeaderScanRows int
	TmpDir         string // excelize's scratch folder; empty means os.TempDir
}

// Record is one valid data row, ready to store.
type Record struct {
	Response   model.Response // FirmName, Region, … UseAreas, Barriers filled; IDs left zero
	BusinessNo string         // 10 digits without dashes, or empty
}

// Result is what reading one file produced. Report.Status is "checked" when
// the file could be read (whatever its row errors) and "refused" when not.
// Records holds only the rows without errors, in file order.
type Result struct {
	Report  model.ImportReport
	Records []Record
	SHA256  string // hex SHA-256 of the file's bytes
}

// Importer reads files against one survey schema and region table.
type Importer struct {
	survey  *configs.Survey
	regions *configs.Regions
	opts    Options
}

// New returns an importer for the given schema, regions and limits.
func New(survey *configs.Survey, regions *configs.Regions, opts Options) *Importer {
	return &Importer{survey: survey, regions: regions, opts: opts}
}

// ReadFile reads the file at path. Problems with the file or its rows are
// issues in the report, never a returned error; the error is for the
// context being cancelled or the file being unreadable from disk.
func (im *Importer) ReadFile(ctx context.Context, path string) (*Result, error) {
	panic("importers: ReadFile not implemented yet")
}
