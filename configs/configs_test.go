package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadLayers(t *testing.T) {
	file := filepath.Join(t.TempDir(), "over.yaml")
	if err := os.WriteFile(file, []byte("server:\n  addr: 0.0.0.0:9000\nfigures:\n  suppress_below: 10\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		env      map[string]string
		addr     string
		suppress int
		dbURL    string
	}{
		{"defaults", nil, "127.0.0.1:8080", 5, ""},
		{"file over defaults", map[string]string{"AXDASH_CONFIG": file}, "0.0.0.0:9000", 10, ""},
		{"env over file", map[string]string{"AXDASH_CONFIG": file, "AXDASH_ADDR": "127.0.0.1:1", "AXDASH_SUPPRESS_BELOW": "3",
			"AXDASH_DATABASE_URL": "postgres://x@y/z"}, "127.0.0.1:1", 3, "postgres://x@y/z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(envOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.Server.Addr != tt.addr || c.Figures.SuppressBelow != tt.suppress || c.Database.URL != tt.dbURL {
				t.Errorf("got addr %q suppress %d url %q", c.Server.Addr, c.Figures.SuppressBelow, c.Database.URL)
			}
			if c.Database.DataDir != "./data" || c.Import.MaxRows <= 0 {
				t.Errorf("defaults lost: %+v", c)
			}
		})
	}
}

// An empty AXDASH_CONFIG file changes nothing.
func TestLoadEmptyFile(t *testing.T) {
	c, err := Load(envOf(map[string]string{"AXDASH_CONFIG": writeConfig(t, "")}))
	if err != nil || c.Server.Addr != "127.0.0.1:8080" {
		t.Errorf("empty file: %+v, %v", c, err)
	}
}

func TestLoadRejects(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("server: [unclosed"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"missing file", map[string]string{"AXDASH_CONFIG": "/nonexistent/axdash.yaml"}, "AXDASH_CONFIG"},
		{"bad yaml", map[string]string{"AXDASH_CONFIG": bad}, "parse"},
		{"not an integer", map[string]string{"AXDASH_SUPPRESS_BELOW": "five"}, "not an integer"},
		{"zero suppression", map[string]string{"AXDASH_SUPPRESS_BELOW": "0"}, "suppress_below"},
		{"negative workers", map[string]string{"AXDASH_JOBS_WORKERS": "-1"}, "jobs.workers"},
		{"stale before two heartbeats", map[string]string{"AXDASH_CONFIG": jobsFile(t, "heartbeat: 20s\n  stale_after: 30s")}, "stale_after"},
		{"no attempts", map[string]string{"AXDASH_CONFIG": jobsFile(t, "max_attempts: 0")}, "max_attempts"},
		{"misspelt key", map[string]string{"AXDASH_CONFIG": jobsFile(t, "max_atempts: 3")}, "max_atempts"},
		{"unknown section", map[string]string{"AXDASH_CONFIG": writeConfig(t, "figure:\n  suppress_below: 10\n")}, "figure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(envOf(tt.env))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// writeConfig writes body to a new file (a config file, a secret).
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "axdash.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// jobsFile writes a config file whose jobs section holds body.
func jobsFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "jobs.yaml")
	if err := os.WriteFile(p, []byte("jobs:\n  "+body+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestJobsConfig(t *testing.T) {
	c, err := Load(envOf(map[string]string{"AXDASH_JOBS_WORKERS": "3"}))
	if err != nil {
		t.Fatal(err)
	}
	j := c.Jobs
	if j.Workers != 3 || j.PollInterval <= 0 || j.StaleAfter < 2*j.Heartbeat || j.MaxAttempts < 1 || j.HistoryLimit < 1 || j.UploadTimeout <= 0 {
		t.Errorf("jobs config = %+v", j)
	}
}

func TestSchemaTables(t *testing.T) {
	s, err := LoadSurvey()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Fields) != 21 || len(s.Stages) != 5 || len(s.Industries) != 21 || len(s.SizeBands) != 5 {
		t.Errorf("survey: %d fields, %d stages, %d industries, %d bands", len(s.Fields), len(s.Stages), len(s.Industries), len(s.SizeBands))
	}
	for _, key := range []string{"firm_name", "region", "industry", "employees", "stage"} {
		if f := s.Field(key); f == nil || !f.Required {
			t.Errorf("field %s missing or not required", key)
		}
	}
	r, err := LoadRegions()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, rg := range r.Regions {
		if len(rg.Code) != 2 || rg.Name == "" || rg.Short == "" || rg.English == "" || seen[rg.Code] {
			t.Errorf("region %+v incomplete or repeated", rg)
		}
		seen[rg.Code] = true
	}
	if r.Name("51") != "강원" || r.Name("52") != "전북" || s.IndustryName("C") != "제조업" || s.BandLabel("300+") != "300인 이상" {
		t.Error("lookups wrong")
	}
}

// The importing process gets a lower soft limit than the parse worker by
// default, and a file can set either.
func TestImportMemoryLimits(t *testing.T) {
	c, err := Load(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Import.LoaderMemorySoftLimit != 64<<20 || c.Import.MemorySoftLimit != 100<<20 {
		t.Errorf("defaults: loader %d, worker %d; want 64 MiB and 100 MiB", c.Import.LoaderMemorySoftLimit, c.Import.MemorySoftLimit)
	}
	file := filepath.Join(t.TempDir(), "over.yaml")
	if err := os.WriteFile(file, []byte("import:\n  loader_memory_soft_limit_bytes: 33554432\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err = Load(envOf(map[string]string{"AXDASH_CONFIG": file})); err != nil {
		t.Fatal(err)
	}
	if c.Import.LoaderMemorySoftLimit != 32<<20 {
		t.Errorf("file: loader %d, want 32 MiB", c.Import.LoaderMemorySoftLimit)
	}
}

func TestUnstoredFileRetention(t *testing.T) {
	tests := []struct {
		env     map[string]string
		want    time.Duration
		wantErr string
	}{
		{nil, 7 * 24 * time.Hour, ""},
		{map[string]string{"AXDASH_JOBS_UNSTORED_FILE_RETENTION": "72h"}, 72 * time.Hour, ""},
		{map[string]string{"AXDASH_JOBS_UNSTORED_FILE_RETENTION": "0"}, 0, ""},
		{map[string]string{"AXDASH_JOBS_UNSTORED_FILE_RETENTION": "7d"}, 0, "not a duration"},
		{map[string]string{"AXDASH_JOBS_UNSTORED_FILE_RETENTION": "-1h"}, 0, "must not be negative"},
	}
	for _, tt := range tests {
		c, err := Load(envOf(tt.env))
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%v: err = %v, want one mentioning %q", tt.env, err, tt.wantErr)
		case tt.wantErr == "" && (err != nil || c.Jobs.UnstoredFileRetention != tt.want):
			t.Errorf("%v: retention = %v, %v; want %v", tt.env, c, err, tt.want)
		}
	}
}
