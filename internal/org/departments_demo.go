package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// DemoCreditCode is the demo credit code of a department: category 1 (机构
// 编制), type 1 (机关), the district's code, and an organisation code "MB"
// + the department's number, both check characters computed. It is a demo
// value: the real departments' codes are public, but copying them into a
// demo would let its licences pass for theirs. Licences the demo issues
// say so on their face.
func DemoCreditCode(district, deptCode string) string {
	body := fmt.Sprintf("MB%06s", deptCode[len(deptCode)-2:])
	c, err := check.OrgCodeCheckChar(body)
	if err != nil {
		panic(fmt.Sprintf("org: demo credit code of %s: %v", deptCode, err))
	}
	return check.MakeCreditCode("11" + district + body + string(c))
}

// SeedDemoCreditCodes gives every department of the district without a
// credit code its demo code (see DemoCreditCode), so the demo can issue
// electronic licences. Departments with a code keep it.
func (s *Service) SeedDemoCreditCodes(ctx context.Context, district string) (int, error) {
	l, err := s.ListDepartments(ctx, nil, district, Page{Limit: MaxLimit})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range l.Items {
		if d.CreditCode != "" {
			continue
		}
		if _, err := s.SetDepartmentCreditCode(ctx, authz.System(district), d.Code, DemoCreditCode(district, d.Code)); err != nil {
			return n, fmt.Errorf("org: demo credit code of %s: %w", d.Code, err)
		}
		n++
	}
	return n, nil
}
