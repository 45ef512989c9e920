package org

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// rosterSite is a site where 501 (王*明, known to the name lookup) holds
// a post at 尧化街道政务服务中心 and 603 one at 马群街道.
func rosterSite(t *testing.T) *site {
	t.Helper()
	s := newSite(t)
	svc := New(s.d)
	for id, unit := range map[int64]string{501: yaohuaPoint, 603: maqun} {
		if _, err := svc.AssignPost(context.Background(), authz.System(QixiaCode), PostInput{AccountID: id, UnitCode: unit, Title: "全科社工"}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func rosterForm(more ...string) url.Values {
	v := url.Values{"account_id": {"501"}, "kind": {"counter"}, "days": {"working"}, "start": {"09:00"}, "end": {"17:00"}}
	for i := 0; i+1 < len(more); i += 2 {
		v.Set(more[i], more[i+1])
	}
	return v
}

// TestRosterPages: who may see and change a point's roster, and the
// form's messages, field by field.
func TestRosterPages(t *testing.T) {
	t.Parallel()
	s := rosterSite(t)
	path := "/console/org/service-points/" + yaohuaPoint + "/roster"
	weekly := rosterForm("days", "weekly", "kind", "extended", "start", "17:30", "end", "20:00")
	weekly["weekdays"] = []string{"1", "2", "3", "4", "5", "6"}
	badDay := rosterForm("days", "weekly")
	badDay["weekdays"] = []string{"1", "x"}
	runCases(t, s, []pageCase{
		{name: "admin adds", who: tokAdmin, method: "POST", path: path, form: rosterForm("note", injection), status: 303,
			location: path + "?added=1"},
		{name: "admin sees", who: tokAdmin, path: path + "?added=1", status: 200,
			want: []string{"尧化街道政务服务中心 · 值班表", "已加入值班表", "王*明（账号 501）", "窗口值班", "工作日", "09:00—17:00",
				"正在值班", injectionEscaped, "添加值班", `<option value="501">王*明（账号 501） · 全科社工</option>`},
			not: []string{injection}},
		{name: "street admin adds weekly", who: tokStAdmin, method: "POST", path: path, form: weekly, status: 303, location: path + "?added=1"},
		{name: "weekly shown", who: tokStAdmin, path: path, status: 200, want: []string{"周一至周六（法定节假日除外）", "17:30—20:00"}},
		{name: "grid worker of the street reads only", who: tokGrid, path: path, status: 200,
			want: []string{"王*明（账号 501）"}, not: []string{"添加值班", "移除"}},
		{name: "grid worker may not add", who: tokGrid, method: "POST", path: path, form: rosterForm(), status: 403},
		{name: "other street admin may not add", who: tokMqAdmin, method: "POST", path: path, form: rosterForm(), status: 403},
		{name: "front desk elsewhere may not read", who: tokFrontDesk, path: path, status: 403},
		{name: "resident may not read", who: tokResident, path: path, status: 403},
		{name: "anonymous to login", who: anon, path: path, status: 303, location: "/console/login"},
		{name: "unknown point", who: tokAdmin, path: "/console/org/service-points/320113001P99/roster", status: 404},
		{name: "malformed point", who: tokAdmin, path: "/console/org/service-points/%3Cb%3E/roster", status: 404, not: []string{"<b>"}},
		{name: "overlap", who: tokAdmin, method: "POST", path: path, form: rosterForm("kind", "extended", "start", "16:00", "end", "18:00"),
			status: 409, want: []string{"与该人员已有的值班时间重叠", `id="f-start-error"`, `value="16:00"`}},
		{name: "end is start", who: tokAdmin, method: "POST", path: path, form: rosterForm("start", "20:00", "end", "20:00"),
			status: 400, want: []string{`<p class="error" id="f-end-error">结束时间不能与开始时间相同</p>`}},
		{name: "bad times", who: tokAdmin, method: "POST", path: path, form: rosterForm("start", injection, "end", "25:00"),
			status: 400, want: []string{"开始时间格式应为 时:分", "结束时间不是有效的时刻", `value="` + injectionEscaped + `"`}},
		{name: "unknown account", who: tokAdmin, method: "POST", path: path, form: rosterForm("account_id", "777"),
			status: 400, want: []string{"没有这个人员账号", `id="f-account_id-error"`}},
		{name: "account not a number", who: tokAdmin, method: "POST", path: path, form: rosterForm("account_id", "张三"),
			status: 400, want: []string{"人员账号应为数字编号"}},
		{name: "no post there", who: tokAdmin, method: "POST", path: path, form: rosterForm("account_id", "603"),
			status: 400, want: []string{"该人员未在本网点、所属街道或本区任职"}},
		{name: "bad kind and rule", who: tokAdmin, method: "POST", path: path, form: rosterForm("kind", "boss", "days", ""),
			status: 400, want: []string{`id="f-kind-error">值班类型无效`, `id="f-days-error">请选择值班日期规则`}},
		{name: "bad weekday", who: tokAdmin, method: "POST", path: path, form: badDay,
			status: 400, want: []string{`id="f-weekdays-error">星期的取值无效`, `name="weekdays" value="1" checked`}},
		{name: "past date", who: tokAdmin, method: "POST", path: path, form: rosterForm("days", "date", "date", "2024-12-31"),
			status: 400, want: []string{"值班日期不能早于今天", `value="2024-12-31"`}},
		{name: "missing csrf", who: tokAdmin, method: "POST", path: path, form: rosterForm(), noCSRF: true, status: 403},
	})
	if n := countRows(t, s.d, "duty_rosters", ""); n != 2 {
		t.Fatalf("%d entries, want the 2 accepted", n)
	}
}

// TestRosterRemovePage: managers remove; others are refused and the entry
// stays.
func TestRosterRemovePage(t *testing.T) {
	t.Parallel()
	s := rosterSite(t)
	path := "/console/org/service-points/" + yaohuaPoint + "/roster"
	if w := s.post(tokAdmin, path, rosterForm()); w.Code != 303 {
		t.Fatalf("add: %d %s", w.Code, excerpt(w.Body.String()))
	}
	var id int64
	if err := s.d.QueryRow(context.Background(), `SELECT id FROM duty_rosters`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	remove := path + "/" + strconv.FormatInt(id, 10) + "/remove"
	runCases(t, s, []pageCase{
		{name: "other street admin", who: tokMqAdmin, method: "POST", path: remove, status: 403},
		{name: "grid worker", who: tokGrid, method: "POST", path: remove, status: 403},
		{name: "bad id", who: tokAdmin, method: "POST", path: path + "/x/remove", status: 404},
		{name: "street admin removes", who: tokStAdmin, method: "POST", path: remove, status: 303, location: path + "?removed=1"},
		{name: "gone", who: tokAdmin, method: "POST", path: remove, status: 404},
	})
}

// TestOnDutyPage: staff see who is on duty within their scope, the kind
// elsewhere; residents are refused.
func TestOnDutyPage(t *testing.T) {
	t.Parallel()
	s := rosterSite(t)
	if w := s.post(tokAdmin, "/console/org/service-points/"+yaohuaPoint+"/roster", rosterForm()); w.Code != 303 {
		t.Fatalf("add: %d %s", w.Code, excerpt(w.Body.String()))
	}
	// The test clock reads Monday 2025-03-03 09:30 in Beijing.
	runCases(t, s, []pageCase{
		{name: "admin", who: tokAdmin, path: "/console/org/on-duty", status: 200,
			want: []string{"2025-03-03 09:30", "尧化街道政务服务中心", "窗口值班", "09:00—17:00", "王*明（账号 501）",
				`href="/console/org/service-points/` + yaohuaPoint + `/roster"`}},
		{name: "front desk elsewhere", who: tokFrontDesk, path: "/console/org/on-duty", status: 200,
			want: []string{"尧化街道政务服务中心", "窗口值班"}, not: []string{"王*明", "/roster"}},
		{name: "resident", who: tokResident, path: "/console/org/on-duty", status: 403},
		{name: "anonymous", who: anon, path: "/console/org/on-duty", status: 303, location: "/console/login"},
	})
}
