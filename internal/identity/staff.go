package identity

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// StaffInput describes a new staff account.
type StaffInput struct {
	// District is the tenant; empty means the actor's district.
	District string
	// Username: 3 to 32 characters of a-z 0-9 . _ - (stored lower case),
	// unique in the district.
	Username string
	// Password: the initial password (10 to 128 characters, two classes).
	Password string
	// DisplayName: the person's name as colleagues see it; defaults to the
	// username.
	DisplayName string
	// Phone, optional: a mobile number for the welcome SMS, stored encrypted.
	Phone string
	// Grants: roles over scopes inside the district (may be empty; only a
	// district administrator may then create the account).
	Grants []authz.Grant
}

// StaffDraft is a validated StaffInput with its password already hashed,
// ready to insert inside a transaction (hashing takes tens of
// milliseconds, which must not be spent holding the write lock).
type StaffDraft struct {
	district    string
	username    string
	hash        string
	displayName string
	phone       sealed
	hasPhone    bool
	grants      []authz.Grant
}

// CreateStaff creates a staff account (administrators, inside their own
// scope: every initial grant must lie in it). In the same transaction it
// queues the "identity.welcome_staff" job that greets the new colleague.
func (s *Service) CreateStaff(ctx context.Context, actor *authz.Actor, in StaffInput) (int64, error) {
	if in.District == "" && actor != nil {
		in.District = actor.District
	}
	if err := checkCreateStaff(actor, in.District, in.Grants); err != nil {
		return 0, err
	}
	draft, err := s.PrepareStaff(in)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		id, err = s.CreateStaffTx(ctx, tx, actor, draft)
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// Bootstrap creates a staff account without a signed-in actor, as the
// system of in.District: for `shanzhi admin create` (the first
// administrator) and for demo seeding. It is audited like CreateStaff.
func (s *Service) Bootstrap(ctx context.Context, in StaffInput) (int64, error) {
	if !validDistrict(in.District) {
		return 0, apperr.Invalid("district", msgDistrictBad)
	}
	return s.CreateStaff(ctx, systemActor(in.District), in)
}

// PrepareStaff validates a new staff account and hashes its password.
func (s *Service) PrepareStaff(in StaffInput) (*StaffDraft, error) {
	d := &StaffDraft{district: in.District, grants: in.Grants}
	if !validDistrict(in.District) {
		return nil, apperr.Invalid("district", msgDistrictBad)
	}
	var err error
	if d.username, err = cleanUsername(in.Username); err != nil {
		return nil, err
	}
	if in.DisplayName == "" {
		in.DisplayName = d.username
	}
	if d.displayName, err = cleanName("display_name", in.DisplayName, msgDisplayEmpty, msgDisplayLong); err != nil {
		return nil, err
	}
	if err := s.prepareStaffPhone(d, in.Phone); err != nil {
		return nil, err
	}
	for _, g := range in.Grants {
		if err := validateGrant(g, in.District, authz.KindStaff); err != nil {
			return nil, err
		}
	}
	if err := checkPassword("password", in.Password); err != nil {
		return nil, err
	}
	if d.hash, err = hashPassword(in.Password, s.cfg.Password); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Service) prepareStaffPhone(d *StaffDraft, phone string) error {
	if phone == "" {
		return nil
	}
	p, err := cleanPhone(phone)
	if err != nil {
		return err
	}
	d.phone, err = s.seal(ctxPhone, p)
	d.hasPhone = err == nil
	return err
}

// CreateStaffTx inserts a prepared staff account inside the caller's
// transaction, with its grants, the welcome job and the audit record, so
// another module can create an account together with its own rows (a
// staff post, say). A duplicate username is a conflict on field username.
func (s *Service) CreateStaffTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, d *StaffDraft) (int64, error) {
	if err := checkCreateStaff(actor, d.district, d.grants); err != nil {
		return 0, err
	}
	id, err := s.insertStaff(ctx, tx, d)
	if err != nil {
		return 0, err
	}
	for _, g := range d.grants {
		if _, err := insertGrant(ctx, tx, id, g, actor.AccountID); err != nil {
			return 0, err
		}
	}
	if err := s.q.InsertTx(ctx, tx, WelcomeStaffArgs{AccountID: id, District: d.district}, nil); err != nil {
		return 0, fmt.Errorf("identity: create staff: %w", err)
	}
	after := auditState{Kind: authz.KindStaff, DisplayName: d.displayName, Status: StatusActive,
		Username: d.username, Grants: grantStrings(d.grants)}
	if err := s.appendAudit(ctx, tx, actor, "identity.staff.create", id, nil, after); err != nil {
		return 0, err
	}
	return id, nil
}

func (s *Service) insertStaff(ctx context.Context, tx *db.Tx, d *StaffDraft) (int64, error) {
	var phoneEnc, phoneIndex any
	if d.hasPhone {
		phoneEnc, phoneIndex = d.phone.enc, d.phone.index
	}
	now := tx.Now()
	id, err := tx.InsertID(ctx, `INSERT INTO accounts (district, kind, display_name, status, username,
		password_hash, password_changed_at, phone_enc, phone_index, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.district, authz.KindStaff, d.displayName, StatusActive, d.username, d.hash, now,
		phoneEnc, phoneIndex, now, now)
	if db.IsUniqueViolation(err) {
		return 0, &apperr.Error{Code: apperr.CodeConflict, Message: msgUsernameTaken,
			Fields: map[string]string{"username": msgUsernameTaken}}
	}
	if err != nil {
		return 0, fmt.Errorf("identity: create staff: %w", err)
	}
	return id, nil
}

// checkCreateStaff allows an administrator to create an account in their
// own district, with grants inside their scopes only (an account without
// grants needs a district-wide administrator).
func checkCreateStaff(actor *authz.Actor, district string, grants []authz.Grant) error {
	if len(grants) == 0 {
		return authz.Check(actor, actCreateStaff, authz.District(district))
	}
	for _, g := range grants {
		if err := authz.Check(actor, actCreateStaff, g.Scope); err != nil {
			return err
		}
		if err := authz.Check(actor, actGrantRole, g.Scope); err != nil {
			return err
		}
	}
	if actor.District != district {
		return apperr.Forbidden(msgOtherDistrict)
	}
	return nil
}
