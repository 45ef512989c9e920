package license

import (
	"context"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Verdict is the answer of a verification.
type Verdict string

// The verdicts. Only a genuine licence gets one other than forged.
const (
	VerdictCurrent    Verdict = "current"    // genuine, valid and within its validity
	VerdictExpired    Verdict = "expired"    // genuine, validity ended
	VerdictSuspended  Verdict = "suspended"  // genuine, suspended
	VerdictRevoked    Verdict = "revoked"    // genuine, revoked
	VerdictSuperseded Verdict = "superseded" // genuine, replaced by a newer version
	VerdictForged     Verdict = "forged"     // stored data do not match the seal
)

// verdictNames are the Chinese verdicts shown on the public page.
var verdictNames = map[Verdict]string{
	VerdictCurrent: "有效", VerdictExpired: "已过有效期", VerdictSuspended: "已暂扣", VerdictRevoked: "已吊销",
	VerdictSuperseded: "已被新版本替代", VerdictForged: "验证未通过：证照数据与电子印章不符",
}

// Name is the verdict in Chinese.
func (v Verdict) Name() string { return verdictNames[v] }

// Verification is the public answer about one licence; the licence is
// masked and absent when the seal does not match.
type Verification struct {
	Identifier string   `json:"identifier"`
	Genuine    bool     `json:"genuine"`
	Verdict    Verdict  `json:"verdict"`
	Message    string   `json:"message"`
	Reason     string   `json:"reason,omitempty"` // of a suspension or revocation
	Licence    *Licence `json:"licence,omitempty"`
}

// Verify checks the licence an identifier names: the identifier's form and
// check character (an invalid error), its existence (not found), the seals
// over the metadata and over the status, the status and the validity.
func (s *Service) Verify(ctx context.Context, identifier string) (Verification, error) {
	id, err := ParseIdentifier(identifier)
	if err != nil {
		return Verification{}, err
	}
	r, err := s.loadBy(ctx, s.db, "identifier", id.String())
	if err != nil {
		return Verification{}, err
	}
	return s.verifyRow(ctx, r)
}

// verifyRow judges one stored licence.
func (s *Service) verifyRow(ctx context.Context, r row) (Verification, error) {
	v := Verification{Identifier: r.identifier, Verdict: VerdictForged}
	l, err := s.open(r)
	if err != nil {
		v.Message = v.Verdict.Name()
		return v, nil
	}
	if s.genuine(ctx, r, l) {
		v.Genuine = true
		v.Verdict = verdictOf(l, today(s.db.Clock.Now()))
		v.Reason = l.State.Reason
		m := l.Masked()
		// The public sees the licence, not the case file behind it.
		m.ApplicationID, m.ItemCode, m.State.ApplicationID, m.State.ItemCode = 0, "", 0, ""
		v.Licence = &m
	}
	v.Message = v.Verdict.Name()
	return v, nil
}

// genuine reports whether the stored columns agree with the sealed
// metadata and both seals verify.
func (s *Service) genuine(ctx context.Context, r row, l Licence) bool {
	m := l.Meta
	consistent := m.Identifier == r.identifier && m.TypeCode == r.typeCode && m.IssuerCode == r.issuerCode &&
		m.Identifier == (Identifier{TypeCode: r.typeCode, Issuer: r.issuerCode, Serial: r.Serial, Version: r.Version}).safeString()
	if !consistent {
		return false
	}
	return s.sealer.Verify(ctx, l.Seal, m.Canonical()) == nil &&
		s.sealer.Verify(ctx, l.StatusSeal, l.State.Canonical()) == nil
}

// safeString is String for stored parts that may have been edited: "" when
// they no longer form an identifier.
func (id Identifier) safeString() string {
	if id.Validate() != nil {
		return ""
	}
	return id.String()
}

// verdictOf turns a genuine licence's status and validity into a verdict.
func verdictOf(l Licence, today string) Verdict {
	switch l.State.Status {
	case StatusSuspended:
		return VerdictSuspended
	case StatusRevoked:
		return VerdictRevoked
	case StatusSuperseded:
		return VerdictSuperseded
	case StatusValid:
		if l.Meta.ValidUntil != "" && l.Meta.ValidUntil < today {
			return VerdictExpired
		}
		return VerdictCurrent
	}
	return VerdictForged
}

// VerifyID verifies the licence with a stored id (staff screens).
func (s *Service) VerifyID(ctx context.Context, id int64) (Verification, error) {
	r, err := s.loadBy(ctx, s.db, "id", id)
	if err != nil {
		return Verification{}, err
	}
	return s.verifyRow(ctx, r)
}

// parseID reads a licence id from a path.
func parseID(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Invalid("id", "证照编号不正确")
	}
	return id, nil
}

// errNotHolder hides other people's licences.
var errNotHolder = apperr.NotFound("电子证照不存在")
