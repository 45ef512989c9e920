// Package license issues and verifies electronic licences (电子证照) per
// GB/T 36901–36905: the licence identifier with its ISO/IEC 7064 MOD 37,36
// check character, the GB/T 36903 metadata, the issuing department's
// electronic seal over canonical bytes, issuance on approval, public
// verification, and the lifecycle (change, renewal, suspension,
// revocation).
//
// The seal itself (SM2 keys and certificates) belongs to the seal module;
// this package only needs a Sealer.
package license
