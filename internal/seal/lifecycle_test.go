package seal_test

import (
	"crypto/rand"
	"encoding/pem"
	"testing"
	"time"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
)

func TestRotateKeepsOldSeals(t *testing.T) {
	f := newFixture(t).withRoot(t)
	before := f.seal(t, dept, licence)
	f.clock.Set(start.Add(time.Hour))
	k, err := f.s.Rotate(f.ctx, admin(), dept)
	if err != nil {
		t.Fatal(err)
	}
	after := f.seal(t, dept, licence)
	if after.KeyID != k.ID || after.KeyID == before.KeyID || after.CertSerial == before.CertSerial {
		t.Fatalf("after rotation sealed with %s, new key %s, old %s", after.KeyID, k.ID, before.KeyID)
	}
	for _, sd := range []seal.Sealed{before, after} {
		if err := f.s.Verify(f.ctx, sd, licence); err != nil {
			t.Fatalf("seal by %s: %v", sd.KeyID, err)
		}
	}
	keys, err := f.s.Keys(f.ctx, dept)
	if err != nil || len(keys) != 2 || keys[0].Status != seal.StatusCurrent || keys[1].Status != seal.StatusRetired {
		t.Fatalf("keys %+v, %v", keys, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'seal.key.rotate'`); n != 1 {
		t.Fatalf("%d rotation audit records", n)
	}
}

// Revocation takes effect at Since: seals recorded before it stay valid
// (they were made while the key was trusted), later ones fail.
func TestRevokeFromSince(t *testing.T) {
	f := newFixture(t).withRoot(t)
	early := f.seal(t, dept, licence)
	f.clock.Set(start.Add(2 * time.Hour))
	late := f.seal(t, dept, licence)
	f.clock.Set(start.Add(3 * time.Hour))
	k, err := f.s.Revoke(f.ctx, admin(), seal.Revocation{KeyID: early.KeyID, Reason: "key_compromise",
		Since: start.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if k.Status != seal.StatusRevoked || !k.RevokedSince.Equal(start.Add(time.Hour)) {
		t.Fatalf("revoked key %+v", k)
	}
	if err := f.s.Verify(f.ctx, early, licence); err != nil {
		t.Fatalf("seal before revocation: %v", err)
	}
	wantIs(t, f.s.Verify(f.ctx, late, licence), seal.ErrRevoked)
	// The revoked key signs no more: the next seal gets a new key.
	next := f.seal(t, dept, licence)
	if next.KeyID == early.KeyID {
		t.Fatal("sealed with a revoked key")
	}
	if err := f.s.Verify(f.ctx, next, licence); err != nil {
		t.Fatal(err)
	}
	list, err := f.s.RevokedKeys(f.ctx, district)
	if err != nil || len(list.Keys) != 1 || list.Keys[0].Serial != early.CertSerial || list.Keys[0].ReasonName != "密钥泄露" {
		t.Fatalf("revoked list %+v, %v", list, err)
	}
}

func TestRevokeNow(t *testing.T) {
	f := newFixture(t).withRoot(t)
	sd := f.seal(t, dept, licence)
	f.clock.Set(start.Add(time.Minute))
	if _, err := f.s.Revoke(f.ctx, admin(), seal.Revocation{KeyID: sd.KeyID, Reason: "cessation_of_operation"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Verify(f.ctx, sd, licence); err != nil {
		t.Fatalf("seal made before an immediate revocation: %v", err)
	}
}

func TestRevokeBadInput(t *testing.T) {
	f := newFixture(t).withRoot(t)
	sd := f.seal(t, dept, licence)
	f.clock.Set(start.Add(time.Hour))
	for _, c := range []struct {
		name  string
		r     seal.Revocation
		code  apperr.Code
		field string
	}{
		{"no reason", seal.Revocation{KeyID: sd.KeyID}, apperr.CodeInvalid, "reason"},
		{"unknown reason", seal.Revocation{KeyID: sd.KeyID, Reason: "bored"}, apperr.CodeInvalid, "reason"},
		{"no key", seal.Revocation{Reason: "superseded"}, apperr.CodeInvalid, "key_id"},
		{"unknown key", seal.Revocation{KeyID: "nope", Reason: "superseded"}, apperr.CodeNotFound, ""},
		{"future", seal.Revocation{KeyID: sd.KeyID, Reason: "superseded", Since: start.Add(2 * time.Hour)}, apperr.CodeInvalid, "since"},
		{"before the key", seal.Revocation{KeyID: sd.KeyID, Reason: "superseded", Since: start.Add(-time.Hour)}, apperr.CodeInvalid, "since"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.s.Revoke(f.ctx, admin(), c.r)
			wantCode(t, err, c.code, c.field)
		})
	}
	if n := f.count(t, `SELECT COUNT(*) FROM seal_keys WHERE status = 'current'`); n != 1 {
		t.Fatal("bad revocation changed the key")
	}
	if _, err := f.s.Revoke(f.ctx, admin(), seal.Revocation{KeyID: sd.KeyID, Reason: "superseded"}); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.Revoke(f.ctx, admin(), seal.Revocation{KeyID: sd.KeyID, Reason: "superseded"})
	wantCode(t, err, apperr.CodeConflict, "")
}

// An expired certificate is replaced on the next seal; what it sealed
// while valid stays valid.
func TestExpiredKeyReplaced(t *testing.T) {
	f := newFixture(t).withRoot(t)
	old := f.seal(t, dept, licence)
	f.clock.Set(start.AddDate(2, 0, 1))
	fresh := f.seal(t, dept, licence)
	if fresh.KeyID == old.KeyID {
		t.Fatal("sealed with an expired certificate")
	}
	for _, sd := range []seal.Sealed{old, fresh} {
		if err := f.s.Verify(f.ctx, sd, licence); err != nil {
			t.Fatalf("seal by %s: %v", sd.KeyID, err)
		}
	}
}

func TestIssueDept(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.IssueDept(f.ctx, admin(), dept)
	wantIs(t, err, seal.ErrNoRoot)
	f.withRoot(t)
	k, err := f.s.IssueDept(f.ctx, admin(), dept)
	if err != nil {
		t.Fatal(err)
	}
	if sd := f.seal(t, dept, licence); sd.KeyID != k.ID {
		t.Fatalf("sealed with %s, issued %s", sd.KeyID, k.ID)
	}
	_, err = f.s.IssueDept(f.ctx, admin(), dept)
	wantCode(t, err, apperr.CodeConflict, "")
	_, err = f.s.IssueDept(f.ctx, admin(), "320113D99")
	wantCode(t, err, apperr.CodeInvalid, "dept_code")
}

// Every action: an administrator may, a department approver may not.
func TestPermissions(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.InitRoot(f.ctx, approver(), district)
	wantCode(t, err, apperr.CodeForbidden, "")
	f.withRoot(t)
	_, err = f.s.IssueDept(f.ctx, approver(), dept)
	wantCode(t, err, apperr.CodeForbidden, "")
	k, err := f.s.IssueDept(f.ctx, admin(), dept)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.s.Rotate(f.ctx, approver(), dept)
	wantCode(t, err, apperr.CodeForbidden, "")
	if _, err = f.s.Rotate(f.ctx, admin(), dept); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.Revoke(f.ctx, approver(), seal.Revocation{KeyID: k.ID, Reason: "superseded"})
	wantCode(t, err, apperr.CodeForbidden, "")
	if _, err = f.s.Revoke(f.ctx, admin(), seal.Revocation{KeyID: k.ID, Reason: "superseded"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"seal.ca.init", "seal.key.issue", "seal.key.rotate", "seal.key.revoke"} {
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, a); n != 1 {
			t.Errorf("%s: %d audit records", a, n)
		}
	}
}

// selfSigned copies cert's subject and serial into a certificate signed by
// a fresh key instead of the root.
func selfSigned(t testing.TB, cert *smx509.Certificate) string {
	t.Helper()
	priv, err := gm.GenerateSigningKey()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &smx509.Certificate{SerialNumber: cert.SerialNumber, Subject: cert.Subject, Issuer: cert.Issuer,
		NotBefore: cert.NotBefore, NotAfter: cert.NotAfter, KeyUsage: cert.KeyUsage}
	der, err := smx509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// Two nodes sealing a department's first licence at once end with one key.
func TestFirstKeyConcurrent(t *testing.T) {
	f := newFixture(t).withRoot(t)
	nodes := []*seal.Service{f.service(t, f.keys), f.service(t, f.keys), f.service(t, f.keys)}
	results := make(chan error, len(nodes))
	sealed := make([]seal.Sealed, len(nodes))
	for i, s := range nodes {
		go func() {
			var err error
			sealed[i], err = f.trySeal(s, dept, licence)
			results <- err
		}()
	}
	for range nodes {
		if err := <-results; err != nil {
			t.Fatal(err)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM seal_keys WHERE dept_code = ?`, dept); n != 1 {
		t.Fatalf("%d keys for one department", n)
	}
	for _, sd := range sealed {
		if err := f.s.Verify(f.ctx, sd, licence); err != nil {
			t.Fatal(err)
		}
	}
}
