// Package license issues and verifies electronic licences (电子证照) per
// GB/T 36901–36905: the licence identifier with its ISO/IEC 7064 MOD 37,36
// check character, the GB/T 36903 metadata, the issuing department's
// electronic seal over canonical bytes, issuance on approval, public
// verification, and the lifecycle (change, renewal, suspension,
// revocation).
//
// Around them: the printable PDF of a licence (A4, with the QR code of its
// verification page, the department's seal mark and an overprint when it
// is not current), time-limited share links whose tokens are stored only
// as SM3 hashes, the holder's wallet page (/my/licences) and the issuing
// departments' console (/console/licences).
//
// The seal itself (SM2 keys and certificates) belongs to the seal module;
// this package only needs a Sealer, and a MarkSource for the seal's image.
package license
