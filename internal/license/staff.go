package license

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// StaffPageSize is how many licences a console page lists.
const StaffPageSize = 50

// StaffFilter narrows the licences the console lists.
type StaffFilter struct {
	Status     Status // "" for any
	TypeCode   string // "" for any
	Identifier string // a part of the identifier, "" for any
	// ApplicationID narrows to the licences issued for one application
	// (linked from a revocation proposal); 0 for any.
	ApplicationID int64
	Offset        int
}

// LicenceType is a licence type code with the name of its newest licence.
type LicenceType struct{ Code, Name string }

// StaffList is one page of the licences of the actor's departments.
type StaffList struct {
	Items []Licence // masked, newest first
	More  bool      // a further page exists
	Types []LicenceType
}

// StaffView is one licence for the issuing department's staff: masked,
// verified now, with every version of its serial.
type StaffView struct {
	Licence      Licence
	Verification Verification
	Versions     []Licence // newest first, masked
}

// StaffList lists the licences issued by the departments the actor
// manages licences for (a district-wide grant covers all of them).
func (s *Service) StaffList(ctx context.Context, actor *authz.Actor, f StaffFilter) (StaffList, error) {
	scope, args := manageScopes(actor)
	if scope == "" {
		return StaffList{}, authz.Check(actor, actManage, authz.Scope{})
	}
	if err := f.normalize(); err != nil {
		return StaffList{}, err
	}
	where, wargs := f.conditions()
	items, err := s.licencesWhere(ctx, scope+where+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(append(args, wargs...), StaffPageSize+1, f.Offset)...)
	if err != nil {
		return StaffList{}, err
	}
	out := StaffList{Items: items}
	if len(items) > StaffPageSize {
		out.Items, out.More = items[:StaffPageSize], true
	}
	out.Types, err = s.typesWhere(ctx, scope, args)
	return out, err
}

// StaffGet reads one licence for the staff who may manage it.
func (s *Service) StaffGet(ctx context.Context, actor *authz.Actor, id int64) (StaffView, error) {
	r, err := s.loadBy(ctx, s.db, "id", id)
	if err != nil {
		return StaffView{}, err
	}
	if err := authz.Check(actor, actManage, departmentScope(r.Department)); err != nil {
		return StaffView{}, err
	}
	v, err := s.verifyRow(ctx, r)
	if err != nil {
		return StaffView{}, err
	}
	versions, err := s.licencesWhere(ctx, `issuer_code = ? AND type_code = ? AND serial = ? ORDER BY version DESC`,
		r.issuerCode, r.typeCode, r.Serial)
	if err != nil {
		return StaffView{}, err
	}
	l, err := s.open(r)
	if err != nil {
		return StaffView{}, err
	}
	return StaffView{Licence: l.Masked(), Verification: v, Versions: versions}, nil
}

// manageScopes is the SQL condition of the departments the actor manages
// licences of: a grant's scope covers the department codes it prefixes,
// as authz.Scope.Covers says. "" when the actor manages none.
func manageScopes(actor *authz.Actor) (string, []any) {
	if actor == nil {
		return "", nil
	}
	var conds []string
	var args []any
	for _, g := range actor.Grants {
		if !actManage.Allows(g.Role) || g.Scope.Kind == authz.ScopeSelf || g.Scope.Code == "" {
			continue
		}
		conds = append(conds, "department_code LIKE ?")
		args = append(args, g.Scope.Code+"%")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// normalize checks the filter, naming the bad field.
func (f *StaffFilter) normalize() error {
	f.TypeCode = strings.ToUpper(strings.TrimSpace(f.TypeCode))
	f.Identifier = strings.ToUpper(strings.TrimSpace(f.Identifier))
	switch {
	case f.Status != "" && !hasStatus(f.Status, []Status{StatusValid, StatusSuspended, StatusRevoked, StatusSuperseded}):
		return apperr.Invalid("status", "状态不正确")
	case len(f.TypeCode) > maxTypeCode || !alnumUpper(f.TypeCode):
		return apperr.Invalid("type_code", "证照类型代码应为数字或大写字母")
	case len(f.Identifier) > 120 || strings.Trim(f.Identifier, mod37Alphabet+".") != "":
		return apperr.Invalid("identifier", "证照标识只含数字、字母和点，最长120位")
	case f.Offset < 0:
		return apperr.Invalid("offset", "页码不正确")
	case f.ApplicationID < 0:
		return apperr.Invalid("application_id", "办件编号不正确")
	}
	return nil
}

// conditions are the filter's SQL conditions, each starting with AND.
func (f StaffFilter) conditions() (string, []any) {
	var sb strings.Builder
	var args []any
	if f.Status != "" {
		sb.WriteString(" AND status = ?")
		args = append(args, f.Status)
	}
	if f.TypeCode != "" {
		sb.WriteString(" AND type_code = ?")
		args = append(args, f.TypeCode)
	}
	if f.Identifier != "" {
		// Only 0-9A-Z and dots get here: nothing for LIKE to escape.
		sb.WriteString(" AND identifier LIKE ?")
		args = append(args, "%"+f.Identifier+"%")
	}
	if f.ApplicationID > 0 {
		sb.WriteString(" AND application_id = ?")
		args = append(args, f.ApplicationID)
	}
	return sb.String(), args
}

// licencesWhere reads licences matching a condition, masked.
func (s *Service) licencesWhere(ctx context.Context, cond string, args ...any) ([]Licence, error) {
	rows, err := s.db.Query(ctx, `SELECT `+licenceColumns+` FROM licences WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("license: list licences: %w", err)
	}
	defer rows.Close()
	out := []Licence{}
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, fmt.Errorf("license: list licences: %w", err)
		}
		l, err := s.open(r)
		if err != nil {
			return nil, err
		}
		out = append(out, l.Masked())
	}
	return out, rows.Err()
}

// typesWhere lists the licence types within scope, each named after its
// newest licence.
func (s *Service) typesWhere(ctx context.Context, scope string, args []any) ([]LicenceType, error) {
	rows, err := s.db.Query(ctx, `SELECT type_code, meta_json FROM licences WHERE id IN
		(SELECT MAX(id) FROM licences WHERE `+scope+` GROUP BY type_code) ORDER BY type_code`, args...)
	if err != nil {
		return nil, fmt.Errorf("license: licence types: %w", err)
	}
	defer rows.Close()
	var out []LicenceType
	for rows.Next() {
		var t LicenceType
		var mj string
		if err := rows.Scan(&t.Code, &mj); err != nil {
			return nil, fmt.Errorf("license: licence types: %w", err)
		}
		var m Metadata
		if json.Unmarshal([]byte(mj), &m) == nil {
			t.Name = m.Name
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
