package license

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Status is where a licence stands in its lifecycle.
type Status string

// The statuses of a licence. Superseded licences stay verifiable: they
// were genuine and a newer version replaced them.
const (
	StatusValid      Status = "valid"
	StatusSuspended  Status = "suspended"
	StatusRevoked    Status = "revoked"
	StatusSuperseded Status = "superseded"
)

// Holder code types of GB/T 36903.
const (
	HolderIDNumber   = "111" // 居民身份证
	HolderCreditCode = "001" // 统一社会信用代码
)

// Metadata is the signed content of a licence: the GB/T 36903 metadata
// plus the licence's data (the key fields of the approved form). The
// holder's code is in clear here, because the seal must bind it; it is
// encrypted at rest and masked on every screen.
type Metadata struct {
	Name           string            `json:"name"`             // 证照名称
	TypeCode       string            `json:"type_code"`        // 证照类型代码
	Number         string            `json:"number"`           // 证照编号
	Identifier     string            `json:"identifier"`       // 证照标识
	IssuerName     string            `json:"issuer_name"`      // 颁发机构
	IssuerCode     string            `json:"issuer_code"`      // 颁发机构代码
	IssuedOn       string            `json:"issued_on"`        // 颁证日期 YYYY-MM-DD
	ValidFrom      string            `json:"valid_from"`       // 有效期起始
	ValidUntil     string            `json:"valid_until"`      // 有效期截止, "" = 长期
	HolderName     string            `json:"holder_name"`      // 持证主体
	HolderCode     string            `json:"holder_code"`      // 持证主体代码
	HolderCodeType string            `json:"holder_code_type"` // 111 | 001
	Territory      string            `json:"territory"`        // 管辖属地 (division code)
	Data           map[string]string `json:"data"`             // 照面信息
}

// Canonical returns the stable bytes the seal signs: compact JSON with the
// fields in declaration order and data keys sorted (encoding/json sorts
// map keys), without HTML escaping so the bytes match any verifier's.
func (m Metadata) Canonical() []byte {
	if m.Data == nil {
		m.Data = map[string]string{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		// Only strings and a string map: encoding cannot fail.
		panic(err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// Seal is an electronic seal over some bytes, as the seal module makes it.
type Seal struct {
	KeyID      string `json:"key_id"`
	CertSerial string `json:"cert_serial"`
	Signature  []byte `json:"signature"`
	CertPEM    string `json:"cert_pem"`
}

// StatusRecord is the sealed status of a licence, with the bookkeeping
// that says who may see and manage it: each change of status is signed,
// so editing the stored status, the issuing department or the holder's
// account fails verification.
type StatusRecord struct {
	Identifier    string    `json:"identifier"`
	Status        Status    `json:"status"`
	Reason        string    `json:"reason"`
	ChangedAt     time.Time `json:"changed_at"`
	Department    string    `json:"department"`
	HolderAccount int64     `json:"holder_account"`
	ApplicationID int64     `json:"application_id"`
	ItemCode      string    `json:"item_code"`
	SupersedesID  int64     `json:"supersedes_id"`
}

// Canonical returns the bytes the status seal signs.
func (r StatusRecord) Canonical() []byte {
	c := r
	c.ChangedAt = time.Time{}
	b, err := json.Marshal(struct {
		StatusRecord
		ChangedAt string `json:"changed_at"`
	}{c, r.ChangedAt.UTC().Format(time.RFC3339Nano)})
	if err != nil {
		panic(err)
	}
	return b
}

// Licence is one stored licence version.
type Licence struct {
	ID            int64        `json:"id"`
	District      string       `json:"district"`
	Department    string       `json:"department"` // issuing department code
	Meta          Metadata     `json:"metadata"`
	Serial        string       `json:"serial"`
	Version       int          `json:"version"`
	HolderAccount int64        `json:"-"`
	ApplicationID int64        `json:"application_id,omitempty"`
	ItemCode      string       `json:"item_code,omitempty"`
	SupersedesID  int64        `json:"supersedes_id,omitempty"`
	State         StatusRecord `json:"status"`
	Seal          Seal         `json:"-"`
	StatusSeal    Seal         `json:"-"`
	CreatedAt     time.Time    `json:"created_at"`
}

// statusRecord is the licence's status record for a new status.
func (l Licence) statusRecord(st Status, reason string, at time.Time) StatusRecord {
	// Microseconds: what PostgreSQL keeps of a time; a signed time must
	// read back as it was signed.
	return StatusRecord{Identifier: l.Meta.Identifier, Status: st, Reason: reason, ChangedAt: at.UTC().Truncate(time.Microsecond),
		Department: l.Department, HolderAccount: l.HolderAccount, ApplicationID: l.ApplicationID,
		ItemCode: l.ItemCode, SupersedesID: l.SupersedesID}
}

// Masked returns the licence with a person holder's ID number and name
// masked, for any screen or API answer. An entity's credit code and name
// are public registration data and stay readable.
func (l Licence) Masked() Licence {
	l.State.HolderAccount = 0
	if l.Meta.HolderCodeType == HolderIDNumber {
		l.Meta.HolderCode = gm.MaskIDNumber(l.Meta.HolderCode)
		l.Meta.HolderName = gm.MaskName(l.Meta.HolderName)
	}
	return l
}
