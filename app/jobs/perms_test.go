package jobs_test

import (
	"context"
	"path"
	"slices"
	"sync"
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
		storetest.Each(t, func(t *testing.T, s *store.Store) {
			tmp := privatetest.TempDir(t)
			t.Setenv("TMPDIR", tmp) // where the runner makes each job's folder
			r := runner(t, s)
			sr := &scanningReader{inner: r.Ingester.Reader.(ingest.InProcess), root: tmp}
			r.Ingester.Reader = sr
			job := upload(t, s, "2026-H1", workbook(t, 40, 3))
			runOnce(t, r, "a")
			if got, _ := jobReport(t, s, job.ID); got.State != model.JobChecked {
				t.Fatalf("job %s, want checked", got.State)
			}
			want := map[string]string{"read": "upload", "annotated": "annotated.xlsx"}
			if len(sr.scans) != len(want) {
				t.Fatalf("looked %d times (%v), want while reading and after annotating", len(sr.scans), sr.errs)
			}
			for when, sc := range sr.scans {
				if !slices.ContainsFunc(sc.Files, func(f string) bool { return path.Base(f) == want[when] }) || len(sc.Loose) > 0 {
					t.Errorf("%s: folders %v, files %v, open to others %v; want %s among the files", when, sc.Dirs, sc.Files, sc.Loose, want[when])
				}
			}
		})
	})
}

// scanningReader reads and annotates in process, and walks root the first
// time a record reaches the sink and after each annotated copy is written.
type scanningReader struct {
	inner ingest.InProcess
	root  string
	mu    sync.Mutex
	scans map[string]privatetest.Scan
	errs  []error
}

func (r *scanningReader) Read(ctx context.Context, p string, spec importers.Spec, sink func(importers.Record) error) (*importers.Result, error) {
	return r.inner.Read(ctx, p, spec, func(rec importers.Record) error {
		r.scan("read")
		return sink(rec)
	})
}

func (r *scanningReader) Annotate(ctx context.Context, p string, spec importers.Spec, rep *model.ImportReport, out string) error {
	err := r.inner.Annotate(ctx, p, spec, rep, out)
	r.scan("annotated")
	return err
}

func (r *scanningReader) scan(when string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, done := r.scans[when]; done {
		return
	}
	sc, err := privatetest.Walk(r.root)
	if err != nil {
		r.errs = append(r.errs, err)
		return
	}
	if r.scans == nil {
		r.scans = map[string]privatetest.Scan{}
	}
	r.scans[when] = sc
}
