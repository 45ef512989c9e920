package supervision

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/approval/approvaltest"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// The real approval service decides applications here, behind gates that
// pass (approvaltest's stand-ins for the verify, credit and esign
// modules); the app's tests run the real ones together.

const goodID = "320113198505120031"

// Staff of the approval rig.
var (
	frontDesk = &authz.Actor{AccountID: 21, Kind: authz.KindStaff, Name: "窗口", District: district,
		Grants: []authz.Grant{{Role: authz.RoleFrontDesk, Scope: authz.Scope{Kind: authz.ScopeServicePoint, Code: "320113001P01"}}}}
	reviewer = approver(31)
	checker  = approver(32)
)

func approver(id int64) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "审批", District: district,
		Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D23"}}}}
}

func applicant(id int64) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindResident, Name: "王*", District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}
}

// withApproval adds a real approval service to the fixture, with
// QueueInspection hooked to its decisions, and makes it the source of
// applications.
func (f *fixture) withApproval(t testing.TB) *approval.Service {
	t.Helper()
	a := approvaltest.New(t, f.d, f.cat, org.New(f.d), f.s.Jobs, approvaltest.Person{Name: "王小栖", IDNumber: goodID})
	a.OnDecided(f.s.QueueInspection)
	f.s.Applications = a
	return a
}

// fileAndAccept files the sole-trader bundle (with the food licence on a
// commitment) for a resident at premises in 仙林街道, and accepts it.
func fileAndAccept(ctx context.Context, a *approval.Service, who int64) (int64, error) {
	return approvaltest.FileAndAccept(ctx, a, approvaltest.Filing{Applicant: applicant(who), FrontDesk: frontDesk,
		Item: itemTrade, UseCommitment: true, Person: approvaltest.Person{Name: "王小栖", IDNumber: goodID}})
}

// approve completes every task of the application: reviews by one
// approver, checks by another, as the department's rules want.
func approve(ctx context.Context, a *approval.Service, id int64) error {
	return approvaltest.Decide(ctx, a, id, approval.OutcomeApprove, "同意", reviewer, checker)
}

// queuedPush reads the push job the decision queued.
func queuedPush(t testing.TB, d *db.DB, appID int64) PushArgs {
	t.Helper()
	col := "json(args)" // SQLite keeps River's args as JSONB
	if d.Engine == db.Postgres {
		col = "args::text"
	}
	rows, err := d.Query(context.Background(), `SELECT `+col+` FROM river_job WHERE kind = ?`, PushArgs{}.Kind())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var raw []byte
		var args PushArgs
		if err := rows.Scan(&raw); err != nil || json.Unmarshal(raw, &args) != nil {
			t.Fatalf("push args %q: %v", raw, err)
		}
		if args.ApplicationID == appID {
			return args
		}
	}
	t.Fatalf("no push queued for application %d", appID)
	return PushArgs{}
}
