package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// metricValue finds a sample line of the Prometheus text output; labels are
// given as they appear, in Prometheus' sorted order.
func metricValue(t *testing.T, text, name, labels string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name+"{"+labels+"}") + ` (\S+)$`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no sample %s{%s} in:\n%s", name, labels, grepLines(text, name))
	}
	return m[1]
}

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.API(Op{Method: "GET", Path: "/things/{id}", OperationID: "getThing", Summary: "查看",
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)
	for _, p := range []string{"/api/v1/things/1", "/api/v1/things/2", "/api/v1/things/3", "/nope/13912345678"} {
		h.do(req("GET", p, "", nil))
	}
	outcome := h.rt.Metrics().JobOutcomes()
	outcome("workorder.sla", "completed")
	outcome("workorder.sla", "completed")
	outcome("notify.sms", "failed")

	w := h.do(req("GET", "/metrics", "", nil))
	if w.Code != 200 {
		t.Fatalf("/metrics: %d", w.Code)
	}
	text := w.Body.String()
	checks := []struct{ name, labels, want string }{
		{"http_requests_total", `method="GET",route="/api/v1/things/{id}",status="200"`, "3"},
		{"http_requests_total", `method="GET",route="unmatched",status="404"`, "1"},
		{"http_request_duration_seconds_count", `method="GET",route="/api/v1/things/{id}"`, "3"},
		{"jobs_total", `kind="workorder.sla",outcome="completed"`, "2"},
		{"jobs_total", `kind="notify.sms",outcome="failed"`, "1"},
	}
	for _, c := range checks {
		if got := metricValue(t, text, c.name, c.labels); got != c.want {
			t.Errorf("%s{%s} = %s, want %s", c.name, c.labels, got, c.want)
		}
	}
	for _, p := range []string{`pool="write"`, `pool="read"`} {
		metricValue(t, text, "db_open_connections", p)
		metricValue(t, text, "db_max_open_connections", p)
		metricValue(t, text, "db_wait_count_total", p)
	}
	if h.rt.cfg.DB.Engine == db.SQLite && metricValue(t, text, "db_max_open_connections", `pool="write"`) != "1" {
		t.Error("SQLite write pool should report one connection at most")
	}
	if strings.Contains(text, "13912345678") {
		t.Error("a raw path leaked into a metric label")
	}
	if !strings.Contains(text, "go_goroutines") {
		t.Error("Go runtime metrics missing")
	}
}

func TestMetricsShareableAcrossRouters(t *testing.T) {
	t.Parallel()
	m := NewMetrics()
	h := newHarness(t, func(c *Config) { c.Metrics = m })
	h.fork(t, func(c *Config) { c.Metrics = m })
}
