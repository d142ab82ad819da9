package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"axdash/app/parseworker"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
	"axdash/static"
)

// dbCase points the CLI at one database through the environment, the way
// an operator would.
type dbCase struct {
	name  string
	setup func(t *testing.T)
}

var dbCases = []dbCase{
	{store.DialectSQLite, func(t *testing.T) {
		t.Setenv("AXDASH_DATABASE_URL", "")
		t.Setenv("AXDASH_DATA_DIR", t.TempDir())
	}},
	{store.DialectPostgres, func(t *testing.T) {
		url := storetest.PostgresURL(t)
		t.Setenv("AXDASH_DATABASE_URL", url)
		// PostgreSQL keeps files in the data folder too (the demo admin's
		// password, temp folders): never the package's own folder.
		t.Setenv("AXDASH_DATA_DIR", t.TempDir())
	}},
}

// eachDB runs fn once per database, with the environment set for the CLI.
func eachDB(t *testing.T, fn func(t *testing.T)) {
	for _, c := range dbCases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("AXDASH_CONFIG", "")
			c.setup(t)
			fn(t)
		})
	}
}

// cli runs the real command line and returns its exit code and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// testEnv loads the configuration from the current environment.
func testEnv(t *testing.T) *env {
	t.Helper()
	e, err := loadEnv(slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("loadEnv: %v", err)
	}
	return e
}

// testEnvStore is testEnv with the database it names opened, and closed
// when the test ends.
func testEnvStore(t *testing.T) (*env, *store.DB) {
	t.Helper()
	e := testEnv(t)
	st, err := e.openStore(context.Background())
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	// Fixed record keys: the public figures (the disclosure layer's) are
	// then the same on every run and both databases, as golden files need.
	st.Surveys.SetRecordKeySource(rand.NewChaCha8([32]byte{'a', 'x', 'd', 'a', 's', 'h'}))
	return e, st
}

// startServer serves the dashboard over the configured database on a
// loopback port and returns its base URL.
func startServer(t *testing.T) (string, *store.DB) {
	t.Helper()
	e, st := testEnvStore(t)
	srv, err := web.New(web.Deps{Stores: web.StoresOf(st), Catalogue: e.catalogue(), Survey: e.survey, Regions: e.regions,
		Config: e.cfg, Static: static.FS(), Log: e.log})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL, st
}

// getJSON fetches url and decodes the JSON body into v, failing on a
// status other than want.
func getJSON(t *testing.T, url string, want int, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d: %s", url, res.StatusCode, want, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: decode: %v: %s", url, err, body)
	}
}

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == parseworker.Command {
		// The parse worker starts its own binary, which in tests is this one.
		var out io.Writer = os.Stdout
		if fifo := os.Getenv(stallEnv); fifo != "" {
			out = stallWriter{w: os.Stdout, fifo: fifo} // tmproot_kill_test.go
		}
		os.Exit(run(os.Args[1:], out, os.Stderr))
	}
	if os.Getenv(cliChildEnv) == "1" {
		// A real `serve` (or any command) for the upload tests (serve_child_test.go),
		// started as the binary starts.
		main()
	}
	if os.Getenv(jobChildEnv) == "1" {
		// A runner process for the kill test (jobs_kill_test.go).
		os.Exit(runJobChild())
	}
	// The CLI reads configuration from the environment; start clean.
	for _, k := range []string{"AXDASH_DATABASE_URL", "AXDASH_CONFIG", "AXDASH_ADDR"} {
		os.Unsetenv(k)
	}
	os.Exit(m.Run())
}
