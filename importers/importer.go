// Package importers reads survey workbooks (.xlsx now; .csv and messy
// layouts later), finds the header, maps columns to survey fields,
// normalises and validates each row as it streams, and reports every problem
// as a model.Issue. It knows app/model and configs, never the database or HTTP.
package importers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"axdash/app/model"
	"axdash/configs"
)

// Options are the per-import choices and limits. A limit left at zero (or
// negative) takes the default of configs/axdash.yaml, so that a forgotten
// option never means "unlimited".
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
// Response has FirmName, Region, … UseAreas and Barriers filled and its IDs
// left zero; BusinessNo is 10 digits without dashes, or empty.
type Record = model.FirmResponse

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
	schema  *schema // survey and regions as lookup tables
}

// New returns an importer for the given schema, regions and limits. The
// importer is safe for concurrent use: ReadFile keeps its state per call.
func New(survey *configs.Survey, regions *configs.Regions, opts Options) *Importer {
	return &Importer{survey: survey, regions: regions, opts: opts, schema: newSchema(survey, regions)}
}

// defaultOptions are the limits of configs/axdash.yaml.
var defaultOptions = Options{
	MaxFileBytes:   50 << 20,
	MaxUnzipped:    200 << 20,
	MaxRows:        200000,
	MaxColumns:     200,
	MaxIssues:      1000,
	HeaderScanRows: 30,
}

// OptionsFromConfig turns the import section of the runtime config into
// Options; sheet and temp folder are per import and left empty.
func OptionsFromConfig(c configs.ImportConfig) Options {
	return Options{
		MaxFileBytes:   c.MaxFileBytes,
		MaxUnzipped:    c.MaxUnzippedBytes,
		MaxRows:        c.MaxRows,
		MaxColumns:     c.MaxColumns,
		MaxIssues:      c.MaxIssues,
		HeaderScanRows: c.HeaderScanRows,
	}
}

// limits returns the options with defaults filled in for unset limits.
func (im *Importer) limits() Options {
	o, d := im.opts, defaultOptions
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = d.MaxFileBytes
	}
	if o.MaxUnzipped <= 0 {
		o.MaxUnzipped = d.MaxUnzipped
	}
	if o.MaxRows <= 0 {
		o.MaxRows = d.MaxRows
	}
	if o.MaxColumns <= 0 {
		o.MaxColumns = d.MaxColumns
	}
	if o.MaxIssues <= 0 {
		o.MaxIssues = d.MaxIssues
	}
	if o.HeaderScanRows <= 0 {
		o.HeaderScanRows = d.HeaderScanRows
	}
	return o
}

// ReadFile reads the file at path. Problems with the file or its rows are
// issues in the report, never a returned error; the error is for the
// context being cancelled or the file being unreadable from disk (or the
// temp folder unusable). A context deadline that passes while rows are read
// is the import's time limit: it becomes a file.limit issue, not an error.
func (im *Importer) ReadFile(ctx context.Context, path string) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("importers: read %s: %w", filepath.Base(path), err)
	}
	lim := im.limits()
	st := newState(filepath.Base(path), lim.MaxIssues)
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("importers: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("importers: %s is not a regular file", path)
	}
	switch {
	case info.Size() > lim.MaxFileBytes:
		st.refuse(CodeFileTooLarge, "파일이 너무 큽니다: %s (최대 %s).", humanBytes(info.Size()), humanBytes(lim.MaxFileBytes))
		return st.finish(), nil
	case info.Size() == 0:
		st.refuse(CodeFileEmpty, "빈 파일입니다. 내용이 있는 엑셀 파일을 올려 주세요.")
		return st.finish(), nil
	}
	head, sum, err := hashFile(path)
	if err != nil {
		return nil, err
	}
	st.res.SHA256 = sum
	switch sniff(head) {
	case formatXLSX:
		st.res.Report.Format = "xlsx"
		if err := im.readXLSX(ctx, path, st); err != nil {
			return nil, err
		}
	case formatOLE:
		refuseOLE(path, st)
	default:
		st.refuse(CodeFileNotSpreadsheet, "엑셀 통합 문서(.xlsx)가 아닙니다. CSV나 다른 형식의 파일은 "+
			"엑셀에서 열어 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 다시 올려 주세요.")
	}
	return st.finish(), nil
}
