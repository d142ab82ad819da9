// Package configs embeds axdash's default configuration, the survey schema and
// the region table, and layers an AXDASH_CONFIG file and AXDASH_* environment
// variables over the defaults.
package configs

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"gopkg.in/yaml.v3"
)

//go:embed axdash.yaml
var defaultYAML []byte

// Config is the runtime configuration of one axdash process.
type Config struct {
	Server   ServerConfig   `yaml:"server"`
	Database DatabaseConfig `yaml:"database"`
	Figures  FiguresConfig  `yaml:"figures"`
	Import   ImportConfig   `yaml:"import"`
	Jobs     JobsConfig     `yaml:"jobs"`
	Quality  QualityConfig  `yaml:"quality"`
	Auth     AuthConfig     `yaml:"auth"`
	Log      LogConfig      `yaml:"log"`
	Metrics  MetricsConfig  `yaml:"metrics"`
	Export   ExportConfig   `yaml:"export"`
}

// ExportConfig holds what the file exports need from the machine.
type ExportConfig struct {
	// ChromePath is the browser that prints the briefing PDF; empty looks
	// for chromium or Chrome on the PATH.
	ChromePath string `yaml:"chrome_path" env:"AXDASH_CHROME_PATH"`
}

// JobsConfig drives the import-job runner that `serve` starts.
type JobsConfig struct {
	Workers      int           `yaml:"workers" env:"AXDASH_JOBS_WORKERS"` // jobs run at once by this process; 0 runs none
	PollInterval time.Duration `yaml:"poll_interval"`                     // how often an idle runner looks for work
	Heartbeat    time.Duration `yaml:"heartbeat"`                         // how often a busy runner says it is alive
	StaleAfter   time.Duration `yaml:"stale_after"`                       // a job silent this long is taken over
	MaxAttempts  int           `yaml:"max_attempts"`                      // claims before an abandoned job fails
	// AnnotateMaxRows bounds the annotated copy a job makes: annotating
	// loads the whole workbook (about 15 MB per 1,000 rows).
	AnnotateMaxRows int `yaml:"annotate_max_rows"`
	HistoryLimit    int `yaml:"history_limit"` // jobs listed in the import history
	// UploadTimeout replaces server.read_timeout and write_timeout for an
	// upload: a large file on a slow link takes longer than a page.
	// It is also an upload's deadline for its queries (see
	// ServerConfig.RequestTimeout).
	UploadTimeout time.Duration `yaml:"upload_timeout" env:"AXDASH_JOBS_UPLOAD_TIMEOUT"`
	// MaxQueuedPerUser bounds one account's uploads waiting for or in a
	// parse, so that no one can flood the runners (ASVS 5.2.4).
	MaxQueuedPerUser int `yaml:"max_queued_per_user"`
	// UploadFreeMargin is the free space an upload must leave on the temp
	// area's disk (the data dir's): an upload is refused (507) before it
	// is read when less than this plus its declared size is free, so that
	// a full disk refuses one upload instead of failing a commit or the
	// database.
	UploadFreeMargin int64 `yaml:"upload_free_margin_bytes" env:"AXDASH_UPLOAD_FREE_MARGIN_BYTES"`
	// UnstoredFileRetention is how long the bytes of an upload no job
	// stored (refused, cancelled, failed) are kept after its last job
	// ended; then the runner purges them. 0 keeps them for ever.
	UnstoredFileRetention time.Duration `yaml:"unstored_file_retention" env:"AXDASH_JOBS_UNSTORED_FILE_RETENTION"`
}

