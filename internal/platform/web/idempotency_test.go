package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// countingAPI registers POST /api/v1/orders whose handler counts its runs
// and answers with the run number; status sets what it answers.
type countingAPI struct {
	runs   atomic.Int64
	status atomic.Int64
	delay  time.Duration
	panics atomic.Bool
}

func newCountingAPI(h *harness, delay time.Duration) *countingAPI {
	c := &countingAPI{delay: delay}
	c.status.Store(http.StatusCreated)
	h.rt.API(Op{Method: "POST", Path: "/orders", OperationID: "createOrder", Summary: "下单", Auth: true,
		Request: map[string]any{}, Responses: map[int]Response{201: {Description: "已创建"}}},
		func(w http.ResponseWriter, r *http.Request) {
			var body struct {
				Item string `json:"item"`
			}
			if err := DecodeJSON(r, &body, 1024); err != nil {
				WriteError(w, r, err)
				return
			}
			n := c.runs.Add(1)
			time.Sleep(c.delay)
			if c.panics.Load() {
				panic("handler failed")
			}
			WriteJSON(w, int(c.status.Load()), map[string]any{"run": n, "item": body.Item})
		})
	return c
}

// order builds a POST with a session (or an API key when who starts with
// "Bearer ") and an optional Idempotency-Key.
func order(who, key, body string) *http.Request {
	r := jsonReq("POST", "/api/v1/orders", "", body)
	switch {
	case strings.HasPrefix(who, "Bearer "):
		r.Header.Set("Authorization", who)
	case who != "":
		r.AddCookie(&http.Cookie{Name: SessionCookie, Value: who})
		r.Header.Set(CSRFHeader, map[string]string{"tok-resident": "csrf-7", "tok-staff": "csrf-8"}[who])
	}
	if key != "" {
		r.Header.Set(IdempotencyHeader, key)
	}
	return r
}

func TestIdempotencyReplay(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := newCountingAPI(h, 0)
	first := h.do(order("tok-resident", "key-1", `{"item":"路灯"}`))
	second := h.do(order("tok-resident", "key-1", `{"item":"路灯"}`))
	if first.Code != 201 || second.Code != 201 || first.Body.String() != second.Body.String() {
		t.Fatalf("first %d %s, second %d %s", first.Code, first.Body.String(), second.Code, second.Body.String())
	}
	if c.runs.Load() != 1 {
		t.Fatalf("handler ran %d times", c.runs.Load())
	}
	if second.Header().Get(ReplayedHeader) != "true" || first.Header().Get(ReplayedHeader) != "" {
		t.Error("Idempotent-Replayed header wrong")
	}
	if second.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("replayed content type %q", second.Header().Get("Content-Type"))
	}
}

func TestIdempotencyRefusals(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := newCountingAPI(h, 0)
	h.do(order("tok-resident", "key-1", `{"item":"路灯"}`))
	tests := []struct {
		name   string
		r      *http.Request
		status int
		msg    string
	}{
		{"same key, other body", order("tok-resident", "key-1", `{"item":"井盖"}`), 422, "另一个不同的请求"},
		{"key too long", order("tok-resident", strings.Repeat("k", 129), `{}`), 400, "1 到 128"},
		{"key not ascii", order("tok-resident", "键", `{}`), 400, "1 到 128"},
		{"anonymous caller", withHeader(jsonReq("POST", "/api/v1/orders", "", `{}`), IdempotencyHeader, "k"), 401, "请先登录"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := h.do(tc.r)
			if w.Code != tc.status || !strings.Contains(envelope(t, w).Message, tc.msg) {
				t.Errorf("%d %s", w.Code, w.Body.String())
			}
		})
	}
	r := order("tok-resident", "", `{}`)
	r.Header.Add(IdempotencyHeader, "a")
	r.Header.Add(IdempotencyHeader, "b")
	if w := h.do(r); w.Code != 400 {
		t.Errorf("two keys: %d", w.Code)
	}
	if c.runs.Load() != 1 {
		t.Errorf("handler ran %d times", c.runs.Load())
	}
}

