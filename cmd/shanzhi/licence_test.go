package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// licenceExportFixture writes a licence export sealed with a throw-away
// self-signed SM2 certificate and returns its path and the certificate's
// PEM file.
func licenceExportFixture(t *testing.T, edit func(*license.Export)) (string, string) {
	t.Helper()
	key, err := gm.GenerateSigningKey()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &smx509.Certificate{SerialNumber: big.NewInt(7), NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: smx509.KeyUsageDigitalSignature | smx509.KeyUsageCertSign}
	der, err := smx509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	org, _ := check.OrgCodeCheckChar("00000001")
	id := license.Identifier{TypeCode: "SPJY", Issuer: check.MakeCreditCode("11320113" + "00000001" + string(org)),
		Serial: "2026000001", Version: 1}.String()
	e := license.Export{Format: license.ExportFormat, Metadata: license.Metadata{Name: "食品经营许可证", TypeCode: "SPJY",
		Identifier: id, IssuerName: "栖霞区市场监管局", HolderName: "小张面馆", HolderCodeType: license.HolderCreditCode},
		Status: license.StatusRecord{Identifier: id, Status: license.StatusValid, ChangedAt: time.Now().UTC()}}
	sign := func(payload []byte) license.Seal {
		sig, err := gm.Sign(key, payload)
		if err != nil {
			t.Fatal(err)
		}
		return license.Seal{KeyID: "k1", CertSerial: "7", Signature: sig, CertPEM: certPEM}
	}
	e.Seal, e.StatusSeal = sign(e.Metadata.Canonical()), sign(e.Status.Canonical())
	if edit != nil {
		edit(&e)
	}
	dir := t.TempDir()
	b, _ := json.Marshal(e)
	path, ca := filepath.Join(dir, "licence.json"), filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ca, []byte(certPEM), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, ca
}

func TestVerifyLicenceFile(t *testing.T) {
	path, ca := licenceExportFixture(t, nil)
	var out bytes.Buffer
	if err := runVerifyLicence(context.Background(), []string{"--ca", ca, path}, &out); err != nil ||
		!strings.Contains(out.String(), "验证通过") || !strings.Contains(out.String(), "印章证书由指定根证书签发") {
		t.Fatalf("verify: %v\n%s", err, out.String())
	}
	tampered, _ := licenceExportFixture(t, func(e *license.Export) { e.Metadata.HolderName = "别家面馆" })
	out.Reset()
	var exit *exitError
	if err := runVerifyLicence(context.Background(), []string{tampered}, &out); !errors.As(err, &exit) || exit.code != 1 ||
		!strings.Contains(out.String(), "验证未通过") {
		t.Fatalf("tampered: %v\n%s", err, out.String())
	}
	_, otherCA := licenceExportFixture(t, nil)
	if err := runVerifyLicence(context.Background(), []string{"--ca", otherCA, path}, &out); !errors.As(err, &exit) {
		t.Fatalf("foreign CA: %v", err)
	}
	if err := runVerifyLicence(context.Background(), nil, &out); !errors.Is(err, errUsage) {
		t.Fatalf("no file: %v", err)
	}
	if err := runVerifyLicence(context.Background(), []string{filepath.Join(t.TempDir(), "missing.json")}, &out); err == nil {
		t.Fatal("missing file verified")
	}
}
