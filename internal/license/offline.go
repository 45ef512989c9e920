package license

import (
	"crypto/ecdsa"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// OfflineResult is what an exported licence shows without the server.
type OfflineResult struct {
	Identifier string
	Status     Status
	CertSerial string
	// ChainChecked is true when the seal certificate was checked against
	// a given CA certificate.
	ChainChecked bool
}

// VerifyExport checks an exported licence offline: the identifier, the
// SM2 seals over the metadata and over the status with the certificate
// the file carries, and, when roots are given, that the certificate was
// issued by one of them. The status is as of the export: only the online
// check knows later suspensions and revocations.
func VerifyExport(e Export, roots []*smx509.Certificate) (OfflineResult, error) {
	if e.Format != ExportFormat {
		return OfflineResult{}, fmt.Errorf("license: not a licence export (format %q)", e.Format)
	}
	if _, err := ParseIdentifier(e.Metadata.Identifier); err != nil {
		return OfflineResult{}, fmt.Errorf("license: %w", err)
	}
	if e.Status.Identifier != e.Metadata.Identifier {
		return OfflineResult{}, errors.New("license: status belongs to another licence")
	}
	res := OfflineResult{Identifier: e.Metadata.Identifier, Status: e.Status.Status, CertSerial: e.Seal.CertSerial}
	for _, part := range []struct {
		seal    Seal
		payload []byte
	}{{e.Seal, e.Metadata.Canonical()}, {e.StatusSeal, e.Status.Canonical()}} {
		cert, err := checkSeal(part.seal, part.payload)
		if err != nil {
			return OfflineResult{}, err
		}
		if len(roots) > 0 {
			if err := fromRoots(cert, roots); err != nil {
				return OfflineResult{}, err
			}
			res.ChainChecked = true
		}
	}
	return res, nil
}

// checkSeal verifies one SM2 seal with the certificate it carries.
func checkSeal(s Seal, payload []byte) (*smx509.Certificate, error) {
	cert, err := ParseCertPEM(s.CertPEM)
	if err != nil {
		return nil, err
	}
	pub, ok := cert.PublicKey.(*ecdsa.PublicKey)
	if !ok || !gm.Verify(pub, payload, s.Signature) {
		return nil, errors.New("license: the seal's signature does not match the licence data")
	}
	return cert, nil
}

// fromRoots checks that cert was signed by one of roots.
func fromRoots(cert *smx509.Certificate, roots []*smx509.Certificate) error {
	for _, r := range roots {
		if cert.CheckSignatureFrom(r) == nil {
			return nil
		}
	}
	return errors.New("license: the seal certificate was not issued by the given CA")
}

// ParseCertPEM reads one PEM certificate (SM2 or other).
func ParseCertPEM(s string) (*smx509.Certificate, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, errors.New("license: no PEM certificate in the seal")
	}
	cert, err := smx509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("license: parse seal certificate: %w", err)
	}
	return cert, nil
}
