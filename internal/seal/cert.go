package seal

import (
	"crypto/rand"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"time"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Validity periods of the certificates.
const (
	rootYears = 10
	deptYears = 2
)

// newSerial returns a random positive 128-bit certificate serial.
func newSerial() (*big.Int, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("seal: serial: %w", err)
	}
	b[0] &= 0x7f
	b[0] |= 0x01 // never zero, never a leading zero byte: a fixed 32-digit hex
	return new(big.Int).SetBytes(b), nil
}

// serialHex is how serials are stored and compared.
func serialHex(n *big.Int) string { return hex.EncodeToString(n.Bytes()) }

// rootTemplate is the self-signed root of a district.
func rootTemplate(districtName string, serial *big.Int, now time.Time) *smx509.Certificate {
	start := now.Truncate(time.Second)
	return &smx509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{Country: []string{"CN"}, Organization: []string{districtName},
			CommonName: districtName + "电子证照根CA"},
		NotBefore: start, NotAfter: start.AddDate(rootYears, 0, 0),
		KeyUsage:              smx509.KeyUsageCertSign | smx509.KeyUsageCRLSign,
		BasicConstraintsValid: true, IsCA: true, MaxPathLenZero: true,
	}
}

// deptTemplate is a department's seal certificate: it names the department
// and, when known, its unified social credit code (as the subject serial
// number), and may only sign. It never outlives the root.
func deptTemplate(dep department, serial *big.Int, now time.Time, root *smx509.Certificate) *smx509.Certificate {
	start := now.Truncate(time.Second)
	end := start.AddDate(deptYears, 0, 0)
	if end.After(root.NotAfter) {
		end = root.NotAfter
	}
	return &smx509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{Country: []string{"CN"}, Organization: []string{dep.Name},
			CommonName: dep.Name, SerialNumber: dep.CreditCode},
		NotBefore: start, NotAfter: end,
		KeyUsage:              smx509.KeyUsageDigitalSignature | smx509.KeyUsageContentCommitment,
		BasicConstraintsValid: true,
	}
}

// issue makes a certificate for pub from template, signed by parent's key.
func issue(template, parent *smx509.Certificate, pub *gm.VerifyingKey, signer *gm.SigningKey) (*smx509.Certificate, string, error) {
	der, err := smx509.CreateCertificate(rand.Reader, template, parent, pub, signer)
	if err != nil {
		return nil, "", fmt.Errorf("seal: create certificate: %w", err)
	}
	cert, err := smx509.ParseCertificate(der)
	if err != nil {
		return nil, "", fmt.Errorf("seal: parse new certificate: %w", err)
	}
	return cert, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
}

// parseCert reads one PEM certificate.
func parseCert(pemText string) (*smx509.Certificate, error) {
	block, _ := pem.Decode([]byte(pemText))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, ErrBadCert
	}
	cert, err := smx509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCert, err)
	}
	return cert, nil
}

// sealKey encodes and encrypts a private key for storage.
func (s *Service) sealKey(context string, priv *gm.SigningKey) (string, error) {
	p, err := gm.EncodePrivateKeyPEM(priv, nil)
	if err != nil {
		return "", fmt.Errorf("seal: encode key: %w", err)
	}
	defer clear(p)
	enc, err := s.keys.Encrypt(context, p)
	if err != nil {
		return "", fmt.Errorf("seal: encrypt key: %w", err)
	}
	return enc, nil
}

// openKey decrypts and parses a stored private key.
func (s *Service) openKey(context, sealed string) (*gm.SigningKey, error) {
	p, err := s.keys.Decrypt(context, sealed)
	if err != nil {
		return nil, fmt.Errorf("seal: decrypt key: %w", err)
	}
	defer clear(p)
	priv, err := gm.DecodePrivateKeyPEM(p, nil)
	if err != nil {
		return nil, fmt.Errorf("seal: parse key: %w", err)
	}
	return priv, nil
}
