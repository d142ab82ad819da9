package main

import (
	"context"
	"testing"

	"axdash/app/ingest"
	"axdash/app/model"
	"axdash/app/tmproot/tmproottest"
	"axdash/importers"
)

// TestParseNoSpace: a parse whose temp folder's disk is full still reads
// the whole file, in process and in the parse worker: excelize keeps a
// worksheet over 16 MiB in memory when it cannot unpack it to a temp file,
// so the file is neither refused nor failed for the disk's sake.
func TestParseNoSpace(t *testing.T) {
	const rows = 25000 // an 18 MB worksheet
	file := demoFile(t, rows)
	tests := []struct {
		name   string
		worker bool
	}{
		{"in process", false},
		{"parse worker", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			disk := tmproottest.Tmpfs(t, 8<<20)
			tmproottest.Fill(t, disk, 64<<10)
			e := testEnv(t)
			e.tmp, e.cfg.Import.Worker = disk, tc.worker
			r := e.reader()
			if _, inProcess := r.(ingest.InProcess); inProcess == tc.worker {
				t.Fatalf("reader %T", r)
			}
			res, err := r.Read(context.Background(), file, importers.Spec{}, func(importers.Record) error { return nil })
			if err != nil || res.Report.Status == model.StatusRefused || res.Report.Rows != rows {
				t.Fatalf("read = %v; status %v, %d rows", err, res != nil && res.Report.Status == model.StatusRefused, rowsOf(res))
			}
		})
	}
}

func rowsOf(res *importers.Result) int {
	if res == nil {
		return 0
	}
	return res.Report.Rows
}
