package org

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Roster people, by account id: each holds one post.
const (
	deskYaohua   = 601 // 全科社工 at 尧化街道政务服务中心
	staffYaohua  = 602 // post at 尧化街道 itself
	staffMaqun   = 603 // post at 马群街道 only
	staffQixia   = 604 // post at the district
	leftYaohua   = 605 // a post at the 尧化 centre that has ended
	districtDesk = "320113P01"
)

// rosterService seeds Qixia and posts the roster people.
func rosterService(t *testing.T) (*db.DB, *Service, *Rosters) {
	t.Helper()
	d, s := seededService(t)
	ctx := context.Background()
	sys := authz.System(QixiaCode)
	for id, unit := range map[int64]string{deskYaohua: yaohuaPoint, staffYaohua: yaohua, staffMaqun: maqun,
		staffQixia: QixiaCode, leftYaohua: yaohuaPoint} {
		p, err := s.AssignPost(ctx, sys, PostInput{AccountID: id, UnitCode: unit, Title: "全科社工"})
		if err != nil {
			t.Fatal(err)
		}
		if id == leftYaohua {
			if _, err := s.EndPost(ctx, sys, p.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return d, s, s.Rosters(calendar.Default())
}

// cst is a moment in China Standard Time.
func cst(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.CST)
}

func nightReview(point string, who int64) RosterInput {
	return RosterInput{PointCode: point, AccountID: who, Kind: "night_review", Days: "working", Start: "20:00", End: "08:00"}
}

func extendedMonSat(point string, who int64) RosterInput {
	return RosterInput{PointCode: point, AccountID: who, Kind: "extended", Days: "weekly", Weekdays: []int{1, 2, 3, 4, 5, 6},
		Start: "17:30", End: "20:00"}
}

// TestRosterPermissions: administrators within scope may change a point's
// roster; staff within scope may read it; nobody else may do either, and
// a refusal writes nothing.
func TestRosterPermissions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	stAdmin := actorWith(2, authz.RoleAdmin, street(yaohua))
	mqAdmin := actorWith(3, authz.RoleAdmin, street(maqun))
	deskMaqun := actorWith(4, authz.RoleFrontDesk, street(maqun))
	deskPoint := actorWith(5, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: yaohuaPoint})
	resident := actorWith(6, authz.RoleResident, authz.Self(6))
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		want  apperr.Code
	}{
		{"district admin", admin, ""}, {"street admin", stAdmin, ""}, {"other street admin", mqAdmin, apperr.CodeForbidden},
		{"front desk", deskPoint, apperr.CodeForbidden}, {"resident", resident, apperr.CodeForbidden},
		{"anonymous", nil, apperr.CodeUnauthorized},
	} {
		t.Run("add "+c.name, func(t *testing.T) {
			in := RosterInput{PointCode: yaohuaPoint, AccountID: staffQixia, Kind: "counter", Days: "date",
				Date: "2025-03-10", Start: "09:00", End: "10:00"}
			if c.actor == stAdmin {
				in.Date = "2025-03-11"
			}
			before := countRows(t, d, "duty_rosters", "")
			e, err := r.Add(ctx, c.actor, in)
			wantCode(t, err, c.want)
			if c.want != "" && countRows(t, d, "duty_rosters", "") != before {
				t.Fatal("a refused add wrote a row")
			}
			if c.want == "" && e.ID == 0 {
				t.Fatal("no id")
			}
		})
	}
	if n := auditCount(t, d, "org.roster.add"); n != 2 {
		t.Errorf("%d adds audited, want 2", n)
	}
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		want  apperr.Code
	}{
		{"front desk of the point", deskPoint, ""}, {"street admin", stAdmin, ""},
		{"front desk elsewhere", deskMaqun, apperr.CodeForbidden}, {"resident", resident, apperr.CodeForbidden},
		{"anonymous", nil, apperr.CodeUnauthorized},
	} {
		t.Run("list "+c.name, func(t *testing.T) {
			list, err := r.List(ctx, c.actor, yaohuaPoint)
			wantCode(t, err, c.want)
			if c.want == "" && len(list) != 2 {
				t.Fatalf("listed %d entries, want 2", len(list))
			}
		})
	}
	if _, err := r.List(ctx, admin, "320113001P"); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("malformed point: %v", err)
	}
}

