package web

import (
	"database/sql"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// dbCollector reads the connection-pool statistics of the database's write
// and read pools at each scrape.
type dbCollector struct {
	pools    []namedPool
	open     *prometheus.Desc
	inUse    *prometheus.Desc
	idle     *prometheus.Desc
	maxOpen  *prometheus.Desc
	waits    *prometheus.Desc
	waitTime *prometheus.Desc
}

type namedPool struct {
	name string
	db   *sql.DB
}

// WatchDB registers gauges for the pools of d. On PostgreSQL, where reads
// and writes share one pool, it is reported once as pool="shared".
func (m *Metrics) WatchDB(d *db.DB) error {
	return m.reg.Register(newDBCollector(d))
}

func newDBCollector(d *db.DB) *dbCollector {
	pools := []namedPool{{"write", d.Write}, {"read", d.Read}}
	if d.Read == d.Write {
		pools = []namedPool{{"shared", d.Write}}
	}
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, []string{"pool"}, nil)
	}
	return &dbCollector{
		pools:    pools,
		open:     desc("db_open_connections", "Open connections in the pool."),
		inUse:    desc("db_in_use_connections", "Connections currently in use."),
		idle:     desc("db_idle_connections", "Idle connections."),
		maxOpen:  desc("db_max_open_connections", "Pool size limit (0 = unlimited)."),
		waits:    desc("db_wait_count_total", "Times a caller waited for a connection."),
		waitTime: desc("db_wait_duration_seconds_total", "Total time spent waiting for connections."),
	}
}

// Describe implements prometheus.Collector.
func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.open, c.inUse, c.idle, c.maxOpen, c.waits, c.waitTime} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	for _, p := range c.pools {
		s := p.db.Stats()
		gauge := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, p.name)
		}
		gauge(c.open, float64(s.OpenConnections))
		gauge(c.inUse, float64(s.InUse))
		gauge(c.idle, float64(s.Idle))
		gauge(c.maxOpen, float64(s.MaxOpenConnections))
		ch <- prometheus.MustNewConstMetric(c.waits, prometheus.CounterValue, float64(s.WaitCount), p.name)
		ch <- prometheus.MustNewConstMetric(c.waitTime, prometheus.CounterValue, s.WaitDuration.Seconds(), p.name)
	}
}
