package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds Shanzhi's Prometheus metrics in a private registry (nothing
// a library registers globally leaks into /metrics).
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	jobs     *prometheus.CounterVec
	calendar *prometheus.CounterVec
}

// NewMetrics returns the metrics with the Go runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and method.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jobs_total",
			Help: "Background jobs worked on this node, by kind and outcome.",
		}, []string{"kind", "outcome"}),
		calendar: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "calendar_missing_year_total",
			Help: "Years a working-day computation needed without holiday data (counted by weekends only).",
		}, []string{"year"}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.jobs, m.calendar,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry is where modules register their own collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// JobOutcomes returns the callback for jobs.Events.OnOutcome: it counts each
// worked job by kind and outcome.
func (m *Metrics) JobOutcomes() func(kind, outcome string) {
	return func(kind, outcome string) { m.jobs.WithLabelValues(kind, outcome).Inc() }
}

// CalendarYearMissing counts a year the working-day calendar had no data
// for; pass it to calendar.WithOnMissingYear.
func (m *Metrics) CalendarYearMissing(year int) {
	m.calendar.WithLabelValues(strconv.Itoa(year)).Inc()
}

// observe counts one answered request.
func (m *Metrics) observe(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route, method).Observe(d.Seconds())
}

// measure is the middleware feeding the request metrics.
func (rt *Router) measure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		st := stateFrom(r.Context())
		rt.metrics.observe(routeLabel(st), methodLabel(r.Method), st.w.code(), time.Since(st.start))
	})
}