// TestRosterRemove: may within scope, may not outside it; unknown ids are
// not found; a refusal keeps the entry.
func TestRosterRemove(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	e, err := r.Add(ctx, admin, nightReview(yaohuaPoint, deskYaohua))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Remove(ctx, actorWith(3, authz.RoleAdmin, street(maqun)), e.ID)
	wantCode(t, err, apperr.CodeForbidden)
	_, err = r.Remove(ctx, actorWith(4, authz.RoleFrontDesk, street(yaohua)), e.ID)
	wantCode(t, err, apperr.CodeForbidden)
	_, err = r.Remove(ctx, admin, 0)
	wantInvalid(t, err, "id")
	_, err = r.Remove(ctx, admin, e.ID+100)
	wantCode(t, err, apperr.CodeNotFound)
	if countRows(t, d, "duty_rosters", "") != 1 {
		t.Fatal("a refused remove deleted the entry")
	}
	got, err := r.Remove(ctx, actorWith(2, authz.RoleAdmin, street(yaohua)), e.ID)
	if err != nil || got.ID != e.ID || got.Kind != DutyNightReview {
		t.Fatalf("remove = %+v, %v", got, err)
	}
	_, err = r.Remove(ctx, admin, e.ID)
	wantCode(t, err, apperr.CodeNotFound)
	if countRows(t, d, "duty_rosters", "") != 0 || auditCount(t, d, "org.roster.remove") != 1 {
		t.Fatal("remove not written or not audited once")
	}
}

// TestRosterBadInput: every mistake names its field, in Chinese, and
// nothing is written.
func TestRosterBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	ok := RosterInput{PointCode: yaohuaPoint, AccountID: deskYaohua, Kind: "counter", Days: "working", Start: "09:00", End: "12:00"}
	with := func(f func(*RosterInput)) RosterInput { in := ok; f(&in); return in }
	for _, c := range []struct {
		name, field, msg string
		in               RosterInput
	}{
		{"no person", "account_id", "请选择值班人员", with(func(in *RosterInput) { in.AccountID = 0 })},
		{"bad account", "account_id", "人员账号应为数字编号", with(func(in *RosterInput) { in.AccountID = -1 })},
		{"unknown account", "account_id", "没有这个人员账号", with(func(in *RosterInput) { in.AccountID = 999 })},
		{"post ended", "account_id", "没有这个人员账号", with(func(in *RosterInput) { in.AccountID = leftYaohua })},
		{"no post there", "account_id", "未在本网点", with(func(in *RosterInput) { in.AccountID = staffMaqun })},
		{"malformed point", "point_code", "服务网点格式不正确", with(func(in *RosterInput) { in.PointCode = "320113001P1" })},
		{"no kind", "kind", "请选择值班类型", with(func(in *RosterInput) { in.Kind = "" })},
		{"bad kind", "kind", "值班类型无效", with(func(in *RosterInput) { in.Kind = "night" })},
		{"no rule", "days", "请选择值班日期规则", with(func(in *RosterInput) { in.Days = "" })},
		{"weekly without days", "weekdays", "请至少选择一天", with(func(in *RosterInput) { in.Days = "weekly" })},
		{"weekday 7", "weekdays", "星期的取值无效", with(func(in *RosterInput) { in.Days = "weekly"; in.Weekdays = []int{1, 7} })},
		{"no date", "date", "请填写值班日期", with(func(in *RosterInput) { in.Days = "date" })},
		{"bad date", "date", "日期格式应为", with(func(in *RosterInput) { in.Days = "date"; in.Date = "2025-02-30" })},
		{"past date", "date", "不能早于今天", with(func(in *RosterInput) { in.Days = "date"; in.Date = "2025-03-02" })},
		{"no start", "start", "请填写开始时间", with(func(in *RosterInput) { in.Start = " " })},
		{"hour 25", "start", "不是有效的时刻", with(func(in *RosterInput) { in.Start = "25:00" })},
		{"minute 60", "end", "不是有效的时刻", with(func(in *RosterInput) { in.End = "12:60" })},
		{"no minutes", "start", "格式应为", with(func(in *RosterInput) { in.Start = "9" })},
		{"signed", "start", "格式应为", with(func(in *RosterInput) { in.Start = "+9:00" })},
		{"injection time", "start", "格式应为", with(func(in *RosterInput) { in.Start = injection })},
		{"end is start", "end", "结束时间不能与开始时间相同", with(func(in *RosterInput) { in.End = "9:00" })},
		{"24:00 start is 00:00 end", "end", "结束时间不能与开始时间相同", with(func(in *RosterInput) { in.Start = "00:00"; in.End = "24:00" })},
		{"note control", "note", "控制字符", with(func(in *RosterInput) { in.Note = "夜间\n预审" })},
		{"note too long", "note", "不能超过128个字", with(func(in *RosterInput) { in.Note = strings.Repeat("备", 129) })},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := r.Add(ctx, admin, c.in)
			wantInvalid(t, err, c.field)
			if e, _ := apperr.As(err); !strings.Contains(e.Fields[c.field], c.msg) {
				t.Errorf("message %q, want %q", e.Fields[c.field], c.msg)
			}
		})
	}
	if _, err := r.Add(ctx, admin, with(func(in *RosterInput) { in.PointCode = "320113001P99" })); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("unknown point: %v", err)
	}
	if n := countRows(t, d, "duty_rosters", ""); n != 0 {
		t.Fatalf("%d rows written by bad input", n)
	}
	e, err := r.Add(ctx, admin, with(func(in *RosterInput) { in.Note = injection; in.Start = "９:00" }))
	if err == nil {
		t.Fatalf("full-width digits accepted: %+v", e)
	}
	e, err = r.Add(ctx, admin, with(func(in *RosterInput) { in.Note = injection; in.Start = "9：00" }))
	if err != nil || e.Note != injection || e.Start != 9*60 {
		t.Fatalf("injection note kept as typed, full-width colon read: %+v, %v", e, err)
	}
}

