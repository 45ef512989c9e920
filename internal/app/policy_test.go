package app_test

import (
	"strings"
	"testing"

	_ "github.com/shanzhi-gov/shanzhi/internal/app" // every module's actions
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// policy is the whole permission table of Shanzhi in one place, one row per
// action, one column per role in authz.AllRoles order:
//
//	R resident · E enterprise · F front desk · A approver · I inspector ·
//	G grid worker · P property · V volunteer · L leader · D administrator
//
// "x" allows, "." denies. Modules' own tests call their services as each
// role; this table makes every change of policy a reviewed change here.
var policy = map[string]string{
	//                               R E F A I G P V L D
	"approval.agent":               ". . x . . . . . . .",
	"approval.apply":               "x x . . . . . . . .",
	"approval.approve":             ". . . x . . . . . .",
	"approval.oversee":             ". . . . . . . . x x",
	"approval.prereview":           ". . x . . . . . . .",
	"audit.log.view":               ". . . . . . . . x x",
	"catalog.item.edit":            ". . . . . . . . . x",
	"catalog.item.publish":         ". . . . . . . . . x",
	"catalog.item.view":            ". . x x x x . . x x",
	"credit.commitment.record":     ". . x x x . . . . x",
	"credit.manage":                ". . . . . . . . . x",
	"credit.own.view":              "x x . . . . . . . .",
	"credit.record.load":           ". . . x . . . . . x",
	"credit.subject.view":          ". . x x x . . . x x",
	"delivery.handover":            ". . x . . . . . . .",
	"delivery.oversee":             ". . . . . . . . x x",
	"delivery.own":                 "x x . . . . . . . .",
	"identity.account.manage":      ". . . . . . . . . x",
	"identity.account.own":         "x x x x x x x x x x",
	"identity.account.view":        ". . . . . . . . . x",
	"identity.enterprise.act":      ". x . . . . . . . .",
	"identity.enterprise.agents":   ". x . . . . . . . .",
	"identity.enterprise.register": "x x . . . . . . . .",
	"identity.grant.assign":        ". . . . . . . . . x",
	"identity.grant.revoke":        ". . . . . . . . . x",
	"identity.pii.reveal":          ". . . . . . . . . x",
	"identity.realname.update":     "x x . . . . . . . .",
	"identity.security.manage":     ". . x x x x x . x x",
	"identity.staff.create":        ". . . . . . . . . x",
	"license.licence.issue":        ". . . x . . . . . x",
	"license.licence.manage":       ". . . x . . . . . x",
	"license.own.view":             "x x . . . . . . . .",
	"org.department.manage":        ". . . . . . . . . x",
	"org.grid.manage":              ". . . . . . . . . x",
	"org.post.assign":              ". . . . . . . . . x",
	"org.service_point.manage":     ". . . . . . . . . x",
	"org.view":                     ". . x x x x x . x x",
	"rating.rate":                  "x x . . . . . . . .",
	"rating.rectification.handle":  ". . x x . . . . . x",
	"rating.rectification.review":  ". . . . . . . . x x",
	"rating.rectification.team":    ". . . . x . . . . .",
	"rating.rectification.view":    ". . x x . . . . x x",
	"seal.ca.init":                 ". . . . . . . . . x",
	"seal.key.issue":               ". . . . . . . . . x",
	"seal.key.revoke":              ". . . . . . . . . x",
	"seal.key.rotate":              ". . . . . . . . . x",
	"supervision.inspect":          ". . . . x . . . . .",
	"supervision.oversee":          ". . . . . . . . x x",
	"supervision.proposal.decide":  ". . . x . . . . . .",
	"supervision.proposal.view":    ". . . x . . . . x x",
	"verify.own":                   "x x . . . . . . . .",
	"workorder.apikey.manage":      ". . . . . . . . . x",
	"workorder.category.manage":    ". . . . . . . . . x",
	"workorder.order.enter":        ". . x . . x x . . .",
	"workorder.order.file":         "x x . . . . . . . .",
	"workorder.order.view":         ". . x . . x x . x x",
	"workorder.requester.view":     ". . x . . x x . . .",
	"workorder.dispatch.assign":    ". . x . . . . . . .",
	"workorder.dispatch.manage":    ". . . . . . . . . x",
	"workorder.dispatch.work":      ". . x x x x x . . .",
	"workorder.order.followup":     ". . x . . x . . . .",
	"workorder.order.handle":       ". . x x x x x . . .",
	"workorder.order.triage":       ". . x . . x . . . .",
	"workorder.order.verify":       ". . x . x x . . . .",
	"workorder.photo.original":     ". . . . . . . . . x",
	"workorder.photo.redact":       ". . x . . x . . . x",
	"workorder.time.approve":       ". . . . . . . . x .",
	"workorder.time.request":       ". . x x x x x . . .",
	"workorder.measure.recompute":  ". . . . . . . . . x",
	"workorder.measure.view":       ". . . . . . . . x x",
}

// TestEveryRoleAgainstEveryAction checks each defined action for each role,
// inside the role's scope (allowed only where the table says x) and outside
// it (never allowed), and that no action escapes the table.
func TestEveryRoleAgainstEveryAction(t *testing.T) {
	inside := authz.Scope{Kind: authz.ScopeCommunity, Code: "320113001001"}
	outside := authz.Scope{Kind: authz.ScopeCommunity, Code: "320113002001"}
	seen := map[string]bool{}
	for _, act := range authz.Actions() {
		row, ok := policy[act.Name]
		if !ok {
			t.Errorf("action %s is not in the policy table", act.Name)
			continue
		}
		seen[act.Name] = true
		cells := strings.Fields(row)
		for i, role := range authz.AllRoles {
			actor := &authz.Actor{AccountID: 1, Kind: authz.KindStaff, District: "320113",
				Grants: []authz.Grant{{Role: role, Scope: authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"}}}}
			if got, want := actor.May(act, inside), cells[i] == "x"; got != want {
				t.Errorf("%s as %s in scope: may = %v, want %v", act.Name, role, got, want)
			}
			if actor.May(act, outside) {
				t.Errorf("%s as %s outside the role's street: allowed", act.Name, role)
			}
		}
	}
	for name := range policy {
		if !seen[name] {
			t.Errorf("policy row %s names no defined action", name)
		}
	}
}
