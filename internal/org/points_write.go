package org

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// UpdateServicePoint replaces the editable fields of a service point
// (administrators, within their scope: a street administrator edits the
// street centre and its community stations).
func (s *Service) UpdateServicePoint(ctx context.Context, actor *authz.Actor, code string, f ServicePointFields) (ServicePoint, error) {
	if err := authz.Check(actor, actManagePoints, authz.Scope{}); err != nil {
		return ServicePoint{}, err
	}
	fe := fieldErrors{}
	fe.code("code", "服务网点编码", code, kindOf(code) == authz.ScopeServicePoint)
	f = f.validate(fe)
	if err := fe.err(); err != nil {
		return ServicePoint{}, err
	}
	if err := s.check(ctx, actor, actManagePoints, code); err != nil {
		return ServicePoint{}, err
	}
	var after ServicePoint
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		before, err := scanPoint(tx.QueryRow(ctx, pointSelect+` WHERE code = ?`+s.db.Engine.ForUpdate(), code))
		if err != nil {
			return notFound(err, "服务网点 "+code+" 不存在", "read service point")
		}
		after = before
		after.ServicePointFields = f
		if err := writePointFields(ctx, tx, code, f); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.service_point.update",
			ObjectType: "service_point", ObjectID: code, Before: before, After: after})
	})
	if err != nil {
		return ServicePoint{}, wrapWrite(err, "update service point")
	}
	return after, nil
}

// validate checks and normalises the fields, recording mistakes in fe.
func (f ServicePointFields) validate(fe fieldErrors) ServicePointFields {
	f.Name = fe.text("name", "网点名称", f.Name, maxNameRunes, true)
	f.Address = fe.text("address", "地址", f.Address, maxAddressRunes, false)
	f.OpeningHours = fe.text("opening_hours", "办公时间", f.OpeningHours, maxHoursRunes, false)
	if phone := fe.text("phone", "咨询电话", f.Phone, maxNameRunes, false); phone != "" {
		norm, err := check.ServicePhone(phone)
		if err != nil {
			fe.add("phone", err.Error())
		}
		f.Phone = norm
	} else {
		f.Phone = ""
	}
	return f
}

func writePointFields(ctx context.Context, tx *db.Tx, code string, f ServicePointFields) error {
	_, err := tx.Exec(ctx, `UPDATE service_points SET name = ?, address = ?, phone = ?, opening_hours = ?,
		accepts_applications = ?, pickup = ?, self_service = ?, active = ?, updated_at = ? WHERE code = ?`,
		f.Name, f.Address, f.Phone, f.OpeningHours, f.AcceptsApplications, f.Pickup, f.SelfService, f.Active,
		tx.Now(), code)
	return err
}
