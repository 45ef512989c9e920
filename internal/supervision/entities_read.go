package supervision

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// Entity returns the public page of the entity with a credit code; anyone
// may read it. A malformed code (or an ID number) is refused naming field;
// a code with nothing published is not found, whether or not the entity
// exists.
func (s *Service) Entity(ctx context.Context, field, code string) (Entity, error) {
	if check.IDNumber(code) == nil { // of the same shape, but a person's: never published
		return Entity{}, apperr.Invalid(field, "这是公民身份号码：请输入市场主体的统一社会信用代码，自然人信息不予公示")
	}
	r, err := check.CreditCode(code)
	if err != nil {
		return Entity{}, apperr.Invalid(field, "请输入18位统一社会信用代码（"+err.Error()+"）")
	}
	e := Entity{CreditCode: r.Normalized, Approvals: []PublicApproval{}, Inspections: []PublicInspection{}}
	if e.Name, e.Approvals, err = s.publicApprovals(ctx, e.CreditCode); err != nil {
		return Entity{}, err
	}
	if len(e.Approvals) == 0 {
		return Entity{}, apperr.NotFound("没有统一社会信用代码为 " + e.CreditCode + " 的公示信息")
	}
	if e.Inspections, err = s.publicInspections(ctx, e.CreditCode); err != nil {
		return Entity{}, err
	}
	return e, nil
}

// publicApprovals lists the approvals of a code, newest first, with the
// name of the newest.
func (s *Service) publicApprovals(ctx context.Context, code string) (string, []PublicApproval, error) {
	rows, err := s.DB.Query(ctx, `SELECT entity_name, decision_no, item_names, department, decided_on
		FROM supervision_approvals WHERE credit_code = ? ORDER BY decided_on DESC, id DESC LIMIT ?`, code, maxPublicRows)
	if err != nil {
		return "", nil, fmt.Errorf("supervision: public approvals: %w", err)
	}
	defer rows.Close()
	var name string
	out := []PublicApproval{}
	for rows.Next() {
		var a PublicApproval
		var n string
		if err := rows.Scan(&n, &a.DecisionNo, &a.Items, &a.Department, &a.DecidedOn); err != nil {
			return "", nil, fmt.Errorf("supervision: public approvals: %w", err)
		}
		if name == "" {
			name = n
		}
		out = append(out, a)
	}
	return name, out, rows.Err()
}

// publicInspections lists the visits to the code's approvals, newest
// first; the street is named, the inspector is not.
func (s *Service) publicInspections(ctx context.Context, code string) ([]PublicInspection, error) {
	rows, err := s.DB.Query(ctx, `SELECT t.district_code, t.street_code, t.kind, t.item_name, v.outcome, v.rectify_by,
		v.visited_at FROM inspection_tasks t JOIN inspection_visits v ON v.task_id = t.id
		JOIN supervision_approvals a ON a.application_id = t.application_id
		WHERE a.credit_code = ? ORDER BY v.visited_at DESC, t.id DESC LIMIT ?`, code, maxPublicRows)
	if err != nil {
		return nil, fmt.Errorf("supervision: public inspections: %w", err)
	}
	type row struct {
		PublicInspection
		district, street string
	}
	var got []row
	for rows.Next() {
		var r row
		var at time.Time
		if err := rows.Scan(&r.district, &r.street, &r.Kind, &r.Item, &r.Outcome, &r.RectifyBy, &at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("supervision: public inspections: %w", err)
		}
		r.VisitedOn, r.OutcomeName = at.In(chinaTime).Format(time.DateOnly), OutcomeName(r.Outcome)
		r.Kind = Task{Kind: r.Kind}.KindName()
		got = append(got, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	names := map[string]map[string]string{}
	out := make([]PublicInspection, 0, len(got))
	for _, r := range got {
		if names[r.district] == nil {
			if names[r.district], err = s.streetNames(ctx, r.district); err != nil {
				return nil, err
			}
		}
		r.Street = names[r.district][r.street]
		out = append(out, r.PublicInspection)
	}
	return out, nil
}
