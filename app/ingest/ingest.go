// Package ingest runs one import from file to database: the importer reads
// and validates each row as it streams, and the store loads the valid rows
// in one transaction that commits only if nothing blocks it. The CLI, the
// demo loader and (later) the upload handler share it, so they report alike.
package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/importers"
	"axdash/quality"
)

// Request is one import as the analyst asked for it.
type Request struct {
	Path        string
	FileName    string // the name the analyst gave the file, for the record; empty means Path's base
	Wave        string
	Sheet       string
	DryRun      bool
	Replace     bool
	SkipInvalid bool
	Annotate    string // when set, write an annotated copy of the workbook here
	// SHA256 is the file's hash when the caller knows it already (an
	// upload job's file is kept under it); empty means hash Path.
	SHA256 string
	// Job, when set, is the import job this run stores for: the commit
	// marks it stored in the same transaction (see store.JobCommit). Its
	// Report is filled here.
	Job *store.JobCommit
	// Period is the wave's survey period given with this import: the rules
	// check survey dates against it and the commit stores it with the
	// wave. Nil means the stored wave's period, if any.
	Period *model.Period
	// Agency (조사기관) and Note (the sample design note) describe the
	// wave; the commit stores each that is given, "" keeps the wave's.
	Agency, Note string
	// Synthetic marks the wave as generated demo data (serve --demo); a
	// file labelled synthetic by demo-workbook marks it too.
	Synthetic bool
}

// Reader reads one file and hands each valid record to sink in file order:
// the importer itself, or a parse worker process running it.
type Reader interface {
	Read(ctx context.Context, path string, spec importers.Spec, sink func(importers.Record) error) (*importers.Result, error)
}

// Annotator writes a copy of a file with a report's issues marked; the
// parse worker does it in a child process, InProcess here.
type Annotator interface {
	Annotate(ctx context.Context, path string, spec importers.Spec, rep *model.ImportReport, out string) error
}

// InProcess reads in this process; tests and small tools use it.
type InProcess struct {
	New func(spec importers.Spec) *importers.Importer
}

// Read implements Reader.
func (p InProcess) Read(ctx context.Context, path string, spec importers.Spec, sink func(importers.Record) error) (*importers.Result, error) {
	return p.New(spec).Read(ctx, path, sink)
}

// Annotate implements Annotator.
func (p InProcess) Annotate(ctx context.Context, path string, spec importers.Spec, rep *model.ImportReport, out string) error {
	return p.New(spec).AnnotateContext(ctx, path, rep, out)
}

// Loader is what an import needs of the survey data: whether the file or
// the wave is there already, the wave's period and the outlier baseline for
// the checks, and the load itself. store.Surveys is one.
type Loader interface {
	FileImported(ctx context.Context, sha string) (bool, error)
	WaveHasData(ctx context.Context, name string) (bool, error)
	WavePeriod(ctx context.Context, name string) (*model.Period, error)
	OutlierBaseline(ctx context.Context, exceptWave string, fields []string) ([]store.BaselineBin, error)
	BeginLoad(ctx context.Context, in store.LoadInput) (*store.Load, error)
}

// Ingester joins a reader to a store.
type Ingester struct {
	Store  Loader
	Reader Reader
	// Queue is how many parsed rows may wait for the database; the parser
	// and the loader run side by side, so an import takes about as long as
	// the slower of the two rather than their sum.
	Queue int
	// MaxFileBytes bounds the hash taken before loading; a larger file is
	// left to the importer, which refuses it with file.too_large.
	MaxFileBytes int64
	// Observer counts finished imports by outcome; nil counts nothing.
	Observer Observer
	// Outliers configures the outlier test (nil: none); MaxIssues is the
	// report's issue budget the outliers join (0: the importer's default).
	Outliers  *quality.OutlierConfig
	MaxIssues int
	// Fields is the field table the load writes (nil: model.Fields()); it
	// must be the table the reader's importer fills.
	Fields *model.Table
}

// Run reads the file and, unless it is a dry run or errors block it, stores
// it. File and row problems come back in the report, never as an error; the
// error is for the database or the context failing.
func (in *Ingester) Run(ctx context.Context, req Request) (*model.ImportReport, error) {
	start := time.Now()
	rep, err := in.run(ctx, req)
	in.observe(rep, err, time.Since(start))
	if err != nil || req.Annotate == "" {
		return rep, err
	}
	spec := importers.Spec{Sheet: req.Sheet, Period: req.Period}
	if err := in.Annotate(ctx, req.Path, spec, rep, req.Annotate); err != nil {
		return rep, fmt.Errorf("ingest: annotate %s: %w", req.Path, err)
	}
	return rep, nil
}

