package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

const departmentSelect = `SELECT code, district_code, name, short_name, credit_code, phone FROM departments`

// ListDepartments lists a district's departments in code order. It is
// public: service guides name the implementing department and its
// consultation phone.
func (s *Service) ListDepartments(ctx context.Context, actor *authz.Actor, district string, p Page) (List[Department], error) {
	if _, err := s.GetDistrict(ctx, actor, district); err != nil {
		return List[Department]{}, err
	}
	p = p.normal()
	out := List[Department]{Limit: p.Limit, Offset: p.Offset, Items: []Department{}}
	var err error
	if out.Total, err = s.count(ctx, `SELECT COUNT(*) FROM departments WHERE district_code = ?`, district); err != nil {
		return out, fmt.Errorf("org: count departments: %w", err)
	}
	rows, err := s.db.Query(ctx, departmentSelect+` WHERE district_code = ? ORDER BY code LIMIT ? OFFSET ?`,
		district, p.Limit, p.Offset)
	if err != nil {
		return out, fmt.Errorf("org: list departments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		dep, err := scanDepartment(rows)
		if err != nil {
			return out, fmt.Errorf("org: list departments: %w", err)
		}
		out.Items = append(out.Items, dep)
	}
	return out, rows.Err()
}

// GetDepartment returns one department. It is public.
func (s *Service) GetDepartment(ctx context.Context, actor *authz.Actor, code string) (Department, error) {
	if kindOf(code) != authz.ScopeDepartment {
		return Department{}, apperr.Invalid("code", "部门编码格式不正确")
	}
	dep, err := scanDepartment(s.db.QueryRow(ctx, departmentSelect+` WHERE code = ?`, code))
	if err != nil {
		return Department{}, notFound(err, "部门 "+code+" 不存在", "get department")
	}
	return dep, nil
}

func scanDepartment(r scanner) (Department, error) {
	var d Department
	err := r.Scan(&d.Code, &d.DistrictCode, &d.Name, &d.ShortName, &d.CreditCode, &d.Phone)
	return d, err
}
