package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"axdash/app/ingest"
	"axdash/app/metrics"
	"axdash/app/model"
	"axdash/app/parseworker"
	"axdash/app/report"
	"axdash/app/store"
	"axdash/app/tmproot"
	"axdash/charts"
	"axdash/configs"
	"axdash/importers"
	"axdash/quality"
)

// env is everything a command needs, built once from configuration.
type env struct {
	cfg     *configs.Config
	survey  *configs.Survey
	regions *configs.Regions
	rules   *quality.Rules
	log     *slog.Logger
	// metrics is set by serve; commands without it record nothing.
	metrics *metrics.Metrics
	// tmp is this process's temp folder (openTempRoot); "" is the OS
	// temp folder, as in a parse worker, whose TMPDIR its parent set.
	tmp string
}

func loadEnv(log *slog.Logger) (*env, error) {
	cfg, err := configs.LoadEnviron()
	if err != nil {
		return nil, err
	}
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		return nil, err
	}
	// A survey field the field table cannot store stops every command
	// here, not the first import.
	if err := importers.CheckFields(model.Fields(), survey); err != nil {
		return nil, err
	}
	rules, err := loadRules(cfg.Quality)
	if err != nil {
		return nil, err
	}
	return &env{cfg: cfg, survey: survey, regions: regions, rules: rules, log: log}, nil
}

// loadRules compiles the data-quality rules and checks the outlier
// settings, so that a bad rule file stops every command at start.
func loadRules(qc configs.QualityConfig) (*quality.Rules, error) {
	rules, err := quality.Load(qc.RulesFile)
	if err != nil {
		return nil, err
	}
	return rules, quality.CheckOutlierConfig(quality.OutlierConfigFrom(qc))
}

// loadEnvAndStore loads the configuration and opens the database; the
// caller closes the store.
func loadEnvAndStore(ctx context.Context, log *slog.Logger) (*env, *store.DB, error) {
	e, err := loadEnv(log)
	if err != nil {
		return nil, nil, err
	}
	st, err := e.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	return e, st, nil
}

// openStore opens and migrates the configured database; a read-only one
// is not migrated but must already be at the binary's schema.
func (e *env) openStore(ctx context.Context) (*store.DB, error) {
	st, err := store.Open(ctx, e.cfg.Database, e.log)
	if err != nil {
		return nil, err
	}
	prepare := st.Ops.Migrate
	if e.cfg.Database.ReadOnly {
		prepare = st.Ops.CheckSchema
	}
	if err := prepare(ctx); err != nil {
		_ = st.Close()
		return nil, err
	}
	return st, nil
}

// openTempRoot makes this process's temp folder in tempBase, after
// removing there the folders of processes that died (tmproot), and points
// every temp file the command makes into it. The caller closes it.
func (e *env) openTempRoot() (*tmproot.Root, error) {
	r, err := tmproot.Open(e.tempBase(), e.log)
	if err != nil {
		return nil, err
	}
	e.tmp = r.Dir()
	return r, nil
}

// tempBase is where the processes' temp folders live: data_dir/tmp, on the
// volume meant for the data (SQLite creates the data dir; with PostgreSQL
// it is used when the operator made it). Without a data dir it is "", the
// OS temp folder (TMPDIR); so it is on a read-only server, which takes no
// uploads and whose data dir may be mounted read-only.
func (e *env) tempBase() string {
	dir := e.cfg.Database.DataDir
	if fi, err := os.Stat(dir); dir == "" || err != nil || !fi.IsDir() || e.cfg.Database.ReadOnly {
		return ""
	}
	return filepath.Join(dir, "tmp")
}

func (e *env) catalogue() *charts.Catalogue {
	return charts.New(e.survey, e.regions, e.cfg.Figures)
}

// reporter is the report layer the web server uses too: views, the
// briefing and its workbook.
func (e *env) reporter() *report.Reporter {
	return &report.Reporter{Catalogue: e.catalogue(), Survey: e.survey, Regions: e.regions, Source: e.cfg.Figures.Source}
}

// ingester loads into surveys (store.DB.Surveys).
func (e *env) ingester(surveys ingest.Loader) *ingest.Ingester {
	ic, oc := e.cfg.Import, quality.OutlierConfigFrom(e.cfg.Quality)
	return &ingest.Ingester{Store: surveys, MaxFileBytes: ic.MaxFileBytes, Reader: e.reader(), Observer: e.metrics,
		Outliers: &oc, MaxIssues: ic.MaxIssues}
}

// reader parses in a child process unless the configuration says not to
// (or the binary cannot find itself).
func (e *env) reader() ingest.Reader {
	ic := e.cfg.Import
	exe, err := os.Executable()
	if !ic.Worker || err != nil {
		return ingest.InProcess{New: e.importer}
	}
	w := &parseworker.Worker{Exe: exe, Args: []string{parseworker.Command}, MemLimit: ic.WorkerMemory, SoftLimit: ic.MemorySoftLimit,
		Timeout: ic.Timeout, Log: e.log, TempDir: e.tmp}
	if e.metrics != nil {
		w.PeakRSS = e.metrics.WorkerPeak
	}
	return w
}

// importer builds the in-process importer for one sheet choice and period.
func (e *env) importer(spec importers.Spec) *importers.Importer {
	opts := importers.OptionsFromConfig(e.cfg.Import)
	opts.Sheet, opts.Period, opts.Rules, opts.TmpDir = spec.Sheet, spec.Period, e.rules, e.tmp
	return importers.New(e.survey, e.regions, opts)
}

// parseFlags parses flags that may come before or after positional
// arguments ("import FILE --wave W" as well as "import --wave W FILE").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "axdash: %v\n", err)
	return exitRefused
}
