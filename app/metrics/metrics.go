// Package metrics holds axdash's Prometheus metrics in a registry of its
// own (never the global one), built once in main and handed to whoever
// records: the web server (request latency), the importers' callers
// (imports by outcome), the parse worker (its child's peak memory) and the
// store (connection pool). Every method is safe on a nil *Metrics, so code
// built without metrics (tests, the CLI) records nothing.
package metrics

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Import outcomes, the values of the imports' outcome label.
const (
	OutcomeStored  = "stored"
	OutcomeRefused = "refused"
	OutcomeChecked = "checked" // a dry run that read the file
	OutcomeFailed  = "failed"  // an error that is not the file's fault
)

// Metrics is one process's collectors.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.HistogramVec
	imports     *prometheus.CounterVec
	importRows  *prometheus.CounterVec
	importTime  *prometheus.HistogramVec
	workerPeak  prometheus.Histogram
	workerLast  prometheus.Gauge
	workerCount prometheus.Counter
	purgedFiles prometheus.Counter
	purgedBytes prometheus.Counter
}

// New builds the metrics; pool, when not nil, is read at every scrape for
// the connection pool's figures (store.Ops.Stats).
func New(pool func() sql.DBStats) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "axdash_http_request_duration_seconds",
			Help: "HTTP request latency by method, route template and status class.",
			// Figures answer in milliseconds from the cache; a cold
			// dashboard or an export takes longer.
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route", "status"}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "axdash_imports_total", Help: "Imports finished, by outcome (stored, refused, checked, failed).",
		}, []string{"outcome"}),
		importRows: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "axdash_import_rows_total", Help: "Data rows read by finished imports, by outcome.",
		}, []string{"outcome"}),
		importTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "axdash_import_duration_seconds", Help: "Time from upload to outcome, by outcome.",
			Buckets: []float64{.1, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600},
		}, []string{"outcome"}),
		workerPeak: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "axdash_parse_worker_max_rss_bytes", Help: "Peak resident memory of each parse worker child.",
			Buckets: prometheus.ExponentialBuckets(16<<20, 2, 8), // 16 MiB … 2 GiB
		}),
		workerLast: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "axdash_parse_worker_last_max_rss_bytes", Help: "Peak resident memory of the latest parse worker child.",
		}),
		workerCount: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "axdash_parse_workers_total", Help: "Parse worker children that ran to an end (any end).",
		}),
		purgedFiles: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "axdash_import_files_purged_total", Help: "Uploads no job stored whose bytes the retention rule removed.",
		}),
		purgedBytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "axdash_import_file_bytes_purged_total",
			Help: "Bytes the retention rule removed: uploads no job stored and their annotated copies.",
		}),
	}
	m.reg.MustRegister(m.requests, m.imports, m.importRows, m.importTime, m.workerPeak, m.workerLast, m.workerCount,
		m.purgedFiles, m.purgedBytes, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if pool != nil {
		m.reg.MustRegister(newPoolCollector(pool))
	}
	return m
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is the registry itself, for tests that read values back.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// ObserveRequest records one answered request. route must be the route
// template (/api/v1/figures/:id), never the raw URL, so that the number of
// series stays bounded whatever clients ask for.
func (m *Metrics) ObserveRequest(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(method, route, statusClass(status)).Observe(d.Seconds())
}

// ImportDone records a finished import: its outcome (Outcome*), the data
// rows it read and how long it took.
func (m *Metrics) ImportDone(outcome string, rows int, d time.Duration) {
	if m == nil {
		return
	}
	m.imports.WithLabelValues(outcome).Inc()
	m.importRows.WithLabelValues(outcome).Add(float64(max(rows, 0)))
	m.importTime.WithLabelValues(outcome).Observe(d.Seconds())
}

// WorkerPeak records a parse worker child's peak resident memory.
func (m *Metrics) WorkerPeak(bytes int64) {
	if m == nil {
		return
	}
	m.workerCount.Inc()
	m.workerPeak.Observe(float64(bytes))
	m.workerLast.Set(float64(bytes))
}

// FilesPurged records a purge of uploads no job stored: the files whose
// bytes it removed and those bytes, annotated copies included.
func (m *Metrics) FilesPurged(files int, bytes int64) {
	if m == nil {
		return
	}
	m.purgedFiles.Add(float64(max(files, 0)))
	m.purgedBytes.Add(float64(max(bytes, 0)))
}

func statusClass(code int) string {
	if code < 100 || code > 599 {
		return "other"
	}
	return strconv.Itoa(code/100) + "xx"
}