// ServerConfig holds the HTTP listener settings.
type ServerConfig struct {
	Addr              string        `yaml:"addr" env:"AXDASH_ADDR"`
	ReadHeaderTimeout time.Duration `yaml:"read_header_timeout"`
	ReadTimeout       time.Duration `yaml:"read_timeout"`
	WriteTimeout      time.Duration `yaml:"write_timeout"`
	IdleTimeout       time.Duration `yaml:"idle_timeout"`
	// TrustedProxies are the CIDRs of reverse proxies whose
	// X-Forwarded-For is believed; empty means clients connect directly.
	TrustedProxies []string `yaml:"trusted_proxies" env:"AXDASH_TRUSTED_PROXIES"`
	// MaxBodyBytes bounds an ordinary request body (uploads have their own).
	MaxBodyBytes int64 `yaml:"max_body_bytes" env:"AXDASH_MAX_BODY_BYTES"`
	// ShutdownTimeout bounds how long a stopping server waits for running
	// requests (and then for its shutdown hooks).
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout" env:"AXDASH_SERVER_SHUTDOWN_TIMEOUT"`
	// ReadyTimeout bounds the database checks of /readyz.
	ReadyTimeout time.Duration `yaml:"ready_timeout"`
	// RequestTimeout is the deadline of every page, figure and API request:
	// its queries and its wait for a pooled connection end then, and it
	// answers 503 instead of hanging on a database that stopped answering.
	RequestTimeout time.Duration `yaml:"request_timeout" env:"AXDASH_REQUEST_TIMEOUT"`
	// LongRequestTimeout is the deadline of the workbook and file
	// downloads, which read and build more than a page, and of an admin's
	// deletion of a wave, which deletes all its rows.
	LongRequestTimeout time.Duration `yaml:"long_request_timeout" env:"AXDASH_LONG_REQUEST_TIMEOUT"`
	// HSTSMaxAge, when positive, makes responses over HTTPS (TLS, or a
	// proxy's X-Forwarded-Proto) carry Strict-Transport-Security for this
	// host only. Off by default: on an intranet host it would bind every
	// other service on the same name to HTTPS too.
	HSTSMaxAge time.Duration `yaml:"hsts_max_age" env:"AXDASH_HSTS_MAX_AGE"`
}

// DatabaseConfig selects PostgreSQL (URL set) or the embedded SQLite file.
type DatabaseConfig struct {
	URL             string        `yaml:"url" env:"AXDASH_DATABASE_URL,file"`
	DataDir         string        `yaml:"data_dir" env:"AXDASH_DATA_DIR"`
	MaxOpenConns    int           `yaml:"max_open_conns" env:"AXDASH_DB_MAX_OPEN_CONNS"`
	MaxIdleConns    int           `yaml:"max_idle_conns" env:"AXDASH_DB_MAX_IDLE_CONNS"`
	ConnMaxLifetime time.Duration `yaml:"conn_max_lifetime" env:"AXDASH_DB_CONN_MAX_LIFETIME"`
	ConnMaxIdleTime time.Duration `yaml:"conn_max_idle_time" env:"AXDASH_DB_CONN_MAX_IDLE_TIME"`
	// StatementTimeout is PostgreSQL's statement_timeout on every
	// connection, and SQLite's busy_timeout; 0 means none (PostgreSQL) or
	// the store's default wait (SQLite).
	StatementTimeout time.Duration `yaml:"statement_timeout" env:"AXDASH_DB_STATEMENT_TIMEOUT"`
	// ConnectTimeout bounds a new PostgreSQL connection's dial and start
	// (unless the URL sets connect_timeout), including those the pool opens
	// in the background without a request's deadline; 0 means none.
	ConnectTimeout time.Duration `yaml:"connect_timeout" env:"AXDASH_DB_CONNECT_TIMEOUT"`
	// ReadOnly opens the database for reading only (a public server on a
	// hot standby or a SELECT-only role): no migrations, only a check that
	// the schema is the binary's; `serve` then runs no jobs and refuses
	// every sign-in and write (serve --read-only).
	ReadOnly bool `yaml:"read_only" env:"AXDASH_READ_ONLY"`
}

