// Package ingest runs one import from file to database: the importer reads
// and validates each row as it streams, and the store loads the valid rows
// in one transaction that commits only if nothing blocks it. The CLI, the
// demo loader and (later) the upload handler share it, so they report alike.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/importers"
)

// Request is one import as the analyst asked for it.
type Request struct {
	Path        string
	Wave        string
	Sheet       string
	DryRun      bool
	Replace     bool
	SkipInvalid bool
	Annotate    string // when set, write an annotated copy of the workbook here
}

// Reader reads one file and hands each valid record to sink in file order:
// the importer itself, or a parse worker process running it.
type Reader interface {
	Read(ctx context.Context, path, sheet string, sink func(importers.Record) error) (*importers.Result, error)
}

// InProcess reads in this process; tests and small tools use it.
type InProcess struct {
	New func(sheet string) *importers.Importer
}

// Read implements Reader.
func (p InProcess) Read(ctx context.Context, path, sheet string, sink func(importers.Record) error) (*importers.Result, error) {
	return p.New(sheet).Read(ctx, path, sink)
}

// Ingester joins a reader to a store.
type Ingester struct {
	Store  *store.Store
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
	if err := importers.AnnotateContext(ctx, req.Path, rep, req.Annotate); err != nil {
		return rep, fmt.Errorf("ingest: annotate %s: %w", req.Path, err)
	}
	return rep, nil
}

func (in *Ingester) run(ctx context.Context, req Request) (*model.ImportReport, error) {
	if req.DryRun {
		return in.check(ctx, req)
	}
	sha, err := fileSHA256(req.Path, in.MaxFileBytes)
	if err != nil {
		return in.check(ctx, req) // unreadable or too large: let the importer say so
	}
	load, err := in.Store.BeginLoad(ctx, store.LoadInput{Wave: req.Wave, Replace: req.Replace,
		Import: model.Import{FileName: baseName(req.Path), SHA256: sha}})
	if errors.Is(err, store.ErrDuplicateFile) || errors.Is(err, store.ErrWaveExists) {
		// Reading the file anyway gives the analyst every other problem too;
		// check reports the conflict itself.
		rep, cerr := in.check(ctx, req)
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
	rep, err := stream(ctx, in.Reader, req, load, in.Queue)
	if err != nil {
		return nil, err
	}
	rep.Wave = req.Wave
	if rep.Status == model.StatusRefused || (rep.HasErrors() && !(req.SkipInvalid && onlyRowErrors(rep.Issues))) {
		rep.Status, rep.Stored, rep.Skipped = model.StatusRefused, 0, 0
		return rep, load.Rollback()
	}
	return in.finish(load, rep, req.Path)
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
func (in *Ingester) check(ctx context.Context, req Request) (*model.ImportReport, error) {
	res, err := in.Reader.Read(ctx, req.Path, req.Sheet, func(importers.Record) error { return nil })
	if err != nil {
		return nil, fmt.Errorf("ingest: read %s: %w", req.Path, err)
	}
	rep := res.Report
	rep.Wave = req.Wave
	if rep.Status == model.StatusRefused {
		return &rep, nil
	}
	if err := in.checkConflicts(ctx, &rep, res.SHA256, req); err != nil {
		return nil, err
	}
	rep.Status = model.StatusChecked
	return &rep, nil
}
