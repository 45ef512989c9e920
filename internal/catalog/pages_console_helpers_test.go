package catalog_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

// The demo item the console scenarios edit: a 办理项 with a 3-day legal
// limit and no bundle.
const (
	editCode = "012300100002-320113"
	editName = "个体工商户变更登记"
)

// browser is a signed-in (or anonymous) visitor of the demo site.
type browser struct {
	t    *testing.T
	site *apptest.Site
	c    *http.Client
	csrf string
}

func newBrowser(t *testing.T, site *apptest.Site) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, site: site, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// staff signs a demo staff member in and keeps the session's CSRF token.
func staff(t *testing.T, site *apptest.Site, username string) *browser {
	t.Helper()
	b := newBrowser(t, site)
	body := `{"username":"` + username + `","password":"` + app.DemoPassword + `"}`
	resp, err := b.c.Post(site.URL+"/api/v1/sessions/staff", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		CSRFToken string `json:"csrf_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.CSRFToken == "" {
		t.Fatalf("sign in as %s: %d, csrf %q, %v", username, resp.StatusCode, out.CSRFToken, err)
	}
	b.csrf = out.CSRFToken
	return b
}

func (b *browser) do(req *http.Request) (int, string, http.Header) {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return resp.StatusCode, string(raw), resp.Header
}

func (b *browser) get(path string) (int, string, http.Header) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.site.URL+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// post sends a page form with the session's CSRF token (none when
// withCSRF is false).
func (b *browser) post(path string, form url.Values, withCSRF bool) (int, string, http.Header) {
	b.t.Helper()
	form = cloneValues(form)
	if withCSRF {
		form.Set("csrf_token", b.csrf)
	}
	req, err := http.NewRequest(http.MethodPost, b.site.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// versions counts the stored versions of an item.
func versions(t *testing.T, site *apptest.Site, code string) int {
	t.Helper()
	var n int
	err := site.App.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM catalog_item_versions v
		JOIN catalog_items i ON i.id = v.item_id WHERE i.impl_code = ?`, code).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// editorForm is the editor's form for the demo item as published, with
// change applied to the item before it is written as JSON.
func editorForm(t *testing.T, site *apptest.Site, change func(m map[string]any)) url.Values {
	t.Helper()
	v, err := site.App.Catalog.Get(context.Background(), editCode)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(v.Item)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(m)
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	num := func(k string) string { return strconv.Itoa(int(m[k].(float64))) }
	f := url.Values{"name": {m["name"].(string)}, "promised_days": {num("promised_days")}, "visits": {num("visits")},
		"body": {string(body)}}
	for _, k := range []string{"online", "agent", "door_to_door", "same_city_pickup"} {
		if m[k] == true {
			f.Set(k, "on")
		}
	}
	return f
}

func expect(t *testing.T, what string, status int, body string, wantStatus int, wants ...string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("%s: status %d, want %d; body:\n%.2000s", what, status, wantStatus, body)
	}
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: the page lacks %q", what, w)
		}
	}
}

// todayCN is today's date in China, the publish form's default.
func todayCN() string { return time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly) }
