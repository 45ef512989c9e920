// Package approvaltest lets other modules' tests drive the real approval
// service: gates that pass (standing in for the verify, credit and esign
// modules, which the app's tests run for real), and the steps that take an
// application from draft through acceptance to decision. A module whose
// work follows a decision (delivery, supervision) registers its hook with
// OnDecided and tests it against real decisions.
package approvaltest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// Person is the applicant as the identity gate verified them; FileAndAccept
// names them as the legal representative too.
type Person struct {
	Name, IDNumber string
}

// New returns the real approval service on d with fresh random keys, the
// default holiday calendar and Gates(p). It registers no decision hook:
// the caller adds its own with OnDecided.
func New(t testing.TB, d *db.DB, cat *catalog.Service, o *org.Service, q *jobs.Queue, p Person) *approval.Service {
	t.Helper()
	keys, idx := gmtest.Keys(t)
	return approval.New(approval.Deps{DB: d, Keys: keys, Index: idx, Catalog: cat, Org: o, Files: files.New(d, keys),
		Jobs: q, Calendar: calendar.Default(), Gates: Gates(p)})
}

// Gates pass every application: the identity gate says p verified at any
// level, the credit check admits everyone, the signer signs anything, and
// shared data comes from the approval module's simulator.
func Gates(p Person) approval.Gates {
	return approval.Gates{Identity: passIdentity(p), Credit: passCredit{}, Signer: nopSigner{},
		Shared: approval.SharedDataSimulator{}}
}

type passIdentity Person

func (p passIdentity) Require(_ context.Context, _ int64, purpose string, _ int) (approval.Verified, error) {
	return approval.Verified{ID: "ver-" + purpose, Name: p.Name, IDNumber: p.IDNumber}, nil
}

func (p passIdentity) Consume(context.Context, *db.Tx, int64, string, string, int) (string, error) {
	return p.Name, nil
}

type passCredit struct{}

func (passCredit) Admit(context.Context, approval.CreditRequest) (approval.CreditResult, error) {
	res := approval.CreditResult{Outcome: approval.CreditPass}
	res.Decision, _ = json.Marshal(res)
	return res, nil
}

type nopSigner struct{}

func (nopSigner) Sign(context.Context, *db.Tx, approval.SignDoc) (string, error) { return "sig", nil }