// TestRosterPosts: a post at the point, its street, the district, or (for
// a station) the street its community is attached to, or (for a sub-centre)
// the department running it lets a person serve: 320113P02 is the
// 不动产登记分中心 of 320113D11.
func TestRosterPosts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	if _, err := s.AssignPost(ctx, authz.System(QixiaCode), PostInput{AccountID: 606, UnitCode: "320113D11", Title: "审批员"}); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		point string
		who   int64
		ok    bool
	}{
		{yaohuaPoint, deskYaohua, true}, {yaohuaPoint, staffYaohua, true}, {yaohuaPoint, staffQixia, true},
		{"320113001001P01", staffYaohua, true}, {"320113401001P01", staffMaqun, true}, {"320113401001P01", staffYaohua, false},
		{maqunPoint, deskYaohua, false}, {districtDesk, staffQixia, true}, {districtDesk, staffYaohua, false},
		{"320113P02", 606, true}, {"320113P03", 606, false},
	} {
		_, err := r.Add(ctx, admin, RosterInput{PointCode: c.point, AccountID: c.who, Kind: "counter", Days: "date",
			Date: fmt.Sprintf("2025-03-%02d", 10+i), Start: "09:00", End: "09:30"})
		if c.ok && err != nil {
			t.Errorf("%d at %s: %v", c.who, c.point, err)
		}
		if !c.ok {
			wantInvalid(t, err, "account_id")
		}
	}
}

// TestRosterOverlap: one person is never on duty twice at once, at any
// point; night shifts overlap the next morning; neighbouring shifts do not.
func TestRosterOverlap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	if _, err := r.Add(ctx, admin, nightReview(districtDesk, staffQixia)); err != nil {
		t.Fatal(err)
	}
	refused := []RosterInput{
		{PointCode: yaohuaPoint, AccountID: staffQixia, Kind: "counter", Days: "weekly", Weekdays: []int{2}, Start: "07:00", End: "09:00"},
		{PointCode: districtDesk, AccountID: staffQixia, Kind: "extended", Days: "daily", Start: "19:00", End: "20:30"},
		{PointCode: districtDesk, AccountID: staffQixia, Kind: "counter", Days: "date", Date: "2025-03-08", Start: "01:00", End: "02:00"},
		{PointCode: districtDesk, AccountID: staffQixia, Kind: "night_review", Days: "working", Start: "23:00", End: "01:00"},
	}
	for _, in := range refused {
		_, err := r.Add(ctx, admin, in)
		wantCode(t, err, apperr.CodeConflict)
		if e, _ := apperr.As(err); !strings.Contains(e.Fields["start"], "时间重叠") || !strings.Contains(e.Message, "栖霞区政务服务中心") {
			t.Errorf("%+v: message %q", in, e.Message)
		}
	}
	accepted := []RosterInput{
		extendedMonSat(districtDesk, staffQixia), // 17:30–20:00 ends as the night starts
		{PointCode: yaohuaPoint, AccountID: staffQixia, Kind: "counter", Days: "working", Start: "08:00", End: "12:00"},
		// Sunday 2025-03-09 01:00: Saturday is no working day, so no night shift runs.
		{PointCode: districtDesk, AccountID: staffQixia, Kind: "counter", Days: "date", Date: "2025-03-09", Start: "01:00", End: "02:00"},
		// Another person's night at the same time.
		nightReview(yaohuaPoint, deskYaohua),
	}
	for _, in := range accepted {
		if _, err := r.Add(ctx, admin, in); err != nil {
			t.Errorf("%+v: %v", in, err)
		}
	}
	if n := countRows(t, d, "duty_rosters", ""); n != 5 {
		t.Fatalf("%d rows, want 5", n)
	}
}

