// Package importers reads survey files (.xlsx/.xlsm through excelize's
// streaming reader, CSV in UTF-8, CP949 or UTF-16), finds the header, maps
// columns to survey fields, normalises and validates each row as it
// streams, and reports every problem as a model.Issue. Other files (legacy
// .xls, encrypted workbooks, .ods, web pages saved as .xls) are refused
// with a message saying what they are and how to fix them. Annotate writes
// a copy of a file with its issues marked. The package knows app/model and
// configs, never the database or HTTP.
package importers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"axdash/app/model"
	"axdash/configs"
	"axdash/quality"
)

// Options are the per-import choices and limits. A limit left at zero (or
// negative) takes the default of configs/axdash.yaml, so that a forgotten
// option never means "unlimited".
type Options struct {
	Sheet          string // sheet to read; empty means the first visible sheet with a header; CSV has none
	MaxFileBytes   int64
	MaxUnzipped    int64
	MaxRows        int
	MaxColumns     int
	MaxIssues      int
	HeaderScanRows int
	TmpDir         string // excelize's scratch folder; empty means os.TempDir
	// Zip pre-check (zipcheck.go): entries in the archive, the unpacked
	// size of one entry (capped by MaxUnzipped), and the unpacked:packed
	// ratio allowed per entry of 1 MiB or more and for the whole archive.
	MaxZipEntries int
	MaxPartBytes  int64
	MaxZipRatio   int
	// Rules are the data-quality rules run on each row (nil: none), and
	// Period the wave's survey period for the rules that read it (nil:
	// unknown, those rules are skipped).
	Rules  *quality.Rules
	Period *model.Period
	// Fields is the survey field table (nil: model.Fields()). It must
	// match the survey's fields, which New checks.
	Fields *model.Table
}

// Spec is what a read needs to know besides the file: the sheet choice
// (empty: the first visible sheet with a header) and the wave's survey
// period for the rules that read it (nil: unknown).
type Spec struct {
	Sheet  string
	Period *model.Period
}

// Record is one valid data row, ready to store.
// Response has FirmName, Region, … UseAreas and Barriers filled and its IDs
// left zero; BusinessNo is 10 digits without dashes, or empty.
type Record = model.FirmResponse

// Result is what reading one file produced. Report.Status is "checked" when
// the file could be read (whatever its row errors) and "refused" when not.
// Records holds only the rows without errors, in file order; it is filled
// by ReadFile and stays nil for Read, which hands records to a sink.
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
	// err is why the survey and the field table disagree; Read returns it
	// rather than drop a column it cannot store.
	err error
}

// New returns an importer for the given schema, regions and limits. The
// importer is safe for concurrent use: Read keeps its state per call. When
// the survey and the field table disagree (CheckFields), every Read fails.
func New(survey *configs.Survey, regions *configs.Regions, opts Options) *Importer {
	table := opts.Fields
	if table == nil {
		table = model.Fields()
	}
	return &Importer{survey: survey, regions: regions, opts: opts, schema: newSchema(table, survey, regions),
		err: CheckFields(table, survey)}
}

// Fields is the field table the importer fills records through.
func (im *Importer) Fields() *model.Table { return im.schema.table }

// CheckFields reports how the survey's fields and the field table differ:
// a survey field without an entry, an entry without a survey field, or
// the two giving a field different types or labels. Commands call it at
// start.
func CheckFields(table *model.Table, survey *configs.Survey) error {
	if survey == nil {
		return nil // no survey maps no column, so none can be dropped
	}
	declared := make([]model.Declared, len(survey.Fields))
	for i, f := range survey.Fields {
		declared[i] = model.Declared{Key: f.Key, Type: f.Type, Header: f.Header}
	}
	return table.CheckSurvey(declared)
}

// defaultOptions are the limits of configs/axdash.yaml.
var defaultOptions = Options{
	MaxFileBytes:   50 << 20,
	MaxUnzipped:    200 << 20,
	MaxRows:        200000,
	MaxColumns:     200,
	MaxIssues:      1000,
	HeaderScanRows: 30,
	// A workbook has tens of parts; thousands mean a crafted file.
	MaxZipEntries: 1000,
	// Real sheets compress about 5-10:1 (the 100,000-row demo sheet 7.4:1).
	MaxZipRatio: 100,
}

// OptionsFromConfig turns the import section of the runtime config into
// Options; sheet and temp folder are per import and left empty. The zip
// pre-check limits have no config keys yet and take their defaults.
func OptionsFromConfig(c configs.ImportConfig) Options {
	return Options{
		MaxFileBytes:   c.MaxFileBytes,
		MaxUnzipped:    c.MaxUnzippedBytes,
		MaxRows:        c.MaxRows,
		MaxColumns:     c.MaxColumns,
		MaxIssues:      c.MaxIssues,
		HeaderScanRows: c.HeaderScanRows,
		MaxZipEntries:  c.MaxZipEntries,
		MaxPartBytes:   c.MaxPartBytes,
		MaxZipRatio:    c.MaxZipRatio,
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
	if o.MaxZipEntries <= 0 {
		o.MaxZipEntries = d.MaxZipEntries
	}
	if o.MaxPartBytes <= 0 || o.MaxPartBytes > o.MaxUnzipped {
		o.MaxPartBytes = o.MaxUnzipped
	}
	if o.MaxZipRatio <= 0 {
		o.MaxZipRatio = d.MaxZipRatio
	}
	return o
}

// ReadFile reads the file at path and collects its valid records. It is
// Read with a sink that appends; a refused file keeps no records, so that
// nothing of it is stored.
func (im *Importer) ReadFile(ctx context.Context, path string) (*Result, error) {
	var recs []Record
	res, err := im.Read(ctx, path, func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if res.Report.Status != model.StatusRefused {
		res.Records = recs
	}
	return res, nil
}

// Read reads the file at path and calls sink with each valid record, in
// file order, as it is read; memory does not grow with the number of rows.
// Problems with the file or its rows are issues in the report, never a
// returned error. The error is for a survey that does not match the field
// table (see New), the context being cancelled, the file
// being unreadable from disk (or the temp folder unusable), or the sink
// failing: a sink error stops the read and comes back wrapped, so that
// errors.Is finds it. A context deadline that passes while rows are read is
// the import's time limit: it becomes a file.limit issue, not an error.
//
// A CSV file is one table without a sheet: its Report.Sheet and the Sheet
// of its issues are empty, and cells are named as Excel shows the file
// (column letter and row, a row being a record or an empty line).
//
// The report is only complete at the end: records may have reached the sink
// before a later row hits a limit and the file is refused (Status
// "refused"), so a sink that stores must do so in a transaction that the
// caller commits only after Read returns a checked report.
func (im *Importer) Read(ctx context.Context, path string, sink func(Record) error) (*Result, error) {
	if im.err != nil {
		return nil, fmt.Errorf("importers: %w", im.err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("importers: read %s: %w", filepath.Base(path), err)
	}
	lim := im.limits()
	st := newState(cleanLabel(filepath.Base(path)), lim.MaxIssues)
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
	sn, ok := im.sniffFile(path, head, st)
	switch {
	case !ok:
	case sn.format == "xlsx":
		err = guard(st, func() error { return im.readXLSX(ctx, path, st, sink) })
	default:
		err = guard(st, func() error { return im.readCSV(ctx, path, sn.text, st, sink) })
	}
	if err != nil {
		return nil, err
	}
	return st.finish(), nil
}
