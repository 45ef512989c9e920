package approval

import (
	"context"
	"fmt"
	"sort"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Expiring is the view of applications near or past their promised limit,
// counted by the department holding them and by the accepting service
// point, with the list itself.
type Expiring struct {
	Items        []ExpiringItem `json:"items"`
	ByDepartment []Count        `json:"by_department"`
	ByPoint      []Count        `json:"by_point"`
}

// ExpiringItem is one flagged application.
type ExpiringItem struct {
	ID          int64    `json:"id"`
	Number      string   `json:"number"`
	ItemName    string   `json:"item_name"`
	Flag        string   `json:"flag"`
	Point       string   `json:"point"`
	Departments []string `json:"departments"`
}

// Count is a number of flagged applications for one unit.
type Count struct {
	Code     string `json:"code"`
	Warnings int    `json:"warnings"`
	Overdue  int    `json:"overdue"`
}

// Expiring lists flagged applications: the whole district for leaders and
// administrators, the applications with a task of their departments for
// approvers.
func (s *Service) Expiring(ctx context.Context, actor *authz.Actor) (Expiring, error) {
	whole := actor.May(actOversee, authz.District(actor.District))
	if !whole {
		if err := authz.Check(actor, actApprove, authz.Scope{}); err != nil {
			return Expiring{}, err
		}
	}
	rows, err := s.DB.Query(ctx, `SELECT a.id, COALESCE(a.number, ''), a.item_name, a.sla_flag, a.accepted_point, t.department
		FROM applications a JOIN approval_tasks t ON t.application_id = a.id AND t.state = ?
		WHERE a.district = ? AND a.sla_flag <> '' AND a.state IN (?, ?) ORDER BY a.id`,
		TaskActive, actor.District, StateAccepted, StateSuspended)
	if err != nil {
		return Expiring{}, fmt.Errorf("approval: expiring: %w", err)
	}
	defer rows.Close()
	byID := map[int64]*ExpiringItem{}
	var order []int64
	for rows.Next() {
		var it ExpiringItem
		var dept string
		if err := rows.Scan(&it.ID, &it.Number, &it.ItemName, &it.Flag, &it.Point, &dept); err != nil {
			return Expiring{}, fmt.Errorf("approval: expiring: %w", err)
		}
		if byID[it.ID] == nil {
			byID[it.ID], order = &it, append(order, it.ID)
		}
		byID[it.ID].Departments = append(byID[it.ID].Departments, dept)
	}
	if err := rows.Err(); err != nil {
		return Expiring{}, err
	}
	var out Expiring
	for _, id := range order {
		if it := byID[id]; whole || holdsAny(actor, it.Departments) {
			out.Items = append(out.Items, *it)
		}
	}
	out.ByDepartment, out.ByPoint = countBy(out.Items, true), countBy(out.Items, false)
	return out, nil
}

// holdsAny reports whether the approver's scopes cover a department.
func holdsAny(actor *authz.Actor, depts []string) bool {
	for _, d := range depts {
		if actor.May(actApprove, authz.Scope{Kind: authz.ScopeDepartment, Code: d}) {
			return true
		}
	}
	return false
}

// countBy counts flagged items by department or by accepting point.
func countBy(items []ExpiringItem, byDept bool) []Count {
	m := map[string]*Count{}
	for _, it := range items {
		keys := []string{it.Point}
		if byDept {
			keys = dedupe(it.Departments)
		}
		for _, k := range keys {
			c := m[k]
			if c == nil {
				c = &Count{Code: k}
				m[k] = c
			}
			if it.Flag == FlagOverdue {
				c.Overdue++
			} else {
				c.Warnings++
			}
		}
	}
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Overdue != out[j].Overdue {
			return out[i].Overdue > out[j].Overdue
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// dedupe keeps the first of each string.
func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s], out = true, append(out, s)
		}
	}
	return out
}