// TestOnDuty: shifts across midnight, the holiday calendar (public
// holidays, make-up working days), and who may see names.
func TestOnDuty(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	for _, in := range []RosterInput{
		nightReview(yaohuaPoint, deskYaohua), extendedMonSat(yaohuaPoint, deskYaohua),
		{PointCode: districtDesk, AccountID: staffQixia, Kind: "counter", Days: "daily", Start: "09:00", End: "17:00"},
		{PointCode: districtDesk, AccountID: staffQixia, Kind: "extended", Days: "date", Date: "2025-03-08", Start: "17:00", End: "19:00"},
	} {
		if _, err := r.Add(ctx, admin, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		at   time.Time
		want string // point/kind/account of each shift, in order
	}{
		{"monday night", cst(2025, 3, 3, 21, 0), yaohuaPoint + "/night_review/601"},
		{"monday evening", cst(2025, 3, 3, 17, 30), yaohuaPoint + "/extended/601"},
		{"tuesday before eight", cst(2025, 3, 4, 7, 59), yaohuaPoint + "/night_review/601"},
		{"tuesday at eight", cst(2025, 3, 4, 8, 0), ""},
		{"saturday small hours after friday", cst(2025, 3, 8, 2, 0), yaohuaPoint + "/night_review/601"},
		{"saturday evening", cst(2025, 3, 8, 18, 0), yaohuaPoint + "/extended/601 " + districtDesk + "/extended/604"},
		{"saturday night is off", cst(2025, 3, 8, 21, 0), ""},
		{"sunday small hours", cst(2025, 3, 9, 2, 0), ""},
		{"sunday daily counter", cst(2025, 3, 9, 10, 0), districtDesk + "/counter/604"},
		{"labour day eve night", cst(2025, 4, 30, 21, 0), yaohuaPoint + "/night_review/601"},
		{"labour day small hours", cst(2025, 5, 1, 2, 0), yaohuaPoint + "/night_review/601"},
		{"labour day evening", cst(2025, 5, 1, 18, 0), ""},
		{"labour day daily counter", cst(2025, 5, 1, 10, 0), districtDesk + "/counter/604"},
		{"make-up sunday evening", cst(2025, 4, 27, 18, 0), yaohuaPoint + "/extended/601"},
		{"make-up sunday night", cst(2025, 4, 27, 23, 0), yaohuaPoint + "/night_review/601"},
		{"national day make-up saturday", cst(2025, 10, 11, 21, 0), yaohuaPoint + "/night_review/601"},
		{"national day", cst(2025, 10, 3, 21, 0), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := r.OnDuty(ctx, admin, QixiaCode, c.at)
			if err != nil {
				t.Fatal(err)
			}
			if s := dutyKeys(got); s != c.want {
				t.Errorf("on duty %q, want %q", s, c.want)
			}
		})
	}
}

func dutyKeys(duties []Duty) string {
	var keys []string
	for _, d := range duties {
		keys = append(keys, d.PointCode+"/"+string(d.Kind)+"/"+strconv.FormatInt(d.AccountID, 10))
	}
	return strings.Join(keys, " ")
}