func TestIdempotencyAnonymousPublicOp(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.API(Op{Method: "POST", Path: "/public", OperationID: "public", Summary: "公开",
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)
	w := h.do(withHeader(jsonReq("POST", "/api/v1/public", "", `{}`), IdempotencyHeader, "k1"))
	if w.Code != 400 || !strings.Contains(envelope(t, w).Message, "仅用于已登录") {
		t.Errorf("%d %s", w.Code, w.Body.String())
	}
}

func TestIdempotencyScopesAndRuns(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := newCountingAPI(h, 0)
	steps := []struct {
		name     string
		r        *http.Request
		runs     int64
		replayed bool
	}{
		{"no key runs", order("tok-resident", "", `{"item":"a"}`), 1, false},
		{"no key runs again", order("tok-resident", "", `{"item":"a"}`), 2, false},
		{"key", order("tok-resident", "k", `{"item":"a"}`), 3, false},
		{"same key, other account", order("tok-staff", "k", `{"item":"a"}`), 4, false},
		{"same key, api key", order("Bearer secret-key-1", "k", `{"item":"a"}`), 5, false},
		{"api key replay", order("Bearer secret-key-1", "k", `{"item":"a"}`), 5, true},
		{"account replay", order("tok-staff", "k", `{"item":"a"}`), 5, true},
	}
	for _, s := range steps {
		w := h.do(s.r)
		if c.runs.Load() != s.runs || (w.Header().Get(ReplayedHeader) == "true") != s.replayed || w.Code != 201 {
			t.Fatalf("%s: %d runs, status %d, replayed %q", s.name, c.runs.Load(), w.Code, w.Header().Get(ReplayedHeader))
		}
	}
}

func TestIdempotencyFailuresAreNotStored(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := newCountingAPI(h, 0)
	c.status.Store(http.StatusServiceUnavailable)
	if w := h.do(order("tok-resident", "k", `{}`)); w.Code != 503 {
		t.Fatalf("first: %d", w.Code)
	}
	c.status.Store(http.StatusCreated)
	c.panics.Store(true)
	if w := h.do(order("tok-resident", "k", `{}`)); w.Code != 500 {
		t.Fatalf("panicking: %d", w.Code)
	}
	c.panics.Store(false)
	if w := h.do(order("tok-resident", "k", `{}`)); w.Code != 201 || w.Header().Get(ReplayedHeader) != "" {
		t.Fatalf("retry after failures: %d", w.Code)
	}
	if c.runs.Load() != 3 {
		t.Fatalf("handler ran %d times, want 3", c.runs.Load())
	}
	c.status.Store(http.StatusConflict)
	h.do(order("tok-resident", "k4", `{}`))
	if w := h.do(order("tok-resident", "k4", `{}`)); w.Code != 409 || w.Header().Get(ReplayedHeader) != "true" {
		t.Errorf("a 4xx answer is stored and replayed: %d", w.Code)
	}
}

func TestIdempotencyExpiry(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	c := newCountingAPI(h, 0)
	h.do(order("tok-resident", "k", `{}`))
	h.clock.Advance(23 * time.Hour)
	h.do(order("tok-resident", "k", `{}`))
	if c.runs.Load() != 1 {
		t.Fatalf("replay window: %d runs", c.runs.Load())
	}
	h.clock.Advance(2 * time.Hour)
	w := h.do(order("tok-resident", "k", `{"item":"新"}`))
	if c.runs.Load() != 2 || w.Header().Get(ReplayedHeader) != "" {
		t.Fatalf("expired key not reused: %d runs", c.runs.Load())
	}
	n, err := PurgeIdempotencyKeys(context.Background(), h.rt.cfg.DB, h.clock.Now().Add(time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("purge: %d %v", n, err)
	}
}

// TestIdempotencyConcurrentDuplicates fires the same keyed POST from many
// clients at once: the handler must run exactly once; every client gets
// the first result.
func TestIdempotencyConcurrentDuplicates(t *testing.T) {
	h := newHarness(t)
	c := newCountingAPI(h, 150*time.Millisecond)
	srv := httptest.NewServer(h.rt)
	defer srv.Close()
	const clients = 8
	var wg sync.WaitGroup
	results := make([]string, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := order("tok-resident", "same", `{"item":"同一个"}`)
			r.RequestURI = ""
			r.URL = mustURL(srv.URL + "/api/v1/orders")
			resp, err := srv.Client().Do(r)
			if err != nil {
				results[i] = "error " + err.Error()
				return
			}
			defer resp.Body.Close()
			var b strings.Builder
			_, _ = fmt.Fprint(&b, resp.StatusCode, " ")
			buf := make([]byte, 512)
			n, _ := resp.Body.Read(buf)
			b.Write(buf[:n])
			results[i] = b.String()
		}()
	}
	wg.Wait()
	if c.runs.Load() != 1 {
		t.Fatalf("handler ran %d times for one key", c.runs.Load())
	}
	// Duplicates wait (up to 10 s) for the first to finish, so every
	// client gets the one result.
	want := `201 {"item":"同一个","run":1}`
	for i, got := range results {
		if strings.TrimSpace(got) != want {
			t.Errorf("client %d got %q", i, got)
		}
	}
}

func TestIdempotencyWaitGivesUp(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.IdempotencyWait = 100 * time.Millisecond })
	c := newCountingAPI(h, 600*time.Millisecond)
	srv := httptest.NewServer(h.rt)
	defer srv.Close()
	done := make(chan int, 1)
	go func() {
		r := order("tok-resident", "slow", `{}`)
		r.RequestURI, r.URL = "", mustURL(srv.URL+"/api/v1/orders")
		resp, err := srv.Client().Do(r)
		if err == nil {
			resp.Body.Close()
			done <- resp.StatusCode
		}
		close(done)
	}()
	time.Sleep(150 * time.Millisecond) // the first one holds the key
	w := h.do(order("tok-resident", "slow", `{}`))
	if w.Code != 409 || !strings.Contains(envelope(t, w).Message, "仍在处理中") {
		t.Errorf("impatient duplicate: %d %s", w.Code, w.Body.String())
	}
	if got := <-done; got != 201 {
		t.Errorf("first request: %d", got)
	}
	if c.runs.Load() != 1 {
		t.Errorf("handler ran %d times", c.runs.Load())
	}
}

func TestIdempotencyBodyLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(c *Config) { c.MaxIdempotentBytes = 64 })
	c := newCountingAPI(h, 0)
	w := h.do(order("tok-resident", "k", `{"item":"`+strings.Repeat("x", 100)+`"}`))
	if w.Code != 413 || c.runs.Load() != 0 {
		t.Errorf("%d, %d runs", w.Code, c.runs.Load())
	}
}

var keyPattern = regexp.MustCompile(`^[\x20-\x7e]{1,128}$`)

// FuzzIdempotencyKey checks the validator against a regular expression.
func FuzzIdempotencyKey(f *testing.F) {
	for _, s := range []string{"a", "", " ", "~", "\x7f", "键", strings.Repeat("k", 128), strings.Repeat("k", 129), "a\nb", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, k string) {
		if got, want := ValidIdempotencyKey(k), keyPattern.MatchString(k); got != want {
			t.Fatalf("ValidIdempotencyKey(%q) = %v, want %v", k, got, want)
		}
	})
}

func TestPurgeWorkerDeletesOnlyExpiredKeys(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 5, 6, 1, 0, 0, 0, time.UTC))
	d := dbtest.Open(t, c)
	ctx := context.Background()
	insert := func(key string) {
		t.Helper()
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO idempotency_keys
				(scope, idem_key, method, path, request_hash, status, content_type, body, created_at)
				VALUES ('a:1', ?, 'POST', '/x', 'h', 201, 'application/json', ?, ?)`, key, []byte("{}"), tx.Now())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	insert("old")
	c.Advance(25 * time.Hour)
	insert("fresh")
	w := &PurgeIdempotencyWorker{DB: d, TTL: 24 * time.Hour}
	if err := w.Work(ctx, nil); err != nil {
		t.Fatal(err)
	}
	var keys []string
	rows, err := d.Query(ctx, `SELECT idem_key FROM idempotency_keys ORDER BY idem_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	if len(keys) != 1 || keys[0] != "fresh" {
		t.Fatalf("keys left: %v, want [fresh]", keys)
	}
}