// Annotate writes a copy of path with rep's issues marked to out, through
// the reader when it is an Annotator (the parse worker does it in its child,
// under its memory ceiling), else in this process.
func (in *Ingester) Annotate(ctx context.Context, path string, spec importers.Spec, rep *model.ImportReport, out string) error {
	if a, ok := in.Reader.(Annotator); ok {
		return a.Annotate(ctx, path, spec, rep, out)
	}
	return importers.AnnotateContext(ctx, path, rep, out)
}

func (in *Ingester) run(ctx context.Context, req Request) (*model.ImportReport, error) {
	qc, err := in.prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.DryRun {
		return in.check(ctx, req, qc)
	}
	sha := req.SHA256
	if sha == "" {
		if sha, err = fileSHA256(req.Path, in.MaxFileBytes); err != nil {
			return in.check(ctx, req, qc) // unreadable or too large: let the importer say so
		}
	}
	var rep *model.ImportReport // the stream's report, for the job's at commit
	load, err := in.Store.BeginLoad(ctx, store.LoadInput{Wave: req.Wave, Replace: req.Replace,
		Import: model.Import{FileName: req.name(), SHA256: sha}, Job: jobCommit(req.Job, &rep), Fields: in.Fields,
		Synthetic: req.Synthetic || demo.Labelled(req.Path)})
	if errors.Is(err, store.ErrDuplicateFile) || errors.Is(err, store.ErrWaveExists) {
		// Reading the file anyway gives the analyst every other problem too;
		// check reports the conflict itself.
		rep, cerr := in.check(ctx, req, qc)
		if cerr != nil {
			return nil, cerr
		}
		rep.Status = model.StatusRefused
		return rep, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ingest: begin load: %w", err)
	}
	defer load.Rollback()
	rep, err = stream(ctx, in.Reader, req, qc, load, in.Queue)
	if err != nil {
		return nil, err
	}
	qc.finish(rep, in.MaxIssues)
	rep.Wave, rep.File = req.Wave, req.name()
	requireRows(rep, req.SkipInvalid)
	if rep.Status == model.StatusRefused || !rep.Storable(req.SkipInvalid) {
		rep.Status, rep.Stored, rep.Skipped = model.StatusRefused, 0, 0
		return rep, load.Rollback()
	}
	if err := qc.store(load, req); err != nil {
		return nil, err
	}
	return in.finish(load, rep, req.Path)
}

// jobCommit copies the job's commit hook with a report taken from *rep as
// the load commits: the same report the caller gets back.
func jobCommit(job *store.JobCommit, rep **model.ImportReport) *store.JobCommit {
	if job == nil {
		return nil
	}
	jc := *job
	jc.Report = func(imp model.Import) ([]byte, error) {
		r := **rep
		r.ID, r.Status, r.Stored, r.Skipped = imp.ID, model.StatusStored, imp.Stored, imp.Skipped
		return json.Marshal(&r)
	}
	return &jc
}

// finish commits the load with the report's counts and the original file.
func (in *Ingester) finish(load *store.Load, rep *model.ImportReport, path string) (*model.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: reopen %s: %w", path, err)
	}
	defer f.Close()
	rep.Skipped = rep.Rows - rep.Valid
	imp, err := load.Commit(model.Import{Format: rep.Format, Sheet: rep.Sheet, HeaderRow: rep.HeaderRow,
		Rows: rep.Rows, Valid: rep.Valid, Skipped: rep.Skipped}, f)
	if err != nil {
		return nil, fmt.Errorf("ingest: commit %s: %w", path, err)
	}
	rep.ID, rep.Status, rep.Stored = imp.ID, model.StatusStored, imp.Stored
	return rep, nil
}

// check reads the whole file without storing anything and predicts the
// outcome, conflicts included.
func (in *Ingester) check(ctx context.Context, req Request, qc *checks) (*model.ImportReport, error) {
	res, err := in.Reader.Read(ctx, req.Path, qc.spec, func(rec importers.Record) error {
		qc.observe(&rec)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ingest: read %s: %w", req.Path, err)
	}
	rep := res.Report
	qc.finish(&rep, in.MaxIssues)
	rep.Wave, rep.File = req.Wave, req.name()
	if rep.Status == model.StatusRefused {
		return &rep, nil
	}
	if err := in.checkConflicts(ctx, &rep, res.SHA256, req); err != nil {
		return nil, err
	}
	requireRows(&rep, req.SkipInvalid)
	rep.Status = model.StatusChecked
	return &rep, nil
}
