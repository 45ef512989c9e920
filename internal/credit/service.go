package credit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Encryption and blind index contexts of a person's columns.
const (
	ctxIDNumber = "credit_subjects.id_number"
	ctxName     = "credit_subjects.name"
)

// chinaTime is the zone of decision dates and validity.
var chinaTime = time.FixedZone("CST", 8*60*60)

// Departments tells whether a source department exists and names it.
type Departments interface {
	// DepartmentName returns the department's short name, or a not-found
	// error.
	DepartmentName(ctx context.Context, code string) (string, error)
}

// OrgDepartments reads the departments from the organisation module.
type OrgDepartments struct{ Org *org.Service }

// DepartmentName returns the short name of a department.
func (o OrgDepartments) DepartmentName(ctx context.Context, code string) (string, error) {
	d, err := o.Org.GetDepartment(ctx, nil, code)
	if err != nil {
		return "", err
	}
	return d.ShortName, nil
}

// OwnSubjects returns the ID number and credit codes an account may see
// the records of: its own verified ID number (residents) and the credit
// codes of the enterprises it acts for. The identity module owns them;
// the wiring passes this lookup in.
type OwnSubjects func(ctx context.Context, accountID int64) ([]string, error)

// Service reads and changes the credit registries.
type Service struct {
	db    *db.DB
	keys  *gm.Keyring
	index *gm.BlindIndexer
	depts Departments
	own   OwnSubjects
	stmts stmtCache
}

// New returns the credit service over d. keys encrypt persons' ID numbers
// and names, index makes their lookup keys; own may be nil (residents then
// see no records of their own).
func New(d *db.DB, keys *gm.Keyring, index *gm.BlindIndexer, depts Departments, own OwnSubjects) (*Service, error) {
	if d == nil || keys == nil || index == nil || depts == nil {
		return nil, errors.New("credit: database, keyring, blind indexer and departments are required")
	}
	return &Service{db: d, keys: keys, index: index, depts: depts, own: own}, nil
}

// today is the current calendar date in China, YYYY-MM-DD.
func (s *Service) today() string { return s.db.Clock.Now().In(chinaTime).Format(time.DateOnly) }

// department checks that code names a department and returns its name.
func (s *Service) department(ctx context.Context, field, code string) (string, error) {
	name, err := s.depts.DepartmentName(ctx, code)
	if apperr.CodeOf(err) == apperr.CodeNotFound || apperr.CodeOf(err) == apperr.CodeInvalid {
		return "", apperr.Invalid(field, "来源部门 "+code+" 不存在")
	}
	if err != nil {
		return "", fmt.Errorf("credit: department %s: %w", code, err)
	}
	return name, nil
}
