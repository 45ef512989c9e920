package org

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// actManageDepartments records departments' particulars.
var actManageDepartments = authz.Define("org.department.manage", "管理部门信息", authz.RoleAdmin)

// SetDepartmentCreditCode records a department's unified social credit
// code (GB 32100), which electronic licences carry as the issuer's code.
// Only a code whose check characters both hold is taken: a licence's
// identifier must not carry a doubtful issuer code. Administrators of the
// district or of the department may set it; it is audited.
func (s *Service) SetDepartmentCreditCode(ctx context.Context, actor *authz.Actor, code, creditCode string) (Department, error) {
	if kindOf(code) != authz.ScopeDepartment {
		return Department{}, apperr.Invalid("code", "部门编码格式不正确")
	}
	if err := s.check(ctx, actor, actManageDepartments, code); err != nil {
		return Department{}, err
	}
	res, err := check.CreditCode(creditCode)
	if err != nil {
		return Department{}, apperr.Invalid("credit_code", "统一社会信用代码："+err.Error())
	}
	if !res.ChecksumOK || !res.OrgCodeOK {
		return Department{}, apperr.Invalid("credit_code", "统一社会信用代码校验位不正确")
	}
	var after Department
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		before, err := scanDepartment(tx.QueryRow(ctx, departmentSelect+` WHERE code = ?`+s.db.Engine.ForUpdate(), code))
		if err != nil {
			return notFound(err, "部门 "+code+" 不存在", "read department")
		}
		after = before
		after.CreditCode = res.Normalized
		if _, err := tx.Exec(ctx, `UPDATE departments SET credit_code = ?, updated_at = ? WHERE code = ?`,
			after.CreditCode, tx.Now(), code); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.department.update",
			ObjectType: "department", ObjectID: code, Before: before, After: after})
	})
	if err != nil {
		return Department{}, wrapWrite(err, "set department credit code")
	}
	return after, nil
}
