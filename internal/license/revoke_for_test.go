package license_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Items of the application the tests revoke licences of.
const (
	itemFood  = "012300300001-320113"
	itemTrade = "012300100001-320113"
)

// issueFor issues a licence of type code for an application's item, by
// dept, as the issuance job does.
func (f *fixture) issueFor(t *testing.T, app int64, item, typeCode, dept string) license.Licence {
	t.Helper()
	in := input()
	in.ApplicationID, in.ItemCode, in.TypeCode, in.Department = app, item, typeCode, dept
	l, err := f.s.Issue(f.ctx, system, in)
	if err != nil {
		t.Fatalf("issue %s for %d: %v", item, app, err)
	}
	return l
}

// statusOf reads a licence's stored status.
func (f *fixture) statusOf(t *testing.T, id int64) license.Status {
	t.Helper()
	var s license.Status
	if err := f.d.QueryRow(f.ctx, `SELECT status FROM licences WHERE id = ?`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// revocations counts the audited revocations.
func (f *fixture) revocations(t *testing.T) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'license.licence.revoke'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRevokeForApplicationRevokesTheItemsCurrentLicences(t *testing.T) {
	f := newFixture(t)
	food := f.issueFor(t, 7, itemFood, "SPJY", deptA)
	trade := f.issueFor(t, 7, itemTrade, "YYZZ", deptA)
	other := f.issueFor(t, 8, itemFood, "SPJY", deptA)
	f.notices = nil

	n, err := f.s.RevokeForApplication(f.ctx, approverA, 7, itemFood, "告知承诺不实：无冷藏设备")
	if err != nil || n != 1 {
		t.Fatalf("revoked %d, %v; want 1", n, err)
	}
	v := f.verify(t, food.Meta.Identifier)
	if !v.Genuine || v.Verdict != license.VerdictRevoked || v.Reason != "告知承诺不实：无冷藏设备" {
		t.Fatalf("food licence after revocation: %+v", v)
	}
	if f.statusOf(t, trade.ID) != license.StatusValid || f.statusOf(t, other.ID) != license.StatusValid {
		t.Fatal("another item's or application's licence was revoked")
	}
	if len(f.notices) != 1 || f.notices[0].account != holder.AccountID || !strings.Contains(f.notices[0].text, "吊销") {
		t.Fatalf("notices = %+v", f.notices)
	}
	if f.revocations(t) != 1 {
		t.Fatalf("audited revocations = %d", f.revocations(t))
	}
	// Again: nothing is current any more.
	if n, err := f.s.RevokeForApplication(f.ctx, approverA, 7, itemFood, "再次吊销"); err != nil || n != 0 {
		t.Fatalf("second call revoked %d, %v", n, err)
	}
	// Without an item: the rest of the application.
	if n, err := f.s.RevokeForApplication(f.ctx, admin, 7, "", "整体吊销"); err != nil || n != 1 ||
		f.statusOf(t, trade.ID) != license.StatusRevoked || f.statusOf(t, other.ID) != license.StatusValid {
		t.Fatalf("application-wide revocation: %d, %v", n, err)
	}
}

func TestRevokeForApplicationTakesSuspendedAndCurrentVersionsOnly(t *testing.T) {
	f := newFixture(t)
	old := f.issueFor(t, 9, itemFood, "SPJY", deptA)
	nv, err := f.s.Renew(f.ctx, approverA, old.ID, license.RenewInput{ValidFrom: "2031-03-02", ValidUntil: "2036-03-01", Reason: "延续"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Suspend(f.ctx, approverA, nv.ID, license.StatusInput{Reason: "责令整改"}); err != nil {
		t.Fatal(err)
	}
	if n, err := f.s.RevokeForApplication(f.ctx, approverA, 9, itemFood, "告知承诺不实"); err != nil || n != 1 {
		t.Fatalf("revoked %d, %v; want the suspended current version only", n, err)
	}
	if f.statusOf(t, old.ID) != license.StatusSuperseded || f.statusOf(t, nv.ID) != license.StatusRevoked {
		t.Fatalf("statuses %s %s", f.statusOf(t, old.ID), f.statusOf(t, nv.ID))
	}
}

func TestRevokeForApplicationRefusesWithNothingChanged(t *testing.T) {
	f := newFixture(t)
	a := f.issueFor(t, 7, itemFood, "SPJY", deptA)
	b := f.issueFor(t, 7, itemTrade, "YYZZ", deptB)
	tests := []struct {
		name   string
		actor  *authz.Actor
		app    int64
		item   string
		reason string
		code   apperr.Code
		field  string
	}{
		{"approver of another department may not", approverB, 7, itemFood, "告知承诺不实", apperr.CodeForbidden, ""},
		{"front desk may not", frontDesk, 7, itemFood, "告知承诺不实", apperr.CodeForbidden, ""},
		{"holder may not", holder, 7, itemFood, "告知承诺不实", apperr.CodeForbidden, ""},
		// The first licence is the actor's, the second another
		// department's: neither is revoked.
		{"one licence of the bundle is another department's", approverA, 7, "", "告知承诺不实", apperr.CodeForbidden, ""},
		{"no application", approverA, 0, itemFood, "告知承诺不实", apperr.CodeInvalid, "application_id"},
		{"blank reason", approverA, 7, itemFood, "  ", apperr.CodeInvalid, "reason"},
		{"reason too long", approverA, 7, itemFood, strings.Repeat("虚", 201), apperr.CodeInvalid, "reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := f.s.RevokeForApplication(f.ctx, tt.actor, tt.app, tt.item, tt.reason)
			e, _ := apperr.As(err)
			if n != 0 || apperr.CodeOf(err) != tt.code || (tt.field != "" && e.Fields[tt.field] == "") {
				t.Fatalf("revoked %d, %v; want %s on %q", n, err, tt.code, tt.field)
			}
			if f.statusOf(t, a.ID) != license.StatusValid || f.statusOf(t, b.ID) != license.StatusValid || f.revocations(t) != 0 {
				t.Fatal("a refused revocation changed a licence")
			}
		})
	}
	// The approvers of each department may revoke their own.
	if n, err := f.s.RevokeForApplication(f.ctx, approverB, 7, itemTrade, "告知承诺不实"); err != nil || n != 1 {
		t.Fatalf("approver B: %d, %v", n, err)
	}
	if n, err := f.s.RevokeForApplication(f.ctx, approverA, 7, "", "告知承诺不实"); err != nil || n != 1 {
		t.Fatalf("approver A: %d, %v", n, err)
	}
}

func TestConsoleListByApplication(t *testing.T) {
	s := newSite(t)
	mine := s.issueFor(t, 7, itemFood, "SPJY", deptA)
	other := s.issueFor(t, 8, itemFood, "SPJY", deptA)
	page(t, "one application's licences", s.do("GET", "/console/licences?application_id=7", "approverA", nil), 200,
		[]string{mine.Meta.Identifier, `name="application_id" value="7"`, "仅显示同一办件"}, other.Meta.Identifier)
	page(t, "bad application id", s.do("GET", "/console/licences?application_id=x", "approverA", nil), 400,
		[]string{"办件编号不正确"})
	page(t, "another department's approver sees none", s.do("GET", "/console/licences?application_id=7", "approverB", nil), 200,
		[]string{"没有符合条件的电子证照"}, mine.Meta.Identifier)
}
