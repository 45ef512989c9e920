package supervision

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// fakeLicences stands in for the licence module: it records the calls
// and answers n, or err.
type fakeLicences struct {
	mu    sync.Mutex
	calls []licenceCall
	n     int
	err   error
}

type licenceCall struct {
	actor        int64
	app          int64
	item, reason string
	district     string
}

func (l *fakeLicences) RevokeForApplication(_ context.Context, actor *authz.Actor, app int64, item, reason string) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, licenceCall{actor.AccountID, app, item, reason, actor.District})
	if l.err != nil {
		return 0, l.err
	}
	return l.n, nil
}

func (l *fakeLicences) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls)
}

// proposalRig is a fixture with a false commitment found on application
// app, and the approvers of the item's department and of another.
type proposalRig struct {
	*fixture
	lic               *fakeLicences
	task              Task
	id                int64 // the proposal
	approver, foreign *authz.Actor
}

func newProposalRig(t *testing.T) *proposalRig {
	t.Helper()
	f := newFixture(t)
	r := &proposalRig{fixture: f, lic: &fakeLicences{n: 1}}
	f.s.Licences = r.lic
	r.task, r.id = r.falseCommitment(t, 1, foodShop("仙林街道"))
	code, err := f.s.Directory.DepartmentCode(f.ctx, district, r.task.Department)
	if err != nil || code == "" {
		t.Fatalf("department of %q: %q, %v", r.task.Department, code, err)
	}
	other := "320113D01"
	if code == other {
		other = "320113D02"
	}
	r.approver, r.foreign = deptApprover(41, code), deptApprover(42, other)
	return r
}

// deptApprover is an approver of one department.
func deptApprover(id int64, dept string) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "审批", District: district,
		Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: dept}}}}
}

// falseCommitment pushes a food licence on a commitment with form, records
// a false commitment on its task and returns the task and the proposal.
func (f *fixture) falseCommitment(t *testing.T, app int64, form map[string]any) (Task, int64) {
	t.Helper()
	f.decided(t, app, form, itemFood)
	made, err := f.s.Push(f.ctx, PushArgs{ApplicationID: app, District: district, Commitment: []string{itemFood}})
	if err != nil || len(made) != 1 {
		t.Fatalf("push: %+v, %v", made, err)
	}
	in := compliant(made[0])
	in.Checks[0], in.Outcome, in.Findings = false, OutcomeFalseCommitment, "现场无冷藏设备，承诺不实"
	if _, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), made[0].ID, in); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := f.d.QueryRow(f.ctx, `SELECT id FROM revocation_proposals WHERE task_id = ?`, made[0].ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return made[0], id
}

// proposalState is what a refused decision must not change.
type proposalState struct {
	status, reason     string
	decidedBy, revoked int64
	claimed            bool
	audits, notices    int
	licenceCalls       int
}

func (r *proposalRig) state(t *testing.T) proposalState {
	t.Helper()
	var s proposalState
	var claimed *time.Time
	err := r.d.QueryRow(r.ctx, `SELECT status, decision_reason, decided_by, licences_revoked, claimed_until
		FROM revocation_proposals WHERE id = ?`, r.id).Scan(&s.status, &s.reason, &s.decidedBy, &s.revoked, &claimed)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.d.QueryRow(r.ctx, `SELECT COUNT(*) FROM audit_log WHERE object_type = 'revocation_proposal'`).
		Scan(&s.audits); err != nil {
		t.Fatal(err)
	}
	s.claimed, s.notices, s.licenceCalls = claimed != nil, r.notes.count(), r.lic.count()
	return s
}

func TestRevokeDecisionRevokesTheItemsLicences(t *testing.T) {
	r := newProposalRig(t)
	r.lic.n = 2
	before := r.notes.count()
	p, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionRevoke,
		Reason: "  经核实，现场无冷藏设备，告知承诺不实，依法吊销。  "})
	if err != nil || p.Status != ProposalRevoked || p.LicencesRevoked != 2 {
		t.Fatalf("decided %+v, %v", p, err)
	}
	if len(r.lic.calls) != 1 || r.lic.calls[0] != (licenceCall{41, 1, itemFood, "经核实，现场无冷藏设备，告知承诺不实，依法吊销。", district}) {
		t.Fatalf("licence calls = %+v", r.lic.calls)
	}
	s := r.state(t)
	if s.status != ProposalRevoked || s.decidedBy != 41 || s.revoked != 2 || s.claimed || s.audits != 1 ||
		s.reason != "经核实，现场无冷藏设备，告知承诺不实，依法吊销。" {
		t.Fatalf("stored %+v", s)
	}
	if got := r.notes.to(7); !strings.Contains(got[len(got)-1], "已决定吊销许可，吊销电子证照2件") {
		t.Fatalf("inspector told %q", got)
	}
	if got := r.notes.to(applicantOf(1)); !strings.Contains(got[len(got)-1], "审批部门已决定吊销许可") {
		t.Fatalf("applicant told %q", got)
	}
	if r.notes.count() != before+2 {
		t.Fatalf("notices %d → %d", before, r.notes.count())
	}
	// Decided: every further decision is refused, nothing changes.
	after := r.state(t)
	for _, d := range []string{DecisionRevoke, DecisionReject} {
		_, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: d, Reason: "再次作出决定"})
		if apperr.CodeOf(err) != apperr.CodeConflict || r.state(t) != after {
			t.Fatalf("second %s: %v, %+v", d, err, r.state(t))
		}
	}
}

