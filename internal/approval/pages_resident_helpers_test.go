package approval_test

import (
	"bytes"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Demo items the resident pages are tried on.
const (
	itemSoleTrader = "012300100001-320113" // 个体工商户设立登记: legal_rep required, bundled with the food licence
	itemFood       = "012300300001-320113" // 食品经营许可（新办）: 告知承诺, a table, a file field
)

// visitor is one phone browser: its cookies and the CSRF token of the
// last page it read.
type visitor struct {
	t    *testing.T
	site *apptest.Site
	c    *http.Client
	csrf string
}

// page is one answered request: status, final path and body.
type page struct {
	Status int
	Path   string
	Body   string
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]*)">`)

func newVisitor(t *testing.T, site *apptest.Site) *visitor {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &visitor{t: t, site: site, c: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// do sends r, follows redirects and keeps the page's CSRF token.
func (v *visitor) do(r *http.Request) page {
	v.t.Helper()
	res, err := v.c.Do(r)
	if err != nil {
		v.t.Fatalf("%s %s: %v", r.Method, r.URL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	p := page{Status: res.StatusCode, Path: res.Request.URL.RequestURI(), Body: string(b)}
	if m := csrfMeta.FindStringSubmatch(p.Body); m != nil {
		v.csrf = html.UnescapeString(m[1])
	}
	return p
}

func (v *visitor) get(path string) page {
	v.t.Helper()
	r, _ := http.NewRequest(http.MethodGet, v.site.URL+path, nil)
	return v.do(r)
}

// post sends a form with the last page's CSRF token.
func (v *visitor) post(path string, form url.Values) page {
	v.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set(web.CSRFField, v.csrf)
	r, _ := http.NewRequest(http.MethodPost, v.site.URL+path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return v.do(r)
}

// upload is one file of a multipart post.
type upload struct {
	field, name string
	data        []byte
}

// postFiles sends a multipart form with files and the CSRF token.
func (v *visitor) postFiles(path string, form url.Values, files ...upload) page {
	v.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField(web.CSRFField, v.csrf)
	for k, vs := range form {
		for _, x := range vs {
			mw.WriteField(k, x)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile(f.field, f.name)
		w.Write(f.data)
	}
	mw.Close()
	r, _ := http.NewRequest(http.MethodPost, v.site.URL+path, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return v.do(r)
}

var phoneTokenInput = regexp.MustCompile(`name="phone_token" value="([^"]*)"`)

// signIn signs a resident in by SMS code, as on the login page.
func signIn(t *testing.T, site *apptest.Site, phone string) *visitor {
	t.Helper()
	v := newVisitor(t, site)
	v.get("/login")
	p := v.post("/login/sms-code", url.Values{"phone": {phone}})
	m := phoneTokenInput.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no code step after asking for a code (%d): %.300s", p.Status, p.Body)
	}
	code, ok := site.SMS.LastCode(phone)
	if !ok {
		t.Fatalf("no sign-in code texted to %s", phone)
	}
	p = v.post("/login/resident", url.Values{"phone_token": {html.UnescapeString(m[1])}, "code": {code}})
	if p.Status != http.StatusOK || strings.HasPrefix(p.Path, "/login") {
		t.Fatalf("sign-in answered %d at %s", p.Status, p.Path)
	}
	return v
}

var appIDInPath = regexp.MustCompile(`^/my/applications/(\d+)/edit`)

// start creates an application from the guide's button and returns its id.
func (v *visitor) start(item string, bundle bool) int64 {
	v.t.Helper()
	form := url.Values{"item": {item}}
	if bundle {
		form.Set("bundle", "1")
	}
	p := v.post("/my/applications", form)
	m := appIDInPath.FindStringSubmatch(p.Path)
	if p.Status != http.StatusOK || m == nil {
		v.t.Fatalf("starting %s answered %d at %s: %.300s", item, p.Status, p.Path, p.Body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

var revisionInput = regexp.MustCompile(`name="revision" value="(\d+)"`)

// revision reads the revision a page's form carries.
func revision(t *testing.T, p page) string {
	t.Helper()
	m := revisionInput.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no revision on %s", p.Path)
	}
	return m[1]
}

var vInput = regexp.MustCompile(`name="v" value="([0-9a-f]+)"`)

// verification reads the verification id a page's step form carries.
func verification(t *testing.T, p page) string {
	t.Helper()
	m := vInput.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no verification step on %s: %.400s", p.Path, p.Body)
	}
	return m[1]
}

// idNumber is a valid ID number (GB 11643) of a Qixia-born person.
func idNumber(seq int) string {
	return check.MakeIDNumber("320113", time.Date(1988, 5, 17, 0, 0, 0, 0, time.UTC), seq)
}

// badCheckDigit is idNumber with its check digit changed.
func badCheckDigit(seq int) string {
	id := idNumber(seq)
	last := byte('0')
	if id[17] == '0' {
		last = '1'
	}
	return id[:17] + string(last)
}

// pdf is a minimal file that sniffs as a PDF.
var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// facePhoto is a small PNG the face simulator matches.
func facePhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for x := 0; x < 64; x++ {
		for y := 0; y < 64; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 4), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mustContain fails when body lacks any of want.
func mustContain(t *testing.T, what string, p page, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(p.Body, w) {
			t.Errorf("%s (%d %s) lacks %q", what, p.Status, p.Path, w)
		}
	}
}
