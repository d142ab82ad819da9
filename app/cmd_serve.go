package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"

	"axdash/app/demo"
	"axdash/app/ingest"
	"axdash/app/jobs"
	"axdash/app/metrics"
	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/web"
	"axdash/static"
)

// demoWaves are the two synthetic waves `serve --demo` loads, so that a
// newcomer sees trend data; the later wave adopts a little more.
var demoWaves = []struct {
	name string
	opts demo.Options
}{
	{"2025-H2", demo.Options{Rows: 1500, Seed: 20252, Year: 2025, Lift: 1.0}},
	{"2026-H1", demo.Options{Rows: 1500, Seed: 20261, Year: 2026, Lift: 1.15}},
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	e, withDemo, code := serveEnv(args, stderr, log)
	if e == nil {
		return code
	}
	// The port is taken before anything else, so that a busy port fails in
	// a second rather than after the demo waves were generated and loaded.
	ln, err := listen(e.cfg.Server.Addr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitRefused
	}
	defer ln.Close()
	closeRoot, err := e.serveTempRoot()
	if err != nil {
		return fail(stderr, err)
	}
	defer closeRoot()
	st, err := e.openStore(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	// Closed last, after the server has drained and every stopper is done.
	defer st.Close()
	e.metrics = metrics.New(st.Ops.Stats)
	demoPassword := ""
	if withDemo {
		if err := loadDemo(ctx, e, st.Surveys); err != nil {
			return fail(stderr, err)
		}
		if demoPassword, err = ensureDemoAdmin(ctx, e, st.Accounts); err != nil {
			return fail(stderr, err)
		}
	}
	srv, err := web.New(web.Deps{Stores: web.StoresOf(st), Catalogue: e.catalogue(), Survey: e.survey, Regions: e.regions,
		Config: e.cfg, Static: static.FS(), Log: log, Metrics: e.metrics, TempDir: e.tmp})
	if err != nil {
		return fail(stderr, err)
	}
	runner, stoppers := e.jobRunner(st)
	onListen := func(addr net.Addr) {
		if demoPassword != "" {
			fmt.Fprintln(stdout, demoAdminLine(addr.String(), demoPassword))
		}
		if runner != nil {
			runner.Start(ctx)
		}
	}
	if err := serveOn(ctx, e, ln, srv.Handler(), stdout, onListen, stoppers); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// serveEnv reads serve's flags over the configuration; a nil env comes
// with the exit code.
func serveEnv(args []string, stderr io.Writer, log *slog.Logger) (*env, bool, int) {
	fs := newFlagSet("serve", stderr)
	addr := fs.String("addr", "", "listen address HOST:PORT (default from AXDASH_ADDR or 127.0.0.1:8080)")
	withDemo := fs.Bool("demo", false, "load the synthetic demo waves into an empty database")
	readOnly := fs.Bool("read-only", false, "serve the public side from a database this server may not write (AXDASH_READ_ONLY)")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		return nil, false, exitUsage
	}
	if _, _, err := net.SplitHostPort(*addr); *addr != "" && err != nil {
		fmt.Fprintf(stderr, "axdash: --addr는 HOST:PORT 형식이어야 합니다 (예: 127.0.0.1:8080): %q\n", *addr)
		return nil, false, exitUsage
	}
	e, err := loadEnv(log)
	if err != nil {
		return nil, false, fail(stderr, err)
	}
	if *addr != "" {
		e.cfg.Server.Addr = *addr
	}
	e.cfg.Database.ReadOnly = e.cfg.Database.ReadOnly || *readOnly
	if *withDemo && e.cfg.Database.ReadOnly {
		fmt.Fprintln(stderr, "axdash: --demo는 읽기 전용 서버(--read-only, AXDASH_READ_ONLY)에서 쓸 수 없습니다: "+
			"시범 자료는 내부 서버에서 넣으세요 (--demo writes, a read-only server may not)")
		return nil, false, exitUsage
	}
	return e, *withDemo, exitOK
}

// serveTempRoot opens serve's temp folder and returns its closer. A
// read-only server makes no temp files of its own (no uploads, no jobs), so
// one whose temp area cannot be written (a read-only root file system)
// starts without it, as it did before temp folders were per process.
func (e *env) serveTempRoot() (func(), error) {
	root, err := e.openTempRoot()
	switch {
	case err == nil:
		return func() { _ = root.Close() }, nil
	case e.cfg.Database.ReadOnly:
		e.log.Warn("a read-only server starts without a temp folder of its own", slog.Any("err", err))
		return func() {}, nil
	}
	return nil, err
}

// jobRunner is the import job runner (which also purges old uploads) and
// the stoppers serve waits for. Whatever runs beside the HTTP server and
// must let go of shared work before the process ends joins stoppers: the
// runner, which starts once the port is ours, stops claiming at the signal
// and hands its job back before the store closes. A read-only server runs
// none: it may not write the jobs it would claim.
func (e *env) jobRunner(st *store.DB) (*jobs.Runner, []stopper) {
	if e.cfg.Database.ReadOnly {
		return nil, nil
	}
	runner := &jobs.Runner{Store: st.Jobs, Ingester: e.ingester(st.Surveys), Config: e.cfg.Jobs, Log: e.log, Metrics: e.metrics,
		TempDir: e.tmp}
	return runner, []stopper{runner}
}

// listen takes addr. A port already in use gets a message in Korean and
// English that names the way out, since it is the commonest first-run
// failure (another axdash, or another local server, on 8080).
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("axdash: %s 포트를 이미 다른 프로그램이 쓰고 있습니다. 다른 주소로 실행하세요 "+
			"(make run ADDR=127.0.0.1:8081, AXDASH_ADDR 또는 serve --addr).\n"+
			"axdash: address %s is already in use; pick another with make run ADDR=127.0.0.1:8081, "+
			"AXDASH_ADDR or serve --addr", addr, addr)
	}
	if err != nil {
		return nil, fmt.Errorf("axdash: serve: listen on %s: %w", addr, err)
	}
	return ln, nil
}

