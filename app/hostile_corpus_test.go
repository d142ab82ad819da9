package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"axdash/app/parseworker"
	"axdash/importers"
	"axdash/importers/corpus"
)

// TestHostileCorpusThroughWorker reads the heavy cases of the hostile
// corpus through the parse worker, as uploads are read, asserts the same
// outcomes as the in-process test and logs a table of verdict, wall time,
// the worker's peak RSS and this (the parent) process's highest RSS during
// the case (both sampled from /proc every 2 ms while the case runs, so a
// worker that lives only milliseconds may show less than its true peak).
func TestHostileCorpusThroughWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a parse worker per case")
	}
	w, ok := testEnv(t).reader().(*parseworker.Worker)
	if !ok {
		t.Fatalf("the default reader is %T, want the parse worker", testEnv(t).reader())
	}
	var table []string
	for _, c := range corpus.Cases() {
		if !c.Heavy {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			b, err := c.Build()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), c.File)
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			res, peak, parent := readSampled(t, w, path)
			wall := time.Since(start)
			got := res.Report.Status + " " + issueCodes(res)
			table = append(table, row5(c.Name, got, wall.Round(time.Millisecond).String(), mib(peak), mib(parent)))
			if res.Report.Status != c.Status || (c.Code != "" && !hasCode(res, c.Code)) {
				t.Errorf("got %s; want %s with %q", got, c.Status, c.Code)
			}
		})
	}
	t.Logf("hostile corpus through the parse worker:\n%s\n%s",
		row5("case", "verdict", "wall", "worker peak RSS", "parent RSS"), strings.Join(table, "\n"))
}

// readSampled runs the worker over path while sampling the peak RSS of this
// process's children, that is, of the worker, and this process's own RSS.
func readSampled(t *testing.T, w *parseworker.Worker, path string) (res *importers.Result, worker, parent int64) {
	t.Helper()
	done := make(chan struct{})
	peakc := make(chan [2]int64, 1)
	go func() {
		var peak [2]int64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				peakc <- peak
				return
			case <-tick.C:
				peak[0] = max(peak[0], childrenHWM())
				peak[1] = max(peak[1], procStatus(os.Getpid(), "VmRSS:"))
			}
		}
	}()
	res, err := w.Read(context.Background(), path, importers.Spec{}, func(importers.Record) error { return nil })
	close(done)
	if err != nil {
		t.Fatalf("worker read: %v", err)
	}
	p := <-peakc
	return res, p[0], p[1]
}

// childrenHWM is the largest VmHWM among this process's children and
// theirs.
func childrenHWM() int64 {
	var best int64
	for _, pid := range childPIDs(os.Getpid()) {
		best = max(best, treeHWM(pid))
	}
	return best
}
