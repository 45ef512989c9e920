package license_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestChangeSupersedes(t *testing.T) {
	f := newFixture(t)
	old := f.issue(t)
	nv, err := f.s.Change(f.ctx, approverA, old.ID, license.ChangeInput{Data: map[string]string{"经营场所": "栖霞区文苑路9号", "主体业态": ""}, Reason: "经营场所变更"})
	if err != nil {
		t.Fatal(err)
	}
	if nv.Version != 2 || nv.Serial != old.Serial || nv.SupersedesID != old.ID || nv.Meta.Data["经营场所"] != "栖霞区文苑路9号" {
		t.Fatalf("new version = %+v", nv)
	}
	if _, ok := nv.Meta.Data["主体业态"]; ok {
		t.Fatal("emptied key kept")
	}
	if v := f.verify(t, old.Meta.Identifier); !v.Genuine || v.Verdict != license.VerdictSuperseded || v.Reason != "经营场所变更" {
		t.Fatalf("old version: %+v", v)
	}
	if v := f.verify(t, nv.Meta.Identifier); v.Verdict != license.VerdictCurrent {
		t.Fatalf("new version: %+v", v)
	}
	_, err = f.s.Change(f.ctx, approverA, old.ID, license.ChangeInput{Reason: "再次变更"})
	wantCode(t, err, apperr.CodeConflict)
}

func TestRenew(t *testing.T) {
	f := newFixture(t)
	old := f.issue(t)
	_, err := f.s.Renew(f.ctx, approverA, old.ID, license.RenewInput{ValidFrom: "2031-03-02", ValidUntil: "2031-01-01", Reason: "延续"})
	wantCode(t, err, apperr.CodeInvalid)
	nv, err := f.s.Renew(f.ctx, approverA, old.ID, license.RenewInput{ValidFrom: "2031-03-02", ValidUntil: "2036-03-01", Reason: "延续"})
	if err != nil || nv.Meta.ValidUntil != "2036-03-01" || nv.Version != 2 {
		t.Fatalf("renewed = %+v, %v", nv, err)
	}
}

func TestSuspendReinstateRevoke(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	steps := []struct {
		do      func(int64, license.StatusInput) (license.Licence, error)
		reason  string
		verdict license.Verdict
	}{
		{func(id int64, in license.StatusInput) (license.Licence, error) {
			return f.s.Suspend(f.ctx, approverA, id, in)
		}, "责令停业整顿", license.VerdictSuspended},
		{func(id int64, in license.StatusInput) (license.Licence, error) {
			return f.s.Reinstate(f.ctx, approverA, id, in)
		}, "整改完成", license.VerdictCurrent},
		{func(id int64, in license.StatusInput) (license.Licence, error) {
			return f.s.Revoke(f.ctx, admin, id, in)
		}, "告知承诺不实", license.VerdictRevoked},
	}
	for _, st := range steps {
		if _, err := st.do(l.ID, license.StatusInput{Reason: st.reason}); err != nil {
			t.Fatalf("%s: %v", st.reason, err)
		}
		v := f.verify(t, l.Meta.Identifier)
		if !v.Genuine || v.Verdict != st.verdict || v.Reason != st.reason {
			t.Fatalf("after %s: %+v", st.reason, v)
		}
	}
	_, err := f.s.Reinstate(f.ctx, approverA, l.ID, license.StatusInput{Reason: "恢复"})
	wantCode(t, err, apperr.CodeConflict)
	_, err = f.s.Suspend(f.ctx, approverA, l.ID, license.StatusInput{Reason: " "})
	wantCode(t, err, apperr.CodeInvalid)
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM audit_log WHERE object_type = 'licence'`).Scan(&n); err != nil || n != 4 {
		t.Fatalf("audit records = %d, %v; want 4 (issue, suspend, reinstate, revoke)", n, err)
	}
}

func TestManagePermissions(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	for _, tc := range []struct {
		name  string
		actor *authz.Actor
		want  apperr.Code
	}{
		{"approver of the issuing department may", approverA, ""},
		{"admin may", admin, ""},
		{"approver of another department may not", approverB, apperr.CodeForbidden},
		{"front desk may not", frontDesk, apperr.CodeForbidden},
		{"holder may not", holder, apperr.CodeForbidden},
	} {
		a := tc.actor
		_, err := f.s.Suspend(f.ctx, a, l.ID, license.StatusInput{Reason: "检查"})
		if tc.want == "" {
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if _, err := f.s.Reinstate(f.ctx, a, l.ID, license.StatusInput{Reason: "检查完毕"}); err != nil {
				t.Fatalf("%s: reinstate: %v", tc.name, err)
			}
			continue
		}
		wantCode(t, err, tc.want)
		if v := f.verify(t, l.Meta.Identifier); v.Verdict != license.VerdictCurrent {
			t.Fatalf("%s changed the licence: %s", tc.name, v.Verdict)
		}
	}
}