// serveOn serves on ln until the context ends (SIGINT or SIGTERM);
// onListen sees the address first.
func serveOn(ctx context.Context, e *env, ln net.Listener, h http.Handler, stdout io.Writer, onListen func(net.Addr),
	stoppers []stopper) error {
	sc := e.cfg.Server
	fmt.Fprintf(stdout, "axdash is serving the dashboard at http://%s/\n", ln.Addr())
	onListen(ln.Addr())
	e.log.Info("serving", slog.String("addr", ln.Addr().String()))
	return serveUntilDone(ctx, sc, ln, h, e.log, stoppers)
}

// loadDemo generates and imports the demo waves when the database is empty.
// Another process may be doing the same against a shared PostgreSQL; its
// win shows up as a refused import, which is fine.
func loadDemo(ctx context.Context, e *env, surveys *store.Surveys) error {
	empty, err := surveys.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	dir, err := os.MkdirTemp(e.tmp, "demo-")
	if err != nil {
		return fmt.Errorf("demo: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	ing := e.ingester(surveys)
	for _, w := range demoWaves {
		path := filepath.Join(dir, w.name+".xlsx")
		if err := demo.StreamFile(path, w.opts); err != nil {
			return fmt.Errorf("demo: write %s: %w", w.name, err)
		}
		rep, err := ing.Run(ctx, ingest.Request{Path: path, Wave: w.name, Synthetic: true})
		if err != nil {
			return fmt.Errorf("demo: import %s: %w", w.name, err)
		}
		e.log.Info("demo wave", slog.String("wave", w.name), slog.String("status", rep.Status),
			slog.Int("stored", rep.Stored), slog.Int("issues", len(rep.Issues)))
		if rep.Status != model.StatusStored {
			e.log.Warn("demo wave not stored", slog.String("wave", w.name), slog.Any("issues", firstIssues(rep.Issues, 5)))
		}
	}
	return nil
}

func firstIssues(is []model.Issue, n int) []model.Issue { return is[:min(n, len(is))] }
