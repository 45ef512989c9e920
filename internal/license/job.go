package license

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// IssueArgs asks for the licences of one approved application.
type IssueArgs struct {
	District      string `json:"district"`
	ApplicationID int64  `json:"application_id"`
}

// Kind names the job.
func (IssueArgs) Kind() string { return "license.issue" }

// QueueIssue returns the decision hook that queues licence issuance for an
// approved application, in the decision's transaction: the licences exist
// if and only if the approval does. Refusals queue nothing.
func QueueIssue(q *jobs.Queue) approval.DecidedHook {
	return func(ctx context.Context, tx *db.Tx, d approval.Decided) error {
		if d.Application.Decision != string(approval.StateApproved) {
			return nil
		}
		return q.InsertTx(ctx, tx, IssueArgs{District: d.Application.District, ApplicationID: d.Application.ID}, nil)
	}
}

// Applications reads an application with its catalogue versions
// (approval.Service).
type Applications interface {
	Get(ctx context.Context, actor *authz.Actor, id int64) (approval.Filed, error)
}

// Holder is who a licence is issued to.
type Holder struct {
	Name     string
	Code     string // ID number or credit code
	CodeType string // HolderIDNumber | HolderCreditCode
	Account  int64  // the account notified and shown the licence
}

// Holders tells who holds the licences of an application: the verified
// resident or the enterprise the applicant acts for (identity knows).
type Holders interface {
	Holder(ctx context.Context, a approval.Application) (Holder, error)
}

// Issuer is the department that issues an item's licence.
type Issuer struct {
	Department string // department code, e.g. 320113D05
	Name       string // full name, 颁发机构
	CreditCode string
}

// Issuers finds the issuing department of an item.
type Issuers interface {
	IssuerFor(ctx context.Context, district string, item catalog.Item) (Issuer, error)
}

// dataDecisionNo labels the granting decision's number in a licence's data.
const dataDecisionNo = "许可决定文号"

// IssueWorker issues the licences of approved applications.
type IssueWorker struct {
	river.WorkerDefaults[IssueArgs]
	Licences *Service
	Apps     Applications
	Holders  Holders
	Issuers  Issuers
}

// Work issues one licence per licence type of the application's items
// (the first item producing a type names it). Running twice issues
// nothing new: a licence is unique per application and item.
func (w *IssueWorker) Work(ctx context.Context, job *jobs.Job[IssueArgs]) error {
	_, err := w.IssueFor(ctx, job.Args)
	return err
}

// IssueFor does the work of one job and returns the licences.
func (w *IssueWorker) IssueFor(ctx context.Context, args IssueArgs) ([]Licence, error) {
	system := authz.System(args.District)
	f, err := w.Apps.Get(ctx, system, args.ApplicationID)
	if err != nil {
		return nil, fmt.Errorf("license: read application %d: %w", args.ApplicationID, err)
	}
	if f.Decision != string(approval.StateApproved) {
		return nil, nil
	}
	holder, err := w.Holders.Holder(ctx, f.Application)
	if err != nil {
		return nil, fmt.Errorf("license: holder of application %d: %w", f.ID, err)
	}
	var out []Licence
	seen := map[string]bool{}
	for _, v := range f.Items {
		if v.Item.LicenceType == "" || seen[v.Item.LicenceType] {
			continue
		}
		seen[v.Item.LicenceType] = true
		l, err := w.issueItem(ctx, system, f, v, holder)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// issueItem issues the licence one item produces.
func (w *IssueWorker) issueItem(ctx context.Context, system *authz.Actor, f approval.Filed, v catalog.Version,
	h Holder) (Licence, error) {
	iss, err := w.Issuers.IssuerFor(ctx, f.District, v.Item)
	if err != nil {
		return Licence{}, fmt.Errorf("license: issuer of %s: %w", v.ImplCode, err)
	}
	in := IssueInput{Department: iss.Department, IssuerName: iss.Name, IssuerCode: iss.CreditCode,
		TypeCode: v.Item.LicenceType, Name: TypeName(v.Item.LicenceType, v.Item.Name), ValidFrom: today(f.DecidedAt),
		HolderName: h.Name, HolderCode: h.Code, HolderCodeType: h.CodeType, HolderAccount: h.Account,
		Territory: f.District, Data: keyFields(v.Item.Form, f.Form), ApplicationID: f.ID, ItemCode: v.ImplCode}
	// The licence's number is its own (the serial); the decision that
	// granted it is one of its facts. Licences of one bundle share the
	// decision but not a number.
	if f.DecisionNo != "" {
		in.Data[dataDecisionNo] = f.DecisionNo
	}
	l, err := w.Licences.Issue(ctx, system, in)
	if err != nil {
		return Licence{}, fmt.Errorf("license: issue for application %d item %s: %w", f.ID, v.ImplCode, err)
	}
	return l, nil
}
