package approval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
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
	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// kBundle is the demo item the console scenarios file: 个体工商户设立登记
// with 食品经营许可 (告知承诺), four tasks at 区市场监管局.
const kBundle = "012300100001-320113"

// kStaff is a signed-in staff browser that does not follow redirects.
type kStaff struct {
	t    *testing.T
	site *apptest.Site
	c    *http.Client
	csrf string
}

// kSignIn signs a staff member in through the API and keeps the CSRF token.
func kSignIn(t *testing.T, site *apptest.Site, username string) *kStaff {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &kStaff{t: t, site: site, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	body := `{"username":"` + username + `","password":"` + app.DemoPassword + `"}`
	resp, err := s.c.Post(site.URL+"/api/v1/sessions/staff", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		CSRFToken string `json:"csrf_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.CSRFToken == "" {
		t.Fatalf("sign in as %s: %d, %v", username, resp.StatusCode, err)
	}
	s.csrf = out.CSRFToken
	return s
}

// get answers status, body and the Location of a redirect.
func (s *kStaff) get(path string) (int, string, string) {
	s.t.Helper()
	resp, err := s.c.Get(s.site.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// post sends a page form with the CSRF token.
func (s *kStaff) post(path string, form url.Values) (int, string, string) {
	s.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf_token", s.csrf)
	resp, err := s.c.Post(s.site.URL+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

// mustPost posts and expects a redirect to want.
func (s *kStaff) mustPost(path string, form url.Values, want string) {
	s.t.Helper()
	status, body, loc := s.post(path, form)
	if status != http.StatusSeeOther || loc != want {
		s.t.Fatalf("POST %s: %d → %q, want 303 → %q: %.600s", path, status, loc, want, body)
	}
}

// kResident is the demo resident 王小栖 acting for themself.
func kResident(t *testing.T, site *apptest.Site) *authz.Actor {
	t.Helper()
	id, err := site.App.Identity.BootstrapResident(context.Background(), "320113", "13800000001")
	if err != nil {
		t.Fatal(err)
	}
	return &authz.Actor{AccountID: id, Kind: authz.KindResident, Name: "王*栖", District: "320113",
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}
}

// kPersonID is a valid ID number (GB 11643).
func kPersonID(seq int) string {
	return check.MakeIDNumber("320113", time.Date(1990, 3, 7, 0, 0, 0, 0, time.UTC), seq)
}

// kSubmit files the bundle as the demo resident, through the services:
// draft, form, materials, remote identity with the simulators, submission.
func kSubmit(t *testing.T, site *apptest.Site, who *authz.Actor) approval.Filed {
	t.Helper()
	ctx, a := context.Background(), site.App.Approval
	f, err := a.CreateDraft(ctx, who, kBundle, true)
	if err != nil {
		t.Fatal(err)
	}
	d := approval.Draft{Form: kFill(f.Items), UseCommitment: true,
		Parties: []approval.Party{{Role: approval.PartyLegalRep, SubjectKind: "person", Name: "王小栖", Code: kPersonID(21)}}}
	var ups []approval.Upload
	for _, v := range f.Items {
		for _, fd := range v.Item.Form {
			if fd.Required && fd.Type == catalog.FieldFile {
				ups = append(ups, approval.Upload{Field: fd.Name, Name: fd.Label + ".pdf", Data: []byte("%PDF-1.4\n%%EOF\n")})
			}
		}
	}
	if _, err := a.SaveDraftFiles(ctx, who, f.ID, f.Revision, d, ups); err != nil {
		t.Fatal(err)
	}
	for _, v := range f.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required {
				if _, err := a.AttachMaterial(ctx, who, f.ID, v.ImplCode, i, m.Name+".pdf", []byte("%PDF-1.4\n%%EOF\n")); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	kVerify(t, site, who, f.ID)
	cur, err := a.Get(ctx, who, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := a.Submit(ctx, who, f.ID, cur.Revision)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// kVerify passes the carrier three-factor check, the fresh SMS code (read
// from the site's recording SMS adapter) and the face match for the
// application with the simulators.
func kVerify(t *testing.T, site *apptest.Site, who *authz.Actor, id int64) {
	t.Helper()
	ctx, v := context.Background(), site.App.Verify
	ver, err := v.Start(ctx, who, "application:"+kItoa(id))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.CheckCarrier(ctx, who, ver.ID, verify.CarrierInput{Name: "王小栖", IDNumber: kPersonID(11), Phone: "13800000001"}); err != nil {
		t.Fatal(err)
	}
	if _, err := v.SendCode(ctx, who, ver.ID); err != nil {
		t.Fatal(err)
	}
	code, ok := site.SMS.LastCode("13800000001")
	if !ok {
		t.Fatal("no verification code texted")
	}
	if _, err := v.CheckCode(ctx, who, ver.ID, code); err != nil {
		t.Fatal(err)
	}
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 64, 64))); err != nil {
		t.Fatal(err)
	}
	if _, err := v.CheckFace(ctx, who, ver.ID, img.Bytes()); err != nil {
		t.Fatal(err)
	}
}

// kFill answers every required field validly.
func kFill(items []catalog.Version) map[string]any {
	out := map[string]any{}
	for _, v := range items {
		for _, fd := range v.Item.Form {
			if fd.Required {
				out[fd.Name] = kAnswer(fd)
			}
		}
	}
	return out
}

// kAnswer is a valid answer to one field.
func kAnswer(fd catalog.FormField) any {
	switch fd.Type {
	case catalog.FieldIDNumber:
		return kPersonID(31)
	case catalog.FieldPhone:
		return "13800000001"
	case catalog.FieldAddress:
		return "栖霞区尧化街道尧化门街1号"
	case catalog.FieldNumber:
		return "10"
	case catalog.FieldDate:
		return "2026-03-01"
	case catalog.FieldChoice:
		return fd.Options[0]
	case catalog.FieldMultiChoice:
		return []any{fd.Options[0]}
	case catalog.FieldTable:
		row := map[string]any{}
		for _, c := range fd.Columns {
			row[c.Name] = kAnswer(c)
		}
		return []any{row}
	}
	return "栖霞小馆"
}

// kApprover creates a staff approver of the department with that short
// name and returns their username.
func kApprover(t *testing.T, site *apptest.Site, username, shortName string) string {
	t.Helper()
	kApproverID(t, site, username, shortName)
	return username
}

// kDept is the code of the department with that short name.
func kDept(t *testing.T, site *apptest.Site, shortName string) string {
	t.Helper()
	ctx := context.Background()
	ds, err := site.App.Org.ListDepartments(ctx, nil, "320113", org.Page{Limit: org.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	code := ""
	for _, d := range ds.Items {
		if d.ShortName == shortName {
			code = d.Code
		}
	}
	if code == "" {
		t.Fatalf("no department %s", shortName)
	}
	return code
}

// kApproverID creates a staff approver of the department with that short
// name and returns their account id.
func kApproverID(t *testing.T, site *apptest.Site, username, shortName string) int64 {
	t.Helper()
	code := kDept(t, site, shortName)
	id, err := site.App.Identity.Bootstrap(context.Background(), identity.StaffInput{District: "320113", Username: username,
		Password: app.DemoPassword, DisplayName: username,
		Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: code}}}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// kItoa formats an id.
func kItoa(n int64) string { return strconv.FormatInt(n, 10) }

// kSignInResident signs a resident in through the API with the code the
// SMS simulator recorded.
func kSignInResident(t *testing.T, site *apptest.Site, phone string) *kStaff {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &kStaff{t: t, site: site, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	resp, err := s.c.Post(site.URL+"/api/v1/sessions/sms-code", "application/json", strings.NewReader(`{"phone":"`+phone+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	code, ok := site.SMS.LastCode(phone)
	if !ok {
		t.Fatalf("no code texted to %s", phone)
	}
	resp, err = s.c.Post(site.URL+"/api/v1/sessions/resident", "application/json",
		strings.NewReader(`{"phone":"`+phone+`","code":"`+code+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		t.Fatalf("resident sign-in: %d", resp.StatusCode)
	}
	return s
}

// kActiveTasks lists the ids of an application's active tasks (the inbox
// also shows the demo's applications).
func kActiveTasks(t *testing.T, site *apptest.Site, appID int64) []int64 {
	t.Helper()
	d, err := site.App.Approval.Detail(context.Background(), authz.System("320113"), appID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, task := range d.Tasks {
		if task.State == approval.TaskActive {
			ids = append(ids, task.ID)
		}
	}
	if len(ids) == 0 {
		t.Fatalf("application %d has no active task", appID)
	}
	return ids
}
