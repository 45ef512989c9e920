package seal_test

import (
	"bytes"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
)

func TestSealNeedsRoot(t *testing.T) {
	f := newFixture(t)
	_, err := f.trySeal(f.s, dept, licence)
	wantIs(t, err, seal.ErrNoRoot)
	if e, ok := apperr.As(err); !ok || e.Message != "尚未初始化电子证照根证书，请运行 shanzhi ca init" {
		t.Fatalf("error = %v", err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM seal_keys`); n != 0 {
		t.Fatalf("%d keys made without a root", n)
	}
}

func TestInitRoot(t *testing.T) {
	f := newFixture(t)
	root, err := f.s.InitRoot(f.ctx, admin(), district)
	if err != nil {
		t.Fatal(err)
	}
	cert := parse(t, root.CertPEM)
	if !cert.IsCA || cert.Subject.CommonName != "栖霞区电子证照根CA" || cert.SignatureAlgorithm != smx509.SM2WithSM3 {
		t.Fatalf("root: CA %v, subject %q, algorithm %v", cert.IsCA, cert.Subject.CommonName, cert.SignatureAlgorithm)
	}
	if got := cert.NotAfter.Sub(cert.NotBefore); got < 3650*24*time.Hour || got > 3653*24*time.Hour {
		t.Fatalf("root validity %v, want 10 years", got)
	}
	if err := cert.CheckSignatureFrom(cert); err != nil {
		t.Fatalf("root is not self-signed: %v", err)
	}
	_, err = f.s.InitRoot(f.ctx, admin(), district)
	wantCode(t, err, apperr.CodeConflict, "")
	_, err = f.s.InitRoot(f.ctx, admin(), "999999")
	wantCode(t, err, apperr.CodeForbidden, "")
	if n := f.count(t, `SELECT COUNT(*) FROM seal_roots`); n != 1 {
		t.Fatalf("%d roots", n)
	}
	pemText, err := f.s.RootPEM(f.ctx, district)
	if err != nil || pemText != root.CertPEM {
		t.Fatalf("RootPEM = %q, %v", pemText, err)
	}
}

func TestSealChainsToRoot(t *testing.T) {
	f := newFixture(t).withRoot(t)
	sd := f.seal(t, dept, licence)
	if sd.KeyID == "" || sd.CertSerial == "" || len(sd.Signature) == 0 {
		t.Fatalf("sealed %+v", sd)
	}
	cert := parse(t, sd.CertPEM)
	if cert.Subject.CommonName != "南京市栖霞区市场监督管理局" || cert.Subject.SerialNumber != credit {
		t.Fatalf("subject %q / %q", cert.Subject.CommonName, cert.Subject.SerialNumber)
	}
	if cert.IsCA || cert.KeyUsage&smx509.KeyUsageDigitalSignature == 0 || cert.KeyUsage&smx509.KeyUsageCertSign != 0 {
		t.Fatalf("key usage %v, CA %v", cert.KeyUsage, cert.IsCA)
	}
	if got := cert.NotAfter.Sub(cert.NotBefore); got < 730*24*time.Hour || got > 731*24*time.Hour {
		t.Fatalf("validity %v, want 2 years", got)
	}
	rootPEM, _ := f.s.RootPEM(f.ctx, district)
	roots := smx509.NewCertPool()
	roots.AddCert(parse(t, rootPEM))
	if _, err := cert.Verify(smx509.VerifyOptions{Roots: roots, CurrentTime: start}); err != nil {
		t.Fatalf("certificate does not chain to the root: %v", err)
	}
	if err := f.s.Verify(f.ctx, sd, licence); err != nil {
		t.Fatal(err)
	}
	again := f.seal(t, dept, []byte("另一份证照"))
	if again.KeyID != sd.KeyID || bytes.Equal(again.Signature, sd.Signature) {
		t.Fatal("second seal should use the same key with a fresh signature")
	}
	// Another node, with nothing cached, verifies too.
	if err := f.service(t, f.keys).Verify(f.ctx, sd, licence); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyFailures(t *testing.T) {
	f := newFixture(t).withRoot(t)
	sd := f.seal(t, dept, licence)
	otherSd := f.seal(t, other, licence)
	tampered := bytes.Replace(licence, []byte("餐饮店"), []byte("饭店"), 1)
	flipped := bytes.Clone(sd.Signature)
	flipped[len(flipped)-3] ^= 1
	for _, c := range []struct {
		name    string
		mod     func(*seal.Sealed)
		payload []byte
		want    error
	}{
		{"tampered payload", nil, tampered, seal.ErrSignature},
		{"empty payload", nil, nil, seal.ErrSignature},
		{"changed signature", func(s *seal.Sealed) { s.Signature = flipped }, licence, seal.ErrSignature},
		{"other department's signature", func(s *seal.Sealed) { s.Signature = otherSd.Signature }, licence, seal.ErrSignature},
		{"unknown key", func(s *seal.Sealed) { s.KeyID = "320113D23-20260302-00000000" }, licence, seal.ErrUnknownKey},
		{"garbage certificate", func(s *seal.Sealed) { s.CertPEM = "not a certificate" }, licence, seal.ErrBadCert},
		{"other department's certificate", func(s *seal.Sealed) { s.CertPEM = otherSd.CertPEM }, licence, seal.ErrCertMismatch},
		{"wrong serial", func(s *seal.Sealed) { s.CertSerial = otherSd.CertSerial }, licence, seal.ErrCertMismatch},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := sd
			if c.mod != nil {
				c.mod(&s)
			}
			wantIs(t, f.s.Verify(f.ctx, s, c.payload), c.want)
		})
	}
	if err := f.s.Verify(f.ctx, sd, licence); err != nil {
		t.Fatalf("original no longer verifies: %v", err)
	}
}

// A certificate swapped in the database (and in the seal) by someone
// without the root key fails the chain check.
func TestVerifyForeignCertificate(t *testing.T) {
	f := newFixture(t).withRoot(t)
	sd := f.seal(t, dept, licence)
	forged := selfSigned(t, parse(t, sd.CertPEM))
	f.exec(t, `UPDATE seal_keys SET cert_pem = ? WHERE id = ?`, forged, sd.KeyID)
	sd.CertPEM = forged
	wantIs(t, f.service(t, f.keys).Verify(f.ctx, sd, licence), seal.ErrChain)
}

// A seal whose transaction rolled back was never issued.
func TestVerifyUnrecorded(t *testing.T) {
	f := newFixture(t).withRoot(t)
	f.seal(t, dept, licence)
	var lost seal.Sealed
	_ = f.d.InTx(f.ctx, func(tx *db.Tx) error {
		lost, _ = f.s.Seal(f.ctx, tx, dept, licence)
		return apperr.Conflict("回滚")
	})
	if len(lost.Signature) == 0 {
		t.Fatal("no seal made")
	}
	wantIs(t, f.s.Verify(f.ctx, lost, licence), seal.ErrNotIssued)
}

func TestSealBadInput(t *testing.T) {
	f := newFixture(t).withRoot(t)
	_, err := f.trySeal(f.s, "", licence)
	wantCode(t, err, apperr.CodeInvalid, "dept_code")
	_, err = f.trySeal(f.s, "320113D99", licence)
	wantCode(t, err, apperr.CodeInvalid, "dept_code")
	if n := f.count(t, `SELECT COUNT(*) FROM seal_keys`); n != 0 {
		t.Fatalf("%d keys after bad input", n)
	}
}

func TestKeysEncryptedAtRest(t *testing.T) {
	f := newFixture(t).withRoot(t)
	sd := f.seal(t, dept, licence)
	var root, key string
	if err := f.d.QueryRow(f.ctx, `SELECT private_enc FROM seal_roots`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := f.d.QueryRow(f.ctx, `SELECT private_enc FROM seal_keys WHERE id = ?`, sd.KeyID).Scan(&key); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{root, key} {
		if !strings.HasPrefix(v, "v1:k1:") || strings.Contains(v, "PRIVATE") {
			t.Fatalf("stored key %.20q… is not sealed with the keyring", v)
		}
	}
	// A node with other data keys cannot open the key, so cannot seal.
	if _, err := f.trySeal(f.service(t, newKeyring(t)), dept, licence); err == nil {
		t.Fatal("sealed with the wrong data keyring")
	}
}

func parse(t testing.TB, pemText string) *smx509.Certificate {
	t.Helper()
	b, _ := pem.Decode([]byte(pemText))
	if b == nil {
		t.Fatalf("no PEM in %q", pemText)
	}
	c, err := smx509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