func TestRejectDecisionKeepsTheLicences(t *testing.T) {
	r := newProposalRig(t)
	p, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionReject,
		Reason: "复核发现冷藏设备已在途，承诺属实。"})
	if err != nil || p.Status != ProposalRejected || p.LicencesRevoked != 0 {
		t.Fatalf("decided %+v, %v", p, err)
	}
	s := r.state(t)
	if s.status != ProposalRejected || s.decidedBy != 41 || s.audits != 1 || s.licenceCalls != 0 {
		t.Fatalf("stored %+v", s)
	}
	if got := r.notes.to(7); !strings.Contains(got[len(got)-1], "不予吊销") {
		t.Fatalf("inspector told %q", got)
	}
	if got := r.notes.to(applicantOf(1)); !strings.Contains(got[len(got)-1], "决定不予吊销许可") {
		t.Fatalf("applicant told %q", got)
	}
	_, err = r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionRevoke, Reason: "改为吊销许可"})
	if apperr.CodeOf(err) != apperr.CodeConflict || r.state(t) != s {
		t.Fatalf("revoke after reject: %v, %+v", err, r.state(t))
	}
}

func TestDecisionPermissionsAndBadInput(t *testing.T) {
	r := newProposalRig(t)
	good := DecisionInput{Decision: DecisionRevoke, Reason: "告知承诺不实，吊销"}
	tests := []struct {
		name  string
		who   *authz.Actor
		in    DecisionInput
		code  apperr.Code
		field string
	}{
		{"approver of another department may not", r.foreign, good, apperr.CodeForbidden, ""},
		{"leader may not", staff(9, authz.RoleLeader), good, apperr.CodeForbidden, ""},
		{"administrator may not", staff(10, authz.RoleAdmin), good, apperr.CodeForbidden, ""},
		{"inspector who proposed it may not", inspector(7, r.streets["仙林街道"]), good, apperr.CodeForbidden, ""},
		{"resident may not", applicant(applicantOf(1)), good, apperr.CodeForbidden, ""},
		{"no decision", r.approver, DecisionInput{Reason: "告知承诺不实，吊销"}, apperr.CodeInvalid, "decision"},
		{"unknown decision", r.approver, DecisionInput{Decision: "suspend", Reason: "告知承诺不实"}, apperr.CodeInvalid, "decision"},
		{"reason too short", r.approver, DecisionInput{Decision: DecisionReject, Reason: " 不实 "}, apperr.CodeInvalid, "reason"},
		{"reason too long", r.approver, DecisionInput{Decision: DecisionRevoke, Reason: strings.Repeat("实", 501)}, apperr.CodeInvalid, "reason"},
		{"control character", r.approver, DecisionInput{Decision: DecisionRevoke, Reason: "告知承诺\x00不实"}, apperr.CodeInvalid, "reason"},
	}
	before := r.state(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.s.DecideProposal(r.ctx, tt.who, r.id, tt.in)
			e, _ := apperr.As(err)
			if apperr.CodeOf(err) != tt.code || (tt.field != "" && (e == nil || e.Fields[tt.field] == "")) {
				t.Fatalf("err = %v, want %s on %q", err, tt.code, tt.field)
			}
			if got := r.state(t); got != before {
				t.Fatalf("state changed: %+v → %+v", before, got)
			}
		})
	}
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id+100, good); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("unknown proposal: %v", err)
	}
	// The 500-character reason is the limit; the licence gets 200 of it.
	long := strings.Repeat("实", 500)
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionRevoke, Reason: long}); err != nil {
		t.Fatalf("approver of the department: %v", err)
	}
	if got := []rune(r.lic.calls[0].reason); len(got) != maxLicenceReason || got[len(got)-1] != '…' {
		t.Fatalf("licence reason has %d characters", len(got))
	}
}

func TestFailedRevocationLeavesTheProposalPending(t *testing.T) {
	r := newProposalRig(t)
	r.lic.err = apperr.Forbidden("您无权变更、延续、暂扣和吊销电子证照")
	before := r.state(t)
	_, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionRevoke, Reason: "告知承诺不实，吊销"})
	if apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("err = %v", err)
	}
	after := r.state(t)
	before.licenceCalls = 1
	if after != before {
		t.Fatalf("a failed revocation changed %+v → %+v", before, after)
	}
	// The lease was released: the department may still keep the licence.
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionReject, Reason: "证照由其他部门颁发，不予吊销"}); err != nil {
		t.Fatal(err)
	}
}

