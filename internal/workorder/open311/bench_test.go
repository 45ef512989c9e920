package open311

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchOrdersEnv names the number of generated orders loaded before the
// Open311 benchmark (e.g. SHANZHI_BENCH_ORDERS=1000000, which takes
// minutes to load); unset, a small load keeps the benchmark quick enough
// for CI.
const benchOrdersEnv = "SHANZHI_BENCH_ORDERS"

const defaultBenchOrders = 3000

// BenchmarkOpen311 loads generated orders, then times GET requests the way
// clients send them through the whole router, beside baselines served in
// the same run (/healthz, which touches no table, and discovery.json,
// which reads the cached category tree). Each case reports the p50 and p99
// latency of its requests and the requests per second; "c8" cases run 8
// clients at once.
func BenchmarkOpen311(b *testing.B) {
	n := defaultBenchOrders
	if s := os.Getenv(benchOrdersEnv); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n <= 0 {
			b.Fatalf("%s=%q: want a positive number", benchOrdersEnv, s)
		}
	}
	r := newRig(b)
	start := time.Now()
	g, err := r.svc.GenerateLoad(r.ctx, district, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("engine %s: loaded %d orders (%d events) in %s", r.d.Engine, g.Orders, g.Events, time.Since(start).Round(time.Second))
	// Refresh the planner's statistics after the bulk load, as a running
	// database's maintenance would.
	r.exec(b, `ANALYZE`)
	ids := sampleIDs(b, r, 1000)
	now := r.clock.Now()
	window := url.Values{"start_date": {w3c(now.AddDate(0, 0, -30))}, "end_date": {w3c(now.AddDate(0, 0, -20))},
		"page_size": {"100"}}.Encode()
	cases := []struct{ name, path string }{
		{"baseline/healthz", "/healthz"},
		{"baseline/discovery.json", Prefix + "/discovery.json"},
		{"services.json", Prefix + "/services.json"},
		{"requests.json/default-90d-1000", Prefix + "/requests.json"},
		{"requests.json/page_size=50", Prefix + "/requests.json?page_size=50"},
		{"requests.xml/page_size=50", Prefix + "/requests.xml?page_size=50"},
		{"requests.json/status=open", Prefix + "/requests.json?status=open&page_size=50"},
		{"requests.json/service_code=WY-01", Prefix + "/requests.json?service_code=WY-01&page_size=50"},
		{"requests.json/10-day-window", Prefix + "/requests.json?" + window},
		{"requests.json/page=100", Prefix + "/requests.json?page=100&page_size=50"},
		{"requests.json/10-ids", Prefix + "/requests.json?service_request_id=" + strings.Join(ids[:10], ",")},
		{"requests/{id}.json", ""},
	}
	for _, clients := range []int{1, 8} {
		for _, c := range cases {
			if clients > 1 && !slices.Contains([]string{"baseline/healthz", "baseline/discovery.json",
				"requests.json/page_size=50", "requests/{id}.json"}, c.name) {
				continue
			}
			b.Run("c"+strconv.Itoa(clients)+"/"+c.name, func(b *testing.B) {
				measure(b, clients, func(i int) string {
					if c.path == "" {
						return Prefix + "/requests/" + ids[i%len(ids)] + ".json"
					}
					return c.path
				}, r)
			})
		}
	}
}

// measure sends b.N requests from clients goroutines and reports their
// latency percentiles and throughput.
func measure(b *testing.B, clients int, target func(i int) string, r *rig) {
	lat := make([]time.Duration, b.N)
	var next sync.Mutex
	i := 0
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= b.N {
					return
				}
				t0 := time.Now()
				w := httptest.NewRecorder()
				r.rt.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target(k), nil))
				lat[k] = time.Since(t0)
				if w.Code != http.StatusOK || w.Body.Len() == 0 {
					b.Errorf("%s: %d %.200s", target(k), w.Code, w.Body)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
}

// sampleIDs picks k request ids spread over the load.
func sampleIDs(b *testing.B, r *rig, k int) []string {
	rows, err := r.d.Query(r.ctx, `SELECT number FROM workorders ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var all []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			b.Fatal(err)
		}
		all = append(all, s)
	}
	step := max(len(all)/k, 1)
	var out []string
	for j := 0; j < len(all) && len(out) < k; j += step {
		out = append(out, all[j])
	}
	return out
}
