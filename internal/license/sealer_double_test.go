package license_test

import (
	"context"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// testSealer is the TEST DOUBLE of the seal module's Sealer: one SM2 key
// and a self-signed SM2 certificate made in memory, shared by every
// department. It signs exactly as the real seal does (gm.Sign, SM2 with
// SM3), so offline verification can be tested, but it has no CA, no key
// storage, no rotation and no revocation.
type testSealer struct {
	key     *gm.SigningKey
	cert    *smx509.Certificate
	certPEM string
}

func newTestSealer(t testing.TB) *testSealer {
	t.Helper()
	key, err := gm.GenerateSigningKey()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &smx509.Certificate{SerialNumber: big.NewInt(4242), NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter: time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC), BasicConstraintsValid: true, IsCA: true,
		KeyUsage: smx509.KeyUsageDigitalSignature | smx509.KeyUsageCertSign}
	tmpl.Subject.CommonName = "栖霞区测试电子印章"
	der, err := smx509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := smx509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testSealer{key: key, cert: cert, certPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))}
}

func (s *testSealer) Seal(_ context.Context, _ *db.Tx, dept string, payload []byte) (license.Seal, error) {
	if dept == "" {
		return license.Seal{}, errors.New("test sealer: no department")
	}
	sig, err := gm.Sign(s.key, payload)
	if err != nil {
		return license.Seal{}, err
	}
	return license.Seal{KeyID: dept + "-k1", CertSerial: s.cert.SerialNumber.String(), Signature: sig, CertPEM: s.certPEM}, nil
}

func (s *testSealer) Verify(_ context.Context, seal license.Seal, payload []byte) error {
	if seal.CertSerial != s.cert.SerialNumber.String() {
		return errors.New("test sealer: unknown certificate")
	}
	if !gm.Verify(&s.key.PublicKey, payload, seal.Signature) {
		return errors.New("test sealer: bad signature")
	}
	return nil
}
