package seal

import (
	"errors"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Sealed is one electronic seal over a payload: what a licence stores next
// to its data so that anyone can verify it later.
type Sealed struct {
	// KeyID names the department key that signed.
	KeyID string
	// CertSerial is the serial of the key's certificate, lower-case hex.
	CertSerial string
	// Signature is the ASN.1 DER SM2 signature of the payload.
	Signature []byte
	// CertPEM is the department certificate, PEM encoded.
	CertPEM string
}

// The actions of this module.
var (
	ActInit   = authz.Define("seal.ca.init", "初始化电子证照根证书", authz.RoleAdmin)
	ActIssue  = authz.Define("seal.key.issue", "签发部门电子印章证书", authz.RoleAdmin)
	ActRotate = authz.Define("seal.key.rotate", "更换部门电子印章密钥", authz.RoleAdmin)
	ActRevoke = authz.Define("seal.key.revoke", "吊销部门电子印章证书", authz.RoleAdmin)
)

// Verification failures, distinct so that callers can say what is wrong.
var (
	ErrBadCert      = errors.New("seal: 印章证书格式不正确")
	ErrUnknownKey   = errors.New("seal: 印章密钥未知")
	ErrCertMismatch = errors.New("seal: 印章证书与密钥记录不符")
	ErrChain        = errors.New("seal: 印章证书不是由本区电子证照根证书签发")
	ErrSignature    = errors.New("seal: 签章与数据不符，数据可能已被篡改")
	ErrNotIssued    = errors.New("seal: 本系统没有该签章的记录")
	ErrExpired      = errors.New("seal: 签章时印章证书不在有效期内")
	ErrRevoked      = errors.New("seal: 印章证书已吊销，签章时间在吊销生效之后")
)

// ErrNoRoot is returned when a district's root CA does not exist yet.
var ErrNoRoot = errors.New("seal: 尚未初始化电子证照根证书，请运行 shanzhi ca init")