// TestOnDutyNames: the public learns the point and kind only, merged;
// staff see names within their scope.
func TestOnDutyNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, _, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	for _, in := range []RosterInput{nightReview(yaohuaPoint, deskYaohua),
		{PointCode: yaohuaPoint, AccountID: staffYaohua, Kind: "night_review", Days: "daily", Start: "19:00", End: "23:00"}} {
		if _, err := r.Add(ctx, admin, in); err != nil {
			t.Fatal(err)
		}
	}
	at := cst(2025, 3, 3, 21, 0)
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		want  string
	}{
		{"anonymous", nil, yaohuaPoint + "/night_review/0"},
		{"resident", actorWith(6, authz.RoleResident, authz.Self(6)), yaohuaPoint + "/night_review/0"},
		{"front desk elsewhere", actorWith(4, authz.RoleFrontDesk, street(maqun)), yaohuaPoint + "/night_review/0"},
		{"front desk of the point", actorWith(5, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: yaohuaPoint}),
			yaohuaPoint + "/night_review/602 " + yaohuaPoint + "/night_review/601"},
	} {
		got, err := r.OnDuty(ctx, c.actor, QixiaCode, at)
		if err != nil {
			t.Fatal(err)
		}
		if s := dutyKeys(got); s != c.want {
			t.Errorf("%s: %q, want %q", c.name, s, c.want)
		}
		if c.want == yaohuaPoint+"/night_review/0" && (got[0].Hours() != "19:00—次日08:00" || got[0].PointName != "尧化街道政务服务中心") {
			t.Errorf("%s: merged shift %s at %q", c.name, got[0].Hours(), got[0].PointName)
		}
	}
	if _, err := r.OnDuty(ctx, nil, "3201", at); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("bad district: %v", err)
	}
}

// TestSeedDemoRosters: the demo front desk keeps 尧化 open in the evening
// and pre-reviews at night.
func TestSeedDemoRosters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s, r := rosterService(t)
	if err := s.SeedDemoRosters(ctx, QixiaCode, map[string]int64{"qianmo.yaohua": deskYaohua}); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, d, "duty_rosters", "point_code = ?", yaohuaPoint); n != 2 {
		t.Fatalf("%d entries seeded, want 2", n)
	}
	for at, want := range map[time.Time]string{
		cst(2025, 3, 8, 19, 0): yaohuaPoint + "/extended/0",
		cst(2025, 3, 7, 22, 0): yaohuaPoint + "/night_review/0",
	} {
		got, err := r.OnDuty(ctx, nil, QixiaCode, at)
		if err != nil || dutyKeys(got) != want {
			t.Errorf("at %s: %q, %v; want %q", at, dutyKeys(got), err, want)
		}
	}
	if err := s.SeedDemoRosters(ctx, QixiaCode, map[string]int64{}); err == nil {
		t.Error("seeded without the front desk's account")
	}
	if err := s.SeedDemoRosters(ctx, "320102", map[string]int64{"qianmo.yaohua": 1}); err == nil {
		t.Error("seeded another district")
	}
}

// TestWeekdaysText shows sets of days as people write them.
func TestWeekdaysText(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		days []time.Weekday
		want string
	}{
		{[]time.Weekday{1, 2, 3, 4, 5, 6}, "周一至周六"},
		{[]time.Weekday{0, 1, 3}, "周一、周三、周日"},
		{[]time.Weekday{6, 0}, "周六、周日"},
		{[]time.Weekday{0, 1, 2, 3, 4, 5, 6}, "周一至周日"},
	} {
		if got := weekdaysText(c.days); got != c.want {
			t.Errorf("%v: %q, want %q", c.days, got, c.want)
		}
	}
}

// TestRosterConcurrentAdds: overlapping entries for one person sent at
// once; exactly one is kept and the others are refused as overlaps.
func TestRosterConcurrentAdds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, _, r := rosterService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	points := []string{yaohuaPoint, districtDesk, "320113P02", "320113P03", yaohuaPoint, districtDesk}
	errs := make(chan error, len(points))
	var start sync.WaitGroup
	start.Add(1)
	for i, p := range points {
		go func() {
			start.Wait()
			_, err := r.Add(ctx, admin, RosterInput{PointCode: p, AccountID: staffQixia, Kind: "counter", Days: "working",
				Start: fmt.Sprintf("%02d:00", 9+i%2), End: "11:00"})
			errs <- err
		}()
	}
	start.Done()
	ok := 0
	for range points {
		err := <-errs
		switch apperr.CodeOf(err) {
		case apperr.CodeConflict:
		default:
			if err != nil {
				t.Errorf("unexpected error: %v", err)
				continue
			}
			ok++
		}
	}
	if ok != 1 || countRows(t, d, "duty_rosters", "account_id = ?", staffQixia) != 1 {
		t.Fatalf("%d adds succeeded, %d rows; want exactly 1", ok, countRows(t, d, "duty_rosters", ""))
	}
}