func TestInterruptedRevocationIsRevokedAgainNeverRejected(t *testing.T) {
	r := newProposalRig(t)
	// The licences are revoked, then recording the decision fails (the
	// notice queue is down): the proposal stays pending, under its lease.
	r.notes.fail = true
	revoke := DecisionInput{Decision: DecisionRevoke, Reason: "告知承诺不实，吊销"}
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, revoke); err == nil {
		t.Fatal("decision recorded although its notices failed")
	}
	r.notes.fail = false
	if s := r.state(t); s.status != ProposalPending || !s.claimed || s.audits != 0 || s.licenceCalls != 1 {
		t.Fatalf("after the interruption: %+v", s)
	}
	v, err := r.s.GetProposal(r.ctx, r.approver, r.id)
	if err != nil || !v.Claimed || !v.Pending() {
		t.Fatalf("view %+v, %v", v, err)
	}
	reject := DecisionInput{Decision: DecisionReject, Reason: "改为不予吊销许可"}
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, reject); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("reject under the lease: %v", err)
	}
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, revoke); apperr.CodeOf(err) != apperr.CodeConflict || r.lic.count() != 1 {
		t.Fatalf("revoke under the lease: %v", err)
	}
	r.clock.Advance(proposalLease + time.Second)
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, reject); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("reject after the lease: %v", err)
	}
	r.lic.n = 0 // revoked the first time
	p, err := r.s.DecideProposal(r.ctx, r.approver, r.id, revoke)
	if err != nil || p.Status != ProposalRevoked || r.lic.count() != 2 {
		t.Fatalf("revoke again: %+v, %v", p, err)
	}
}

func TestRevokeNeedsTheLicenceModule(t *testing.T) {
	r := newProposalRig(t)
	r.s.Licences = nil
	_, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionRevoke, Reason: "告知承诺不实，吊销"})
	if apperr.CodeOf(err) != apperr.CodeUnavailable || r.state(t).status != ProposalPending {
		t.Fatalf("err = %v", err)
	}
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionReject, Reason: "承诺属实，不予吊销"}); err != nil {
		t.Fatal(err)
	}
}

func TestProposalListsAndViews(t *testing.T) {
	r := newProposalRig(t)
	person := map[string]any{"operator": "王小栖", "premises": "南京市栖霞区仙林街道文苑路3号"}
	_, second := r.falseCommitment(t, 2, person)
	if _, err := r.s.DecideProposal(r.ctx, r.approver, r.id, DecisionInput{Decision: DecisionReject, Reason: "承诺属实，不予吊销"}); err != nil {
		t.Fatal(err)
	}
	for _, who := range []*authz.Actor{r.approver, staff(9, authz.RoleLeader), staff(10, authz.RoleAdmin)} {
		l, err := r.s.Proposals(r.ctx, who, 0)
		if err != nil || len(l.Items) != 2 || l.More {
			t.Fatalf("list of %d: %+v, %v", who.AccountID, l, err)
		}
		pending, decided := l.Items[0], l.Items[1]
		if pending.ID != second || !pending.Pending() || decided.ID != r.id || decided.Status != ProposalRejected {
			t.Fatalf("order: %+v", l.Items)
		}
		if pending.Entity != "王*栖" || decided.Entity != "栖霞小厨餐饮店" || pending.StreetName != "仙林街道" ||
			pending.VisitedOn() != "2026-03-02" || pending.Summary() != "现场无冷藏设备，承诺不实" || pending.ApplicationNo != "QX2" {
			t.Fatalf("listed %+v", pending)
		}
	}
	if l, err := r.s.Proposals(r.ctx, r.foreign, 0); err != nil || len(l.Items) != 0 {
		t.Fatalf("another department's list: %+v, %v", l, err)
	}
	if _, err := r.s.Proposals(r.ctx, inspector(7, r.streets["仙林街道"]), 0); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("inspector's list: %v", err)
	}
	if _, err := r.s.Proposals(r.ctx, r.approver, -1); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Fatalf("bad offset: %v", err)
	}
	if _, err := r.s.GetProposal(r.ctx, r.foreign, second); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("another department's proposal: %v", err)
	}
	v, err := r.s.GetProposal(r.ctx, r.approver, second)
	if err != nil || !v.MayDecide || v.TaskLink != "" || len(v.Checks) != len(r.task.Checklist) || v.Checks[0].Pass || !v.Checks[1].Pass {
		t.Fatalf("approver's view %+v, %v", v, err)
	}
	if v, err := r.s.GetProposal(r.ctx, staff(9, authz.RoleLeader), second); err != nil || v.MayDecide || v.TaskLink == "" {
		t.Fatalf("leader's view %+v, %v", v, err)
	}
}
