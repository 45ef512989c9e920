// Package esign signs documents for the platform and keeps the evidence:
// the electronic signature of an application, a commitment letter and the
// like, made after the signer's identity was verified (internal/verify).
//
// A signature is an SM2 signature (GB/T 32918, gm.Sign) by the platform's
// key over a payload: the canonical JSON of the document's SM3 digest, the
// document kind and reference, the signer (account, name), the identity
// level and verification id, the time, the key id and the SM3 digest of an
// optional handwritten signature image. Canonical means: the fields of
// payload in their declared order, no insignificant white space, times in
// RFC 3339 UTC with nanoseconds, as encoding/json writes a struct.
//
// Evidence rows are append-only: triggers on both engines refuse UPDATE and
// DELETE. The platform's keys live in the database, the private half
// sealed with the data keyring (gm.Keyring, context "esign_keys.private");
// the first signature creates the key. Rotate retires the current key and
// creates a new one; retired keys keep verifying the signatures they made,
// since every evidence names its key id.
//
// Verify recomputes everything from the evidence and the document and says
// which part fails: the key is unknown, the payload (or the signature) was
// changed, the payload does not match the evidence's columns, the document
// was changed, or the handwriting image was changed.
package esign
