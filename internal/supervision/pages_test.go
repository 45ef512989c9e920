package supervision

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

type site struct {
	*fixture
	rt *web.Router
}

func newSite(t *testing.T) *site {
	t.Helper()
	f := newFixture(t)
	who := webtest.Sessions{"xl": inspector(7, f.streets["仙林街道"]), "yh": inspector(8, f.streets["尧化街道"]),
		"leader": staff(9, authz.RoleLeader), "approver": staff(10, authz.RoleApprover)}
	return &site{fixture: f, rt: f.router(t, who)}
}

// router serves the module's pages and API over the fixture's service.
func (f *fixture) router(t *testing.T, who webtest.Sessions) *web.Router {
	t.Helper()
	return webtest.NewRouter(t, f.d, Templates, Nav(), who, func(rt *web.Router, rd *web.Renderer) {
		NewHandlers(f.s, rd).Register(rt)
	})
}

// do sends a request as who (session cookie and CSRF header), with ct as
// the body's Content-Type.
func (s *site) do(method, target, who string, body io.Reader, ct string) *httptest.ResponseRecorder {
	return webtest.Do(s.rt, method, target, who, body, ct)
}

// visitForm builds the multipart visit form.
func visitForm(t *testing.T, task Task, lat, lng, outcome string, photo []byte) (io.Reader, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := range task.Checklist {
		mw.WriteField("check."+strconv.Itoa(i), "pass")
	}
	mw.WriteField("findings", "证照齐全")
	mw.WriteField("lat", lat)
	mw.WriteField("lng", lng)
	mw.WriteField("outcome", outcome)
	if photo != nil {
		fw, _ := mw.CreateFormFile("photos", "现场.png")
		fw.Write(photo)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

func pngBytes() []byte {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)))
	return b.Bytes()
}

func TestPages(t *testing.T) {
	s := newSite(t)
	task := s.commitmentTask(t, 1, "仙林街道")
	path := TasksPath + "/" + strconv.FormatInt(task.ID, 10)
	tests := []struct {
		name, method, target, who string
		status                    int
		contains                  string
	}{
		{"inspector's list", "GET", TasksPath, "xl", 200, "栖霞小厨餐饮店"},
		{"list with a position", "GET", TasksPath + "?lat=32.1&lng=118.9", "xl", 200, "公里"},
		{"other street's list is empty", "GET", TasksPath, "yh", 200, "没有待办的检查任务"},
		{"visit form", "GET", path, "xl", 200, "所填报信息和提交的材料真实、准确"},
		{"other street cannot open it", "GET", path, "yh", 404, ""},
		{"approver has no list", "GET", TasksPath, "approver", 403, ""},
		{"leader's overview", "GET", OverviewPath, "leader", 200, "仙林街道"},
		{"inspector has no overview", "GET", OverviewPath, "xl", 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := s.do(tt.method, tt.target, tt.who, nil, "")
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.contains) {
				t.Fatalf("%d %s", w.Code, w.Body.String())
			}
			if strings.Contains(w.Body.String(), "<script>") || strings.Contains(w.Body.String(), "style=") {
				t.Error("inline script or style")
			}
		})
	}
	// Outside the district: the form again with the error, nothing saved.
	body, ct := visitForm(t, task, "31.23", "121.47", OutcomeCompliant, nil)
	if w := s.do("POST", path, "xl", body, ct); w.Code != 422 || !strings.Contains(w.Body.String(), "定位不在本区范围内") {
		t.Fatalf("outside: %d %s", w.Code, w.Body.String())
	}
	// Another street's inspector cannot post.
	body, ct = visitForm(t, task, "32.1", "118.92", OutcomeCompliant, nil)
	if w := s.do("POST", path, "yh", body, ct); w.Code != 404 {
		t.Fatalf("other street: %d", w.Code)
	}
	body, ct = visitForm(t, task, "32.1", "118.92", OutcomeCompliant, pngBytes())
	if w := s.do("POST", path, "xl", body, ct); w.Code != http.StatusSeeOther {
		t.Fatalf("visit: %d %s", w.Code, w.Body.String())
	}
	var photos string
	if err := s.d.QueryRow(s.ctx, `SELECT photos FROM inspection_visits WHERE task_id = ?`, task.ID).Scan(&photos); err != nil ||
		len(photos) < 10 {
		t.Fatalf("photos %q, %v", photos, err)
	}
	body, ct = visitForm(t, task, "32.1", "118.92", OutcomeCompliant, nil)
	if w := s.do("POST", path, "xl", body, ct); w.Code != http.StatusConflict {
		t.Fatalf("second visit: %d", w.Code)
	}
}

func TestBadPhotoLeavesNothing(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	in := compliant(task)
	in.Uploads = []PhotoUpload{{Name: "x.png", Data: []byte("not an image")}}
	before := f.state(t)
	_, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), task.ID, in)
	if e, ok := apperr.As(err); !ok || e.Fields["photos"] == "" {
		t.Fatalf("err = %v", err)
	}
	var n int
	f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM files`).Scan(&n)
	if f.state(t) != before || n != 0 {
		t.Fatalf("state changed, %d files", n)
	}
}
