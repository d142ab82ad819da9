package metrics

import (
	"database/sql"

	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector reads the database/sql pool at scrape time, so the figures
// are current without a ticker.
type poolCollector struct {
	stats func() sql.DBStats
	descs []*prometheus.Desc
}

// The pool's figures in descs order: gauges first, then counters.
var poolMetrics = []struct {
	name, help string
	counter    bool
	value      func(sql.DBStats) float64
}{
	{"axdash_db_max_open_connections", "Pool bound on open connections (0: none).", false,
		func(s sql.DBStats) float64 { return float64(s.MaxOpenConnections) }},
	{"axdash_db_open_connections", "Connections open, in use or idle.", false,
		func(s sql.DBStats) float64 { return float64(s.OpenConnections) }},
	{"axdash_db_in_use_connections", "Connections in use.", false,
		func(s sql.DBStats) float64 { return float64(s.InUse) }},
	{"axdash_db_idle_connections", "Idle connections.", false,
		func(s sql.DBStats) float64 { return float64(s.Idle) }},
	{"axdash_db_wait_count_total", "Times a request waited for a free connection.", true,
		func(s sql.DBStats) float64 { return float64(s.WaitCount) }},
	{"axdash_db_wait_duration_seconds_total", "Time spent waiting for a free connection.", true,
		func(s sql.DBStats) float64 { return s.WaitDuration.Seconds() }},
	{"axdash_db_max_idle_closed_total", "Connections closed by max_idle_conns.", true,
		func(s sql.DBStats) float64 { return float64(s.MaxIdleClosed) }},
	{"axdash_db_max_idle_time_closed_total", "Connections closed by conn_max_idle_time.", true,
		func(s sql.DBStats) float64 { return float64(s.MaxIdleTimeClosed) }},
	{"axdash_db_max_lifetime_closed_total", "Connections closed by conn_max_lifetime.", true,
		func(s sql.DBStats) float64 { return float64(s.MaxLifetimeClosed) }},
}

func newPoolCollector(stats func() sql.DBStats) *poolCollector {
	c := &poolCollector{stats: stats}
	for _, pm := range poolMetrics {
		c.descs = append(c.descs, prometheus.NewDesc(pm.name, pm.help, nil, nil))
	}
	return c
}

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	for i, pm := range poolMetrics {
		kind := prometheus.GaugeValue
		if pm.counter {
			kind = prometheus.CounterValue
		}
		ch <- prometheus.MustNewConstMetric(c.descs[i], kind, pm.value(s))
	}
}
