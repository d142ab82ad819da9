package main

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
	"axdash/app/ingest"
	"axdash/app/parseworker"
	"axdash/importers"
)

// collect reads path with r and returns the result and the records.
func collect(t *testing.T, r ingest.Reader, path string) (*importers.Result, []importers.Record) {
	t.Helper()
	var recs []importers.Record
	res, err := r.Read(context.Background(), path, importers.Spec{}, func(rec importers.Record) error {
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return res, recs
}

func demoFile(t *testing.T, rows int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if _, err := demo.WriteFile(path, demo.Options{Rows: rows, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestParseWorkerMatchesInProcess(t *testing.T) {
	e := testEnv(t)
	w, ok := e.reader().(*parseworker.Worker)
	if !ok {
		t.Fatalf("the default reader is %T, want the parse worker", e.reader())
	}
	path := demoFile(t, 300)
	wres, wrecs := collect(t, w, path)
	ires, irecs := collect(t, ingest.InProcess{New: e.importer}, path)
	if len(wrecs) != 300 || !reflect.DeepEqual(wrecs, irecs) {
		t.Fatalf("worker gave %d records, in-process %d; equal: %v", len(wrecs), len(irecs), reflect.DeepEqual(wrecs, irecs))
	}
	if !reflect.DeepEqual(wres.Report, ires.Report) || wres.SHA256 != ires.SHA256 {
		t.Errorf("reports differ:\nworker     %+v\nin-process %+v", wres.Report, ires.Report)
	}
}

func TestParseWorkerLimits(t *testing.T) {
	e := testEnv(t)
	base := *e.reader().(*parseworker.Worker)
	path := demoFile(t, 20000)
	tests := []struct {
		name    string
		mem     int64
		timeout time.Duration
		says    string
	}{
		// Under ~130 MiB of RLIMIT_DATA the Go runtime cannot even map its
		// first heap arenas: the child dies as a bomb would make it die.
		{"memory ceiling", 64 << 20, time.Minute, "메모리"},
		{"time limit", 1 << 30, 50 * time.Millisecond, "시간"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := base
			w.MemLimit, w.Timeout = tt.mem, tt.timeout
			res, recs := collect(t, &w, path)
			rep := res.Report
			if rep.Status != "refused" || len(rep.Issues) != 1 || rep.Issues[0].Code != "file.limit" {
				t.Fatalf("report = %s %+v (after %d records), want refused with file.limit", rep.Status, rep.Issues, len(recs))
			}
			if msg := rep.Issues[0].Message; !strings.Contains(msg, tt.says) {
				t.Errorf("message %q does not say %q", msg, tt.says)
			}
		})
	}
}

func TestParseWorkerSinkError(t *testing.T) {
	e := testEnv(t)
	boom := errors.New("database gone")
	_, err := e.reader().Read(context.Background(), demoFile(t, 50), importers.Spec{}, func(importers.Record) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the sink's error", err)
	}
}

// The worker's annotated copy matches the in-process one, and a child that
// runs out of memory is an error, not a dead server.
func TestParseWorkerAnnotates(t *testing.T) {
	e := testEnv(t)
	w := e.reader().(*parseworker.Worker)
	path := damagedBookFile(t, 50)
	res, _ := collect(t, w, path)
	if res.Report.IssuesTotal != 3 {
		t.Fatalf("report: %+v", res.Report)
	}
	dir := t.TempDir()
	for name, a := range map[string]ingest.Annotator{"worker": w, "in-process": ingest.InProcess{New: e.importer}} {
		out := filepath.Join(dir, name+".xlsx")
		if err := a.Annotate(context.Background(), path, importers.Spec{}, &res.Report, out); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The annotation column follows the demo sheet's last.
		col, _ := excelize.ColumnNumberToName(len(demo.Headers()) + 1)
		head, _ := f.GetCellValue(demo.DataSheet, col+"4")
		note, _ := f.GetCellValue(demo.DataSheet, col+"12")
		f.Close()
		if head != "오류" || !strings.Contains(note, "숫자") {
			t.Errorf("%s: %s4 %q, %s12 %q", name, col, head, col, note)
		}
	}
	starved := *w
	starved.MemLimit, starved.SoftLimit = 8<<20, 4<<20
	if err := starved.Annotate(context.Background(), path, importers.Spec{}, &res.Report, filepath.Join(dir, "x.xlsx")); err == nil {
		t.Error("a child without memory annotated anyway")
	}
}
