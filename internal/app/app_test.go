package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func noRedirects() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestSiteServesEveryModule(t *testing.T) {
	srv := apptest.Start(t)
	c := noRedirects()
	cases := []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "栖霞区政务服务"},
		{"/service-points", 200, "尧化街道政务服务中心"},
		{"/console", 303, ""},
		{"/console/org", 303, ""},
		{"/healthz", 200, ""},
		{"/readyz", 200, "ready"},
		{"/no-such-page", 404, "请求编号"},
		{"/api/v1/districts/320113/streets?limit=20", 200, "尧化街道"},
	}
	for _, tc := range cases {
		resp, body := get(t, c, srv.URL+tc.path)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s = %d, want %d containing %q", tc.path, resp.StatusCode, tc.status, tc.want)
		}
		if tc.status == 303 && !strings.HasPrefix(resp.Header.Get("Location"), "/console/login?next=") {
			t.Errorf("GET %s redirects to %q, want the staff sign-in", tc.path, resp.Header.Get("Location"))
		}
	}
}

func TestOpenAPIDocumentListsTheModulesOperations(t *testing.T) {
	srv := apptest.Start(t)
	_, body := get(t, http.DefaultClient, srv.URL+"/api/v1/openapi.json")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	for _, path := range []string{"/districts/{code}/streets", "/service-points"} {
		if _, ok := doc.Paths[path]; !ok {
			t.Errorf("the document lacks %s", path)
		}
	}
}

func TestJobsRunAndAreCounted(t *testing.T) {
	srv := apptest.Start(t)
	a := srv.App
	sms := srv.SMS
	if err := a.StartJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Jobs.Stop(context.Background()) })
	// Seeding created staff accounts with phones: their welcome SMS jobs
	// were committed with the accounts and run once a node works jobs.
	if _, ok := sms.WaitFor("13900000001", func(notify.SMS) bool { return true }, 20*time.Second); !ok {
		t.Fatal("the welcome SMS of the seeded administrator never went out")
	}
	get(t, http.DefaultClient, srv.URL+"/")
	want := []string{
		`http_requests_total{method="GET",route="/{$}",status="200"}`,
		`db_max_open_connections{pool=`, // "write" on SQLite, "shared" on PostgreSQL
		`jobs_total{kind="identity.welcome_staff",outcome="completed"}`,
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, w := range want {
		for {
			_, body := get(t, http.DefaultClient, srv.URL+"/metrics")
			if strings.Contains(body, w) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("/metrics lacks %s", w)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

func TestYearWithoutHolidayDataIsCounted(t *testing.T) {
	srv := apptest.Start(t)
	a := srv.App
	// 2035 has no holiday data: the calendar counts weekends only and says so.
	a.Calendar.AddWorkdays(time.Date(2035, 3, 1, 0, 0, 0, 0, time.UTC), 5)
	_, body := get(t, http.DefaultClient, srv.URL+"/metrics")
	if !strings.Contains(body, `calendar_missing_year_total{year="2035"} 1`) {
		t.Fatal("/metrics does not count the missing year 2035")
	}
}

// signInStaff returns a client signed in as a demo staff account, through
// the staff sign-in API.
func signInStaff(t *testing.T, srv *apptest.Site, username string) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	body := `{"username":"` + username + `","password":"` + app.DemoPassword + `"}`
	resp, err := c.Post(srv.URL+"/api/v1/sessions/staff", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusCreated {
		t.Fatalf("sign in as %s: %d", username, resp.StatusCode)
	}
	return c
}

func TestStaffPagesNameUnitsAndFollowRoles(t *testing.T) {
	srv := apptest.Start(t)
	admin := signInStaff(t, srv, "admin")
	_, body := get(t, admin, srv.URL+"/console/staff")
	for _, want := range []string{"尧化街道政务服务中心", "栖霞区市场监督管理局", "尧化社区"} {
		if !strings.Contains(body, want) {
			t.Errorf("/console/staff lacks the unit name %s", want)
		}
	}
	_, body = get(t, admin, srv.URL+"/console/org/communities/320113001001")
	if !strings.Contains(body, "尧化社区网格员") {
		t.Error("the community page does not name the seeded grid leader")
	}
	_, body = get(t, admin, srv.URL+"/console")
	if !strings.Contains(body, "人员与权限") || !strings.Contains(body, "组织机构") {
		t.Error("the administrator's console lacks its navigation")
	}
	worker := signInStaff(t, srv, "wangge.yaohua")
	resp, body := get(t, worker, srv.URL+"/console")
	if resp.StatusCode != 200 || strings.Contains(body, "人员与权限") {
		t.Errorf("grid worker's console: %d, shows staff administration = %v", resp.StatusCode, strings.Contains(body, "人员与权限"))
	}
	if resp, _ := get(t, worker, srv.URL+"/console/staff"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("grid worker on /console/staff: %d, want 403", resp.StatusCode)
	}
}

func TestDemoCatalogueIsPublished(t *testing.T) {
	srv := apptest.Start(t)
	ctx := context.Background()
	counts, err := srv.App.Catalog.Counts(ctx, authz.System("320113"), "320113")
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total < 60 || counts.Contactless == 0 {
		t.Fatalf("demo catalogue in force: %+v, want at least 60 items, some contactless", counts)
	}
}

func TestFrontDeskReadsTheCatalogueButCannotEditIt(t *testing.T) {
	srv := apptest.Start(t)
	desk := signInStaff(t, srv, "qianmo.yaohua")
	resp, body := get(t, desk, srv.URL+"/console/catalog")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "食品经营许可") {
		t.Fatalf("front desk on /console/catalog: %d", resp.StatusCode)
	}
	if resp, _ := get(t, desk, srv.URL+"/console/catalog/new"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("front desk on the new-item editor: %d, want 403", resp.StatusCode)
	}
}
