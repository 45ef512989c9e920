package license_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestConsoleList(t *testing.T) {
	s := newSite(t)
	a := s.issue(t)
	in := input()
	in.TypeCode, in.Name = "YPJY", "药品经营许可证"
	b, err := s.s.Issue(s.ctx, approverA, in)
	if err != nil {
		t.Fatal(err)
	}
	in = input()
	in.Department, in.Name = deptB, "卫生许可证"
	if _, err := s.s.Issue(s.ctx, approverB, in); err != nil {
		t.Fatal(err)
	}
	if _, err := s.s.Suspend(s.ctx, approverA, b.ID, license.StatusInput{Reason: "整改"}); err != nil {
		t.Fatal(err)
	}
	page(t, "approver sees the department's", s.do("GET", "/console/licences", "approverA", nil), 200,
		[]string{a.Meta.Identifier, b.Meta.Identifier, "食品经营许可证（SPJY）", "药品经营许可证（YPJY）"}, "卫生许可证", personID)
	page(t, "admin sees all", s.do("GET", "/console/licences", "admin", nil), 200, []string{"卫生许可证", "食品经营许可证"})
	page(t, "status filter", s.do("GET", "/console/licences?status=suspended", "approverA", nil), 200,
		[]string{b.Meta.Identifier}, a.Meta.Identifier)
	page(t, "type filter", s.do("GET", "/console/licences?type_code=spjy", "approverA", nil), 200,
		[]string{a.Meta.Identifier}, b.Meta.Identifier)
	page(t, "identifier search", s.do("GET", "/console/licences?identifier="+url.QueryEscape(strings.ToLower(b.Meta.Identifier[20:])), "approverA", nil), 200,
		[]string{b.Meta.Identifier}, a.Meta.Identifier)
	page(t, "bad search", s.do("GET", "/console/licences?identifier=%25%27", "approverA", nil), 400, []string{"证照标识只含数字、字母和点"})
	page(t, "bad status", s.do("GET", "/console/licences?status=gone", "approverA", nil), 400, []string{"状态不正确"})
	page(t, "resident may not", s.do("GET", "/console/licences", "holder", nil), 403, nil)
	page(t, "front desk may not", s.do("GET", "/console/licences", "front", nil), 403, nil)
}

func TestConsoleListPages(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < license.StaffPageSize+1; i++ {
		f.issue(t)
	}
	first, err := f.s.StaffList(f.ctx, approverA, license.StaffFilter{})
	if err != nil || len(first.Items) != license.StaffPageSize || !first.More {
		t.Fatalf("first page: %d items, more %v, %v", len(first.Items), first.More, err)
	}
	second, err := f.s.StaffList(f.ctx, approverA, license.StaffFilter{Offset: license.StaffPageSize})
	if err != nil || len(second.Items) != 1 || second.More || second.Items[0].ID != 1 {
		t.Fatalf("second page: %+v, %v", second, err)
	}
	_, err = f.s.StaffList(f.ctx, holder, license.StaffFilter{})
	wantCode(t, err, apperr.CodeForbidden)
	_, err = f.s.StaffList(f.ctx, nil, license.StaffFilter{})
	wantCode(t, err, apperr.CodeUnauthorized)
}

func TestConsoleDetail(t *testing.T) {
	s := newSite(t)
	l := s.issue(t)
	id := strconv.FormatInt(l.ID, 10)
	page(t, "approver", s.do("GET", "/console/licences/"+id, "approverA", nil), 200,
		[]string{"真实有效", l.Meta.Identifier, "暂扣", "吊销（撤销）", "延续", "变更", `name="data_key" value="经营场所"`,
			"第 1 版（本页）", "/console/licences/" + id + "/pdf", `name="valid_from" value="2031-03-02"`}, personID, ">恢复<")
	page(t, "another department", s.do("GET", "/console/licences/"+id, "approverB", nil), 403, nil)
	page(t, "resident", s.do("GET", "/console/licences/"+id, "holder", nil), 403, nil)
	page(t, "unknown", s.do("GET", "/console/licences/99", "approverA", nil), 404, nil)
}

