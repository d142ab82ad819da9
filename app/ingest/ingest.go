// Package ingest runs one import from file to database: the importer reads
// and validates, then the store commits all-or-nothing. The CLI, the demo
// loader and (later) the upload handler share it, so they report alike.
package ingest

import (
	"context"
	"errors"
	"fmt"

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
}

// Ingester joins an importer's options to a store.
type Ingester struct {
	Store    *store.Store
	Importer func(sheet string) *importers.Importer
	Batch    int
}

// Run reads the file and, unless it is a dry run or errors block it, stores
// it. File and row problems come back in the report, never as an error; the
// error is for the database or the context failing.
func (in *Ingester) Run(ctx context.Context, req Request) (*model.ImportReport, error) {
	res, err := in.Importer(req.Sheet).ReadFile(ctx, req.Path)
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
	blocked := rep.HasErrors() && !(req.SkipInvalid && onlyRowErrors(rep.Issues))
	switch {
	case req.DryRun:
		rep.Status = model.StatusChecked
		return &rep, nil
	case blocked:
		rep.Status = model.StatusRefused
		return &rep, nil
	}
	return in.commit(ctx, rep, res, req)
}

func (in *Ingester) commit(ctx context.Context, rep model.ImportReport, res *importers.Result, req Request) (*model.ImportReport, error) {
	rep.Skipped = rep.Rows - rep.Valid
	imp, err := in.Store.CommitImport(ctx, store.CommitInput{
		Wave: req.Wave, Replace: req.Replace, Batch: in.Batch, Rows: res.Records,
		Import: model.Import{FileName: rep.File, Format: rep.Format, SHA256: res.SHA256, Sheet: rep.Sheet,
			HeaderRow: rep.HeaderRow, Rows: rep.Rows, Valid: rep.Valid, Skipped: rep.Skipped},
	})
	if errors.Is(err, store.ErrDuplicateFile) || errors.Is(err, store.ErrWaveExists) {
		// Another process won a race since checkConflicts; report it the same way.
		rep.Issues = append(rep.Issues, conflictIssue(err, req.Wave))
		rep.Status, rep.Skipped = model.StatusRefused, 0
		return &rep, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ingest: commit %s: %w", req.Path, err)
	}
	rep.ID, rep.Status, rep.Stored = imp.ID, model.StatusStored, imp.Stored
	return &rep, nil
}

// checkConflicts adds file.duplicate and wave.exists issues before any work
// is committed, so that a dry run predicts the outcome too.
func (in *Ingester) checkConflicts(ctx context.Context, rep *model.ImportReport, sha string, req Request) error {
	dup, err := in.Store.FileImported(ctx, sha)
	if err != nil {
		return err
	}
	if dup {
		rep.Issues = append(rep.Issues, conflictIssue(store.ErrDuplicateFile, req.Wave))
	}
	if req.Replace {
		return nil
	}
	has, err := in.Store.WaveHasData(ctx, req.Wave)
	if err != nil {
		return err
	}
	if has {
		rep.Issues = append(rep.Issues, conflictIssue(store.ErrWaveExists, req.Wave))
	}
	return nil
}

func conflictIssue(err error, wave string) model.Issue {
	if errors.Is(err, store.ErrDuplicateFile) {
		return model.Issue{Severity: model.SeverityError, Code: "file.duplicate",
			Message: "같은 파일(SHA-256 동일)을 이미 가져왔습니다. 다시 저장하지 않습니다."}
	}
	return model.Issue{Severity: model.SeverityError, Code: "wave.exists",
		Message: fmt.Sprintf("조사 차수 %q에 이미 자료가 있습니다. 교체하려면 --replace를 지정하세요.", wave)}
}

// onlyRowErrors is true when every error belongs to a row (has a cell), so
// that skipping invalid rows can let the rest through.
func onlyRowErrors(issues []model.Issue) bool {
	for _, is := range issues {
		if is.Severity == model.SeverityError && is.Cell == "" && is.Row == 0 {
			return false
		}
	}
	return true
}
