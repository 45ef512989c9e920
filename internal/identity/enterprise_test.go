package identity_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// validCredit is a credit code whose both check characters match.
func validCredit(t testing.TB, body string) string {
	t.Helper()
	c, err := check.OrgCodeCheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	return check.MakeCreditCode("91320113" + body + string(c))
}

// realNamed signs a resident in and records a real name.
func (f *fixture) realNamed(t testing.TB, phone string, seq int) (*authz.Actor, string) {
	t.Helper()
	a, token := f.resident(t, phone)
	id := check.MakeIDNumber("320113", start.AddDate(-30, 0, 0), seq)
	if err := f.s.UpdateRealName(f.ctx, a, "王法人", id); err != nil {
		t.Fatal(err)
	}
	return a, token
}

func TestRegisterEnterpriseMakesAnEnterpriseUser(t *testing.T) {
	f := newFixture(t)
	rep, token := f.realNamed(t, testPhone, 11)
	code := validCredit(t, "MA1XY70A")
	e, err := f.s.RegisterEnterprise(f.ctx, rep, strings.ToLower(code), "南京栖霞<示例>科技有限公司")
	if err != nil {
		t.Fatal(err)
	}
	if e.CreditCode != code || e.CreditWarning != "" || e.Name != "南京栖霞<示例>科技有限公司" || e.District != district {
		t.Fatalf("enterprise %+v", e)
	}
	actor := f.lookup(t, token)
	if actor.Kind != authz.KindEnterprise || !actor.Has(authz.RoleEnterprise) || !actor.Has(authz.RoleResident) {
		t.Fatalf("actor %+v", actor)
	}
	rel, err := f.s.ActsFor(f.ctx, actor, e.ID)
	if err != nil || rel != identity.RelationLegalRep {
		t.Fatalf("ActsFor = %v, %v", rel, err)
	}
	links, err := f.s.MyEnterprises(f.ctx, actor)
	if err != nil || len(links) != 1 || links[0].Enterprise.ID != e.ID || links[0].Relation.Name() != "法定代表人" {
		t.Fatalf("MyEnterprises = %+v, %v", links, err)
	}
	// Same code again: a conflict on credit_code.
	other, _ := f.realNamed(t, otherPhone, 12)
	_, err = f.s.RegisterEnterprise(f.ctx, other, code, "冒名公司")
	wantCode(t, err, apperr.CodeConflict, "credit_code")
	if f.auditCount(t, "identity.enterprise.register") != 1 {
		t.Fatal("registration not audited")
	}
}

func TestRegisterEnterpriseBadInput(t *testing.T) {
	f := newFixture(t)
	plain, _ := f.resident(t, otherPhone)
	_, err := f.s.RegisterEnterprise(f.ctx, plain, validCredit(t, "MA1XY70B"), "公司")
	wantCode(t, err, apperr.CodeForbidden, "")

	rep, _ := f.realNamed(t, testPhone, 21)
	for _, c := range []string{"", "91320113MA1XY70A", "91320113MA1XY70A0I", "Z1320113MA1XY70A00", strings.Repeat("9", 40), "<script>alert(1)</script>"} {
		_, err := f.s.RegisterEnterprise(f.ctx, rep, c, "公司")
		wantCode(t, err, apperr.CodeInvalid, "credit_code")
	}
	_, err = f.s.RegisterEnterprise(f.ctx, rep, validCredit(t, "MA1XY70C"), strings.Repeat("企", 65))
	wantCode(t, err, apperr.CodeInvalid, "name")
	// A pilot-era code failing its checksum is accepted, with the warning.
	good := validCredit(t, "MA1XY70D")
	pilot := good[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", good[17])+1)%31])
	e, err := f.s.RegisterEnterprise(f.ctx, rep, pilot, "试点公司")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.CreditWarning, "试点") {
		t.Fatalf("warning %q", e.CreditWarning)
	}
	links, _ := f.s.MyEnterprises(f.ctx, rep)
	if len(links) != 1 || links[0].Enterprise.CreditWarning != e.CreditWarning {
		t.Fatalf("stored warning lost: %+v", links)
	}
}

func TestAgentsActForTheEnterprise(t *testing.T) {
	f := newFixture(t)
	rep, repToken := f.realNamed(t, testPhone, 31)
	_, agentToken := f.resident(t, otherPhone)
	e, err := f.s.RegisterEnterprise(f.ctx, rep, validCredit(t, "MA1XY70E"), "栖霞物流公司")
	if err != nil {
		t.Fatal(err)
	}
	rep = f.lookup(t, repToken)
	if err := f.s.AddEnterpriseAgent(f.ctx, rep, e.ID, "13900000000"); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("unknown phone: %v", err)
	}
	if err := f.s.AddEnterpriseAgent(f.ctx, rep, e.ID, otherPhone); err != nil {
		t.Fatal(err)
	}
	if err := f.s.AddEnterpriseAgent(f.ctx, rep, e.ID, otherPhone); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("agent twice: %v", err)
	}
	agent := f.lookup(t, agentToken)
	if rel, err := f.s.ActsFor(f.ctx, agent, e.ID); err != nil || rel != identity.RelationAgent {
		t.Fatalf("agent ActsFor = %v, %v", rel, err)
	}
	// An agent cannot add agents, nor act for another enterprise.
	wantCode(t, f.s.AddEnterpriseAgent(f.ctx, agent, e.ID, testPhone), apperr.CodeForbidden, "")
	_, err = f.s.ActsFor(f.ctx, agent, e.ID+1)
	wantCode(t, err, apperr.CodeForbidden, "")
	if err := f.s.RemoveEnterpriseAgent(f.ctx, rep, e.ID, agent.AccountID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.s.RemoveEnterpriseAgent(f.ctx, rep, e.ID, agent.AccountID), apperr.CodeNotFound, "")
	wantCode(t, f.s.RemoveEnterpriseAgent(f.ctx, rep, e.ID, rep.AccountID), apperr.CodeNotFound, "")
	agent = f.lookup(t, agentToken)
	if agent.Kind != authz.KindResident || agent.Has(authz.RoleEnterprise) {
		t.Fatalf("former agent %+v", agent)
	}
	_, err = f.s.ActsFor(f.ctx, agent, e.ID)
	wantCode(t, err, apperr.CodeForbidden, "")
}
