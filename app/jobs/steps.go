package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"axdash/app/ingest"
	"axdash/app/model"
	"axdash/app/private"
	"axdash/app/store"
	"axdash/importers"
)

// fetch copies the job's uploaded bytes (kept under the SHA-256 the claim
// returned) from the database into dir under a server-made name; the
// importer sniffs the content, never the name.
func (r *Runner) fetch(ctx context.Context, job *model.Job, dir string) (string, error) {
	path := filepath.Join(dir, "upload")
	f, err := private.Create(path)
	if err != nil {
		return "", fmt.Errorf("jobs: create %s: %w", path, err)
	}
	defer f.Close()
	if err := r.Store.CopyImportFile(ctx, job.SHA256, f); err != nil {
		return "", fmt.Errorf("jobs: fetch job %d file: %w", job.ID, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("jobs: write %s: %w", path, err)
	}
	return path, nil
}

// check is the preview: a dry run, an annotated copy when the file is not
// too large to annotate, and the job checked (or refused when the file
// could not be read at all).
func (r *Runner) check(ctx context.Context, ing *ingest.Ingester, owner string, job *model.Job, path, dir string) error {
	rep, err := ing.Run(ctx, ingest.Request{Path: path, FileName: job.FileName, Wave: job.Wave, Sheet: job.Sheet,
		Period: job.Period(), DryRun: true})
	if err != nil {
		return err
	}
	state := model.JobChecked
	if rep.Status == model.StatusRefused {
		state = model.JobRefused
	}
	report, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("jobs: report of job %d: %w", job.ID, err)
	}
	var annotated *os.File
	if state == model.JobChecked && rep.Rows <= r.Config.AnnotateMaxRows {
		out := filepath.Join(dir, "annotated.xlsx")
		if err := r.Ingester.Annotate(ctx, path, importers.Spec{Sheet: job.Sheet, Period: job.Period()}, rep, out); err != nil {
			r.Log.Warn("import job annotate", slog.Int64("job", job.ID), slog.Any("err", err))
		} else if annotated, err = os.Open(out); err != nil {
			return fmt.Errorf("jobs: open annotated copy: %w", err)
		}
	}
	res := store.CheckResult{State: state, Rows: rep.Rows, Report: report}
	if annotated != nil {
		defer annotated.Close()
		res.Annotated = annotated
	}
	return r.Store.SaveCheck(ctx, job.ID, owner, res)
}

// commit stores the file with the analyst's options; the load marks the job
// stored in its own transaction, so only a refusal is written here.
func (r *Runner) commit(ctx context.Context, ing *ingest.Ingester, owner string, job *model.Job, path string) error {
	jc := &store.JobCommit{ID: job.ID, Owner: owner}
	if r.BeforeCommit != nil {
		jc.BeforeCommit = func() error { return r.BeforeCommit(job) }
	}
	rep, err := ing.Run(ctx, ingest.Request{Path: path, FileName: job.FileName, Wave: job.Wave, Sheet: job.Sheet,
		Period: job.Period(), Agency: job.Agency, Note: job.Note, SHA256: job.SHA256, Replace: job.Replace,
		SkipInvalid: job.SkipInvalid, Job: jc})
	if err != nil {
		return err
	}
	if rep.Status == model.StatusStored {
		r.Log.Info("import job stored", slog.Int64("job", job.ID), slog.Int64("import", rep.ID), slog.Int("rows", rep.Stored))
		return nil
	}
	report, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("jobs: report of job %d: %w", job.ID, err)
	}
	return r.Store.FinishJob(ctx, job.ID, owner, model.JobRefused, report, "")
}
