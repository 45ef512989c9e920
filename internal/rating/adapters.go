package rating

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// ApprovalCases tells rating whether an application is the actor's own.
// Inspections are invited when their visit is recorded, so before that
// there is no case to explain: they own none.
type ApprovalCases struct{ Approval *approval.Service }

// Owns reports whether the actor applied for the application.
func (c ApprovalCases) Owns(ctx context.Context, actor *authz.Actor, kind CaseKind, id int64) (bool, error) {
	if kind != CaseApplication || actor == nil {
		return false, nil
	}
	f, err := c.Approval.Get(ctx, actor, id)
	if err == nil {
		return f.ApplicantID == actor.AccountID, nil
	}
	switch apperr.CodeOf(err) {
	case apperr.CodeNotFound, apperr.CodeForbidden, apperr.CodeUnauthorized:
		return false, nil
	}
	return false, err
}

// OrgUnits names the departments and service points from the organisation.
type OrgUnits struct{ Org *org.Service }

// UnitNames maps the district's department and service point codes to
// their names, and its street codes to their enforcement teams' (the
// units answerable for inspections).
func (o OrgUnits) UnitNames(ctx context.Context, district string) (map[string]string, error) {
	out := map[string]string{}
	ds, err := o.Org.ListDepartments(ctx, nil, district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return nil, err
	}
	for _, d := range ds.Items {
		out[d.Code] = d.Name
	}
	sts, err := o.Org.ListStreets(ctx, nil, district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return nil, err
	}
	for _, st := range sts.Items {
		out[st.Code] = st.Name + "综合执法大队"
	}
	for offset := 0; ; offset += org.MaxLimit {
		ps, err := o.Org.ListServicePoints(ctx, nil, org.PointFilter{District: district}, org.Page{Limit: org.MaxLimit, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, p := range ps.Items {
			out[p.Code] = p.Name
		}
		if len(ps.Items) < org.MaxLimit {
			return out, nil
		}
	}
}
