// Package seal keeps the district's electronic seal infrastructure for
// electronic licences (GB/T 36901–36905): a root certificate authority per
// district and, for every issuing department, an SM2 key pair with a
// certificate from that root.
//
// The root has a self-signed SM2-with-SM3 certificate ("<区名>电子证照根CA",
// ten years) made by `shanzhi ca init`. A department certificate names the
// department and its unified social credit code, is valid two years and
// may only make digital signatures. All private keys are PKCS#8 PEM sealed
// with the data keyring (gm.Keyring): the database is the disk of the
// stateless nodes.
//
// Seal signs a payload (SM2 over SM3 with the GM/T 0009 default user ID)
// with the department's current key, creating key and certificate on first
// use, and records the signature's digest and time. Verify checks, in this
// order, that the certificate parses, belongs to the named key, chains to
// the district root, that the signature matches the payload, that the
// signature was made by Shanzhi (recorded), within the certificate's
// validity, and not on or after the moment its key was declared revoked.
//
// Rotation retires the current key: it signs no more but keeps verifying
// what it signed. Revocation names a reason and the moment from which the
// key is no longer trusted (now, or earlier when a compromise is found
// late): signatures recorded before that moment stay valid, later ones
// fail with ErrRevoked. The revoked keys are published at
// GET /api/v1/seal/revoked and the root certificate at
// GET /api/v1/seal/root.pem.
package seal
