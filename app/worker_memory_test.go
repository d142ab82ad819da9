package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"axdash/app/parseworker"
	"axdash/importers/corpus"
)

// TestParseWorkerMemoryCeilingWhileParsing: a workbook that passes every zip
// pre-check (a 28 MB shared-strings part of two million empty items,
// compressing about 4:1) but needs several times that in the reader's
// memory kills a worker whose ceiling (import.worker_memory_bytes, lowered
// here to 256 MiB) it crosses while parsing. The verdict is file.limit with
// the message naming the memory limit (a pre-check refusal would name its
// own limit), the parent carries on, and no temp file is left behind.
func TestParseWorkerMemoryCeilingWhileParsing(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a large shared-strings table in a worker")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "axdash.yaml")
	if err := os.WriteFile(cfg, []byte("import:\n  worker_memory_bytes: 268435456\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AXDASH_CONFIG", cfg)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the worker's scratch folder goes
	w, ok := testEnv(t).reader().(*parseworker.Worker)
	if !ok || w.MemLimit != 256<<20 {
		t.Fatalf("reader = %T with ceiling %d, want the parse worker at 256 MiB", testEnv(t).reader(), w.MemLimit)
	}
	b, err := corpus.SharedStringFlood(2_000_000)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "flood.xlsx")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, worker, parent := readSampled(t, w, path)
	t.Logf("%d-byte file: %s %s in %v, worker peak RSS %s, parent RSS %s", len(b), res.Report.Status,
		issueCodes(res), time.Since(start).Round(time.Millisecond), mib(worker), mib(parent))
	rep := res.Report
	if rep.Status != "refused" || len(rep.Issues) != 1 || rep.Issues[0].Code != "file.limit" {
		t.Fatalf("report = %s %+v, want refused with one file.limit", rep.Status, rep.Issues)
	}
	if msg := rep.Issues[0].Message; !strings.Contains(msg, "메모리 제한") {
		t.Errorf("message %q does not name the memory limit", msg)
	}
	if ents, err := os.ReadDir(tmp); err != nil || len(ents) != 0 {
		t.Errorf("temp folder holds %d entries (%v)", len(ents), err)
	}
	// The parent is still whole: the same worker reads a good file next.
	if res, recs := collect(t, w, demoFile(t, 20)); res.Report.Status != "checked" || len(recs) != 20 {
		t.Errorf("after the death: %s with %d records, want checked with 20", res.Report.Status, len(recs))
	}
}