func TestConsoleActions(t *testing.T) {
	s := newSite(t)
	l := s.issue(t)
	base := "/console/licences/" + strconv.FormatInt(l.ID, 10)
	page(t, "no CSRF", s.form(base+"/suspend", "approverA", url.Values{"reason": {"整改"}}, false), 403, nil)
	page(t, "another department", s.form(base+"/suspend", "approverB", url.Values{"reason": {"整改"}}, true), 403, nil)
	page(t, "no reason", s.form(base+"/suspend", "approverA", url.Values{"reason": {" "}}, true), 400,
		[]string{"请填写原因（1到200个字）", `class="field invalid"`})
	see(t, s.form(base+"/suspend", "approverA", url.Values{"reason": {"责令整改"}}, true), base+"?done=suspend")
	page(t, "suspended", s.do("GET", base+"?done=suspend", "approverA", nil), 200, []string{"电子证照已暂扣", "责令整改", ">恢复<"})
	page(t, "cannot renew suspended", s.form(base+"/renew", "approverA",
		url.Values{"valid_from": {"2031-03-02"}, "reason": {"延续"}}, true), 409, []string{"只有有效的电子证照可以变更或延续"})
	see(t, s.form(base+"/reinstate", "approverA", url.Values{"reason": {"整改完成"}}, true), base+"?done=reinstate")
	page(t, "bad dates", s.form(base+"/renew", "approverA",
		url.Values{"valid_from": {"2031-03-02"}, "valid_until": {"2030-01-01"}, "reason": {"延续"}}, true), 400,
		[]string{"有效期截止日期应为YYYY-MM-DD且不早于起始日期", `value="2030-01-01"`})
	renewed := newVersion(t, s.form(base+"/renew", "approverA",
		url.Values{"valid_from": {"2031-03-02"}, "valid_until": {"2036-03-01"}, "reason": {"延续"}}, true), "renew")
	nv, err := s.s.StaffGet(s.ctx, approverA, renewed)
	if err != nil || nv.Licence.Meta.ValidUntil != "2036-03-01" || nv.Licence.Version != 2 {
		t.Fatalf("renewed: %+v, %v", nv.Licence, err)
	}
	changed := newVersion(t, s.form("/console/licences/"+strconv.FormatInt(renewed, 10)+"/change", "approverA", url.Values{
		"data_key":   {"经营场所", "主体业态", "经营项目"},
		"data_value": {"栖霞区文苑路9号", "餐饮服务经营者", "热食类食品制售"},
		"reason":     {"经营场所变更"}}, true), "change")
	cv, err := s.s.StaffGet(s.ctx, admin, changed)
	if err != nil || cv.Licence.Meta.Data["经营场所"] != "栖霞区文苑路9号" || cv.Licence.Meta.Data["经营项目"] != "热食类食品制售" ||
		cv.Licence.Meta.Data["主体业态"] != "餐饮服务经营者" || len(cv.Versions) != 3 {
		t.Fatalf("changed: %+v, %v", cv, err)
	}
	dropped := newVersion(t, s.form("/console/licences/"+strconv.FormatInt(changed, 10)+"/change", "approverA", url.Values{
		"data_key": {"经营场所", ""}, "data_value": {"栖霞区文苑路9号", "孤立的内容"}, "reason": {"删除项目"}}, true), "change")
	dv, _ := s.s.StaffGet(s.ctx, approverA, dropped)
	if len(dv.Licence.Meta.Data) != 1 {
		t.Fatalf("dropped rows kept: %v", dv.Licence.Meta.Data)
	}
	see(t, s.form("/console/licences/"+strconv.FormatInt(dropped, 10)+"/revoke", "admin", url.Values{"reason": {"告知承诺不实"}}, true),
		"/console/licences/"+strconv.FormatInt(dropped, 10)+"?done=revoke")
	page(t, "revoked has no forms", s.do("GET", "/console/licences/"+strconv.FormatInt(dropped, 10), "approverA", nil), 200,
		[]string{"已吊销", "告知承诺不实"}, `/revoke"`, `/renew"`)
	if v := s.verify(t, dv.Licence.Meta.Identifier); v.Verdict != license.VerdictRevoked {
		t.Fatalf("after the console revoked it: %+v", v)
	}
}

// see checks a redirect after a successful post.
func see(t *testing.T, w interface {
	Result() *http.Response
}, want string) {
	t.Helper()
	res := w.Result()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
		t.Fatalf("redirect %d to %q, want %q", res.StatusCode, res.Header.Get("Location"), want)
	}
}

// newVersion reads the id of the new version a change or renewal went to.
func newVersion(t *testing.T, w interface {
	Result() *http.Response
}, done string) int64 {
	t.Helper()
	res := w.Result()
	loc := res.Header.Get("Location")
	rest, ok := strings.CutPrefix(loc, "/console/licences/")
	id, err := strconv.ParseInt(strings.TrimSuffix(rest, "?done="+done), 10, 64)
	if res.StatusCode != http.StatusSeeOther || !ok || err != nil {
		t.Fatalf("%s: %d to %q", done, res.StatusCode, loc)
	}
	return id
}

// TestConsoleScopes checks the list's scope condition against authz: a
// street-scoped approver manages no department's licences.
func TestConsoleScopes(t *testing.T) {
	f := newFixture(t)
	f.issue(t)
	street := staff(9, authz.RoleApprover, authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"})
	list, err := f.s.StaffList(f.ctx, street, license.StaffFilter{})
	if err != nil || len(list.Items) != 0 {
		t.Fatalf("street approver's list = %+v, %v", list, err)
	}
}
