package jobs_test

import (
	"context"
	"path"
	"slices"
	"testing"

	"axdash/app/ingest"
	"axdash/app/model"
	"axdash/app/private/privatetest"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/importers"
)

// A job's folder holds the uploaded file and its annotated copy: the
// folder is 0700 and they are 0600 whatever the umask, looked at while the
// file is read and once the copy is written.
func TestRunnerScratchPrivate(t *testing.T) {
	privatetest.EachUmask(t, func(t *testing.T) {
		storetest.Each(t, func(t *testing.T, s *store.DB) {
			tmp := privatetest.TempDir(t)
			t.Setenv("TMPDIR", tmp) // where the runner makes each job's folder
			r := runner(t, s)
			sr := &scanningReader{inner: r.Ingester.Reader.(ingest.InProcess), read: privatetest.Watch(tmp),
				annotated: privatetest.Watch(tmp)}
			r.Ingester.Reader = sr
			job := upload(t, s, "2026-H1", workbook(t, 40, 3))
			runOnce(t, r, "a")
			if got, _ := jobReport(t, s, job.ID); got.State != model.JobChecked {
				t.Fatalf("job %s, want checked", got.State)
			}
			for _, look := range []struct {
				when string
				w    *privatetest.Watcher
				want string
			}{{"while reading", sr.read, "upload"}, {"after annotating", sr.annotated, "annotated.xlsx"}} {
				sc := look.w.Result(t)
				if !slices.ContainsFunc(sc.Files, func(f string) bool { return path.Base(f) == look.want }) || len(sc.Loose) > 0 {
					t.Errorf("%s: folders %v, files %v, open to others %v; want %s among the files", look.when, sc.Dirs, sc.Files, sc.Loose, look.want)
				}
			}
		})
	})
}

// scanningReader reads and annotates in process, and walks the runner's
// scratch folder the first time a record reaches the sink and after the
// annotated copy is written.
type scanningReader struct {
	inner           ingest.InProcess
	read, annotated *privatetest.Watcher
}

func (r *scanningReader) Read(ctx context.Context, p string, spec importers.Spec, sink func(importers.Record) error) (*importers.Result, error) {
	return r.inner.Read(ctx, p, spec, func(rec importers.Record) error {
		r.read.Look()
		return sink(rec)
	})
}

func (r *scanningReader) Annotate(ctx context.Context, p string, spec importers.Spec, rep *model.ImportReport, out string) error {
	err := r.inner.Annotate(ctx, p, spec, rep, out)
	r.annotated.Look()
	return err
}
