package catalog

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// The browse tests' items: one the district centre alone accepts, one any
// point accepts, one for district and street centres that cannot be done
// on the phone. All belong to the life event 开办企业 and share the
// keyword 办证, so one search or list shows how the context filters.
const (
	bDistrict  = "BROWSE-DIST-320113"
	bCommunity = "BROWSE-COMM-320113"
	bStreet    = "BROWSE-STREET-320113"
)

// The test places: 尧化街道 with its centre and a station, 马群街道 without
// a known centre, and the district centre.
const (
	tpDistrictCentre = "320113P01"
	tpStreetCentre   = "320113001P01"
	tpStation        = "320113001001P01"
	tpYaohua         = "320113001"
	tpMaqun          = "320113002"
)

// testPlaces stands in for the organisation module.
type testPlaces struct{}

func (testPlaces) Streets(context.Context) ([]Place, error) {
	return []Place{
		{Code: tpYaohua, Name: "尧化街道", Level: LevelStreet, StreetCode: tpYaohua, StreetName: "尧化街道"},
		{Code: tpMaqun, Name: "马群街道", Level: LevelStreet, StreetCode: tpMaqun, StreetName: "马群街道"},
	}, nil
}

var testPoints = map[string]Place{
	tpDistrictCentre: {Code: tpDistrictCentre, Name: "栖霞区政务服务中心", Level: LevelDistrict, Address: "南京市栖霞区"},
	tpStreetCentre: {Code: tpStreetCentre, Name: "尧化街道政务服务中心", Level: LevelStreet, StreetCode: tpYaohua,
		StreetName: "尧化街道", Address: "南京市栖霞区尧化街道文澜路"},
	tpStation: {Code: tpStation, Name: "尧化社区便民服务站", Level: LevelCommunity, StreetCode: tpYaohua,
		StreetName: "尧化街道", Address: "南京市栖霞区尧化街道尧化社区"},
}

func (testPlaces) Point(_ context.Context, code string) (Place, error) {
	if p, ok := testPoints[code]; ok {
		return p, nil
	}
	return Place{}, apperr.NotFound("没有这个办事网点")
}

// browseItems returns the three test items.
func browseItems() []Item {
	dist := validItem(bDistrict)
	dist.Name, dist.ExerciseLevels = "烟草专卖零售许可", []Level{LevelDistrict}
	dist.LegalDaysBasis, dist.DemoValues = "《中华人民共和国行政许可法》第四十二条", true
	comm := validItem(bCommunity)
	comm.Name, comm.ExerciseLevels = "居民最低生活保障审核", []Level{LevelDistrict, LevelStreet, LevelCommunity}
	comm.LegalDays, comm.LegalDaysBasis = 15, ""
	street := validItem(bStreet)
	street.Name, street.ExerciseLevels = "老年人优待证办理", []Level{LevelDistrict, LevelStreet}
	street.Online, street.Visits = false, 1
	out := []Item{dist, comm, street}
	for i := range out {
		out[i].Keywords, out[i].LifeEvents = []string{"办证"}, []string{"开办企业"}
	}
	return out
}

// browseSite serves the catalogue's public pages over the test items,
// with places known unless noPlaces.
type browseSite struct {
	t   *testing.T
	url string
	c   *http.Client
}

func newBrowseSite(t *testing.T, noPlaces bool) *browseSite {
	t.Helper()
	svc, d, _ := newService(t)
	if _, err := svc.Seed(context.Background(), authz.System(district), browseItems(), testNow); err != nil {
		t.Fatalf("seed: %v", err)
	}
	var opts []Option
	if !noPlaces {
		opts = append(opts, WithPlaces(testPlaces{}))
	}
	// No session resolves: every visitor is anonymous.
	rt := webtest.NewRouter(t, d, Templates, Nav(), webtest.Sessions{}, func(rt *web.Router, rd *web.Renderer) {
		NewHandlers(svc, rd, district, opts...).Register(rt)
	})
	srv := httptest.NewServer(rt)
	t.Cleanup(srv.Close)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browseSite{t: t, url: srv.URL, c: &http.Client{Jar: jar}}
}

// get fetches path with the site's cookie jar.
func (s *browseSite) get(path string) (int, string) {
	s.t.Helper()
	resp, err := s.c.Get(s.url + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// pointCookieValue is the svc_point cookie the jar holds, "" when none.
func (s *browseSite) pointCookieValue() string {
	req, _ := http.NewRequest(http.MethodGet, s.url+"/services", nil)
	for _, c := range s.c.Jar.Cookies(req.URL) {
		if c.Name == pointCookie {
			return c.Value
		}
	}
	return ""
}

// expectPage fails unless the answer has the status, every want and no not.
func expectPage(t *testing.T, what string, status int, body string, wantStatus int, want, not []string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("%s: status %d, want %d\n%.1500s", what, status, wantStatus, body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
	for _, n := range not {
		if strings.Contains(body, n) {
			t.Errorf("%s contains %q", what, n)
		}
	}
}