// FiguresConfig holds the disclosure rules shared by every figure.
type FiguresConfig struct {
	SuppressBelow int    `yaml:"suppress_below" env:"AXDASH_SUPPRESS_BELOW"`
	Source        string `yaml:"source"`
	// BoundaryGeoJSON is an optional 시도 boundary GeoJSON file. No boundary
	// data ships with axdash; with one, adoption-by-region is drawn as a
	// choropleth on it (unless an admin stored a map, which comes first).
	BoundaryGeoJSON string `yaml:"boundary_geojson" env:"AXDASH_BOUNDARY_GEOJSON"`
	// Disclosure are the public view's protection parameters (app/disclosure,
	// docs/disclosure.md); suppress_below is its frequency threshold.
	Disclosure DisclosureConfig `yaml:"disclosure"`
}

// DisclosureConfig are the parameters of the cell key method and its rules
// (docs/disclosure.md explains each).
type DisclosureConfig struct {
	// CountNoise is the standard deviation, in firms, of the integer noise
	// added to a published count (n).
	CountNoise float64 `yaml:"count_noise" env:"AXDASH_DISCLOSURE_COUNT_NOISE"`
	// RateNoise is the standard deviation, in firms, of the noise added to
	// a rate's or share's weighted numerator (one firm: the cell's mean
	// weight).
	RateNoise float64 `yaml:"rate_noise" env:"AXDASH_DISCLOSURE_RATE_NOISE"`
	// MagnitudeNoise is the standard deviation of a magnitude's noise as a
	// fraction of the cell's largest contribution.
	MagnitudeNoise float64 `yaml:"magnitude_noise" env:"AXDASH_DISCLOSURE_MAGNITUDE_NOISE"`
	// DominanceP is the p% rule's p: a magnitude whose total less its two
	// largest contributions is under p% of the largest is withheld.
	DominanceP float64 `yaml:"dominance_p" env:"AXDASH_DISCLOSURE_DOMINANCE_P"`
	// MedianMin is the fewest firms with a cost a published median needs,
	// and MedianDigits the significant digits it is rounded to.
	MedianMin    int `yaml:"median_min" env:"AXDASH_DISCLOSURE_MEDIAN_MIN"`
	MedianDigits int `yaml:"median_digits" env:"AXDASH_DISCLOSURE_MEDIAN_DIGITS"`
}

func (d DisclosureConfig) validate() error {
	if d.CountNoise < 0 || d.RateNoise < 0 || d.MagnitudeNoise < 0 || d.DominanceP < 0 || d.DominanceP > 100 ||
		d.MedianMin < 1 || d.MedianDigits < 1 {
		return fmt.Errorf("configs: figures.disclosure: noises and dominance_p (0–100) must not be negative, " +
			"median_min and median_digits at least 1")
	}
	return nil
}

// ImportConfig holds the importer's limits.
type ImportConfig struct {
	MaxFileBytes     int64 `yaml:"max_file_bytes" env:"AXDASH_IMPORT_MAX_FILE_BYTES"`
	MaxUnzippedBytes int64 `yaml:"max_unzipped_bytes"`
	MaxRows          int   `yaml:"max_rows" env:"AXDASH_IMPORT_MAX_ROWS"`
	MaxColumns       int   `yaml:"max_columns" env:"AXDASH_IMPORT_MAX_COLUMNS"`
	MaxIssues        int   `yaml:"max_issues"`
	HeaderScanRows   int   `yaml:"header_scan_rows"`
	BatchSize        int   `yaml:"batch_size"`
	MaxZipEntries    int   `yaml:"max_zip_entries"`
	MaxPartBytes     int64 `yaml:"max_part_bytes"`
	MaxZipRatio      int   `yaml:"max_zip_ratio"`
	MemorySoftLimit  int64 `yaml:"memory_soft_limit_bytes"`
	// LoaderMemorySoftLimit is `axdash import`'s own soft limit: its live
	// heap is small, so a lower target keeps its peak far from the
	// worker's without costing time (the worker parses, which is slower).
	LoaderMemorySoftLimit int64         `yaml:"loader_memory_soft_limit_bytes"`
	Worker                bool          `yaml:"worker"`
	WorkerMemory          int64         `yaml:"worker_memory_bytes"`
	Timeout               time.Duration `yaml:"timeout"`
}

