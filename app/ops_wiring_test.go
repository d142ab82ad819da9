package main

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"axdash/app/ingest"
	"axdash/app/metrics"
	"axdash/app/parseworker"
	"axdash/configs"
)

func TestNewLogger(t *testing.T) {
	tests := []struct {
		cfg      configs.LogConfig
		json     bool
		infoShow bool
	}{
		{configs.LogConfig{Format: "text", Level: "info"}, false, true},
		{configs.LogConfig{Format: "json", Level: "info"}, true, true},
		{configs.LogConfig{Format: "json", Level: "warn"}, true, false},
		{configs.LogConfig{Format: "text", Level: "debug"}, false, true},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		log := newLogger(&buf, tt.cfg)
		log.Info("hello", "request_id", "r1")
		log.Warn("careful")
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if want := map[bool]int{true: 2, false: 1}[tt.infoShow]; len(lines) != want {
			t.Errorf("%+v: %d lines, want %d: %q", tt.cfg, len(lines), want, lines)
			continue
		}
		var v map[string]any
		isJSON := json.Unmarshal([]byte(lines[0]), &v) == nil
		if isJSON != tt.json {
			t.Errorf("%+v: first line %q, JSON %v", tt.cfg, lines[0], isJSON)
		}
	}
}

func TestLogConfigFromEnvironment(t *testing.T) {
	t.Setenv("AXDASH_CONFIG", "")
	t.Setenv("AXDASH_LOG_FORMAT", "JSON")
	t.Setenv("AXDASH_LOG_LEVEL", "warn")
	if c := logConfig(); c.Format != "json" || c.Level != "warn" {
		t.Errorf("logConfig = %+v", c)
	}
	t.Setenv("AXDASH_LOG_FORMAT", "xml") // broken: the command reports it; logs fall back to text
	if c := logConfig(); c.Format != "text" {
		t.Errorf("logConfig with a bad format = %+v", c)
	}
	if code, _, errOut := cli(t, "migrate"); code != exitRefused || !strings.Contains(errOut, "log.format") {
		t.Errorf("migrate with AXDASH_LOG_FORMAT=xml: exit %d %s", code, errOut)
	}
}

// Imports run through the ingester and the parse worker reach the metrics:
// outcome counts and the child's peak memory.
func TestImportMetrics(t *testing.T) {
	t.Setenv("AXDASH_CONFIG", "")
	dbCases[0].setup(t)
	e, st := testEnvStore(t)
	e.metrics = metrics.New(st.Ops.Stats)
	if _, ok := e.reader().(*parseworker.Worker); !ok {
		t.Fatalf("reader is %T, want the parse worker", e.reader())
	}
	ing := e.ingester(st.Surveys)
	path := demoFile(t, 120)
	// A parent far larger than any worker: the kernel's rusage of a child
	// started through vfork would report this ballast as the worker's peak.
	ballast := make([]byte, 400<<20)
	for i := range ballast {
		ballast[i] = byte(i)
	}
	defer runtime.KeepAlive(ballast)
	for _, want := range []string{"stored", "refused"} { // the second is the same file again
		rep, err := ing.Run(context.Background(), ingest.Request{Path: path, Wave: "W"})
		if err != nil || rep.Status != want {
			t.Fatalf("import: %v %v, want %s", rep, err, want)
		}
	}
	reg := e.metrics.Registry()
	expect := `
# HELP axdash_imports_total Imports finished, by outcome (stored, refused, checked, failed).
# TYPE axdash_imports_total counter
axdash_imports_total{outcome="refused"} 1
axdash_imports_total{outcome="stored"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(expect), "axdash_imports_total"); err != nil {
		t.Error(err)
	}
	n, err := testutil.GatherAndCount(reg, "axdash_parse_worker_last_max_rss_bytes")
	if err != nil || n != 1 {
		t.Fatalf("worker gauge: %d %v", n, err)
	}
	var buf bytes.Buffer
	mfs, _ := reg.Gather()
	for _, mf := range mfs {
		if mf.GetName() == "axdash_parse_worker_last_max_rss_bytes" {
			if v := mf.GetMetric()[0].GetGauge().GetValue(); v < 1<<20 || v > 300<<20 {
				t.Errorf("worker peak RSS = %.0f bytes, want the child's own size, not the parent's", v)
			}
			buf.WriteString("seen")
		}
		if mf.GetName() == "axdash_parse_workers_total" && mf.GetMetric()[0].GetCounter().GetValue() != 2 {
			t.Errorf("parse workers counted: %v, want 2", mf.GetMetric()[0].GetCounter().GetValue())
		}
	}
	if buf.Len() == 0 {
		t.Error("no worker peak recorded")
	}
}
