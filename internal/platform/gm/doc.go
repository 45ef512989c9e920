// Package gm applies Chinese national (GM/ShangMi) cryptography to the
// personal data handled by the Shanzhi platform, using
// github.com/emmansun/gmsm.
//
// Field encryption (Keyring) uses SM4-GCM with a random 96-bit nonce. A
// ciphertext is a self-describing, versioned ASCII string:
//
//	v1:<keyid>:<base64url(nonce || ciphertext || tag)>
//
// where base64url is RFC 4648 §5 without padding, the nonce is 12 bytes and
// the GCM tag 16 bytes. The additional authenticated data binds the
// version, the key ID and a caller-chosen context (such as
// "residents.id_number"), so a value cannot be moved to another column or
// relabelled with another key ID. The key ID lets keys rotate: the current
// key encrypts, older keys only decrypt, and Rotate re-encrypts. With
// random nonces, rotate a data key well before it has encrypted 2^32
// values.
//
// Blind indexes (BlindIndexer) allow equality search over encrypted
// columns: "<keyid>:<hex HMAC-SM3>" over the context and a normalised
// value, under an index key separate from the data keys. Changing the
// current index key changes every index value, so rotating it requires
// re-indexing; the key ID prefix tells which rows are still to be done.
//
// Keys are configured as "id:base64key,id:base64key" with the current key
// first, read by the application from SHANZHI_DATA_KEYS and
// SHANZHI_INDEX_KEYS.
//
// The package also offers SM3 hashing for hash chains, SM2 signatures with
// the default user ID of GM/T 0009, PEM encoding of SM2 keys, display
// masks, and the Sensitive type, which keeps personal data out of logs.
package gm