// QualityConfig holds the data-quality rules file and the outlier test.
type QualityConfig struct {
	RulesFile        string   `yaml:"rules_file" env:"AXDASH_RULES_FILE"`
	OutlierFields    []string `yaml:"outlier_fields"`
	OutlierThreshold float64  `yaml:"outlier_threshold" env:"AXDASH_OUTLIER_THRESHOLD"`
	OutlierMinGroup  int      `yaml:"outlier_min_group"`
	OutlierMaxRows   int      `yaml:"outlier_max_rows"`
}

// LoadEnviron loads the configuration over the process's environment. It is
// the only place axdash reads its AXDASH_* variables: other packages are
// handed the fields.
func LoadEnviron() (*Config, error) { return Load(os.Getenv) }

// Load returns the defaults, overlaid by the file named in AXDASH_CONFIG (if
// any) and then by the variables named in the fields' env tags (see
// applyEnv); an empty variable is unset. Tests pass their own getenv.
func Load(getenv func(string) string) (*Config, error) {
	var c Config
	if err := decodeStrict(defaultYAML, &c); err != nil {
		return nil, fmt.Errorf("configs: embedded axdash.yaml: %w", err)
	}
	if path := getenv(FileVar); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("configs: read %s: %w", FileVar, err)
		}
		if err := decodeStrict(b, &c); err != nil {
			return nil, fmt.Errorf("configs: parse %s: %w", path, err)
		}
	}
	if err := applyEnv(&c, getenv); err != nil {
		return nil, err
	}
	c.Log.normalize()
	return &c, c.validate()
}

// decodeStrict layers YAML over c, refusing keys the configuration does not
// have: a misspelt suppress_below would otherwise be ignored without a word
// and the server would run on the default. An empty file changes nothing.
func decodeStrict(b []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func (c *Config) validate() error {
	switch {
	case c.Server.Addr == "":
		return fmt.Errorf("configs: server.addr is empty")
	case c.Figures.SuppressBelow < 1:
		return fmt.Errorf("configs: figures.suppress_below must be at least 1, got %d", c.Figures.SuppressBelow)
	case c.Import.MaxRows < 1 || c.Import.MaxColumns < 1 || c.Import.MaxFileBytes < 1:
		return fmt.Errorf("configs: import limits must be positive")
	case c.Import.BatchSize < 1:
		return fmt.Errorf("configs: import.batch_size must be positive")
	case !(c.Quality.OutlierThreshold > 0) || c.Quality.OutlierMinGroup < 3 || c.Quality.OutlierMaxRows < 1:
		return fmt.Errorf("configs: quality.outlier_threshold must be > 0, outlier_min_group ≥ 3, outlier_max_rows ≥ 1")
	}
	if err := c.Jobs.validate(); err != nil {
		return err
	}
	if err := c.Figures.Disclosure.validate(); err != nil {
		return err
	}
	if err := c.validateAuth(); err != nil {
		return err
	}
	return c.validateOps()
}

func (j JobsConfig) validate() error {
	switch {
	case j.Workers < 0 || j.AnnotateMaxRows < 0 || j.UploadFreeMargin < 0 || j.MaxAttempts < 1 || j.HistoryLimit < 1 || j.MaxQueuedPerUser < 1:
		return fmt.Errorf("configs: jobs.workers, annotate_max_rows and upload_free_margin_bytes must not be negative; max_attempts, history_limit and max_queued_per_user must be at least 1")
	case j.PollInterval <= 0 || j.Heartbeat <= 0 || j.UploadTimeout <= 0:
		return fmt.Errorf("configs: jobs.poll_interval, heartbeat and upload_timeout must be positive")
	case j.UnstoredFileRetention < 0:
		return fmt.Errorf("configs: jobs.unstored_file_retention must not be negative (0 keeps the files), got %s", j.UnstoredFileRetention)
	case j.StaleAfter < 2*j.Heartbeat:
		return fmt.Errorf("configs: jobs.stale_after (%s) must be at least twice jobs.heartbeat (%s)", j.StaleAfter, j.Heartbeat)
	}
	return nil
}
