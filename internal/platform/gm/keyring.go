package gm

import (
	"crypto/cipher"
	"fmt"
	"sort"

	"github.com/emmansun/gmsm/sm4"
)

// Keyring holds SM4 data keys by ID for field encryption. The current key
// encrypts; all keys decrypt. A Keyring is immutable and safe for
// concurrent use.
type Keyring struct {
	current string
	aeads   map[string]cipher.AEAD
}

// NewKeyring returns a keyring of KeySize-byte SM4 keys whose key current
// encrypts. Key IDs are 1–32 characters of A–Z, a–z, 0–9, '_', '.', '-'.
// The keys are expanded into cipher state; the caller may clear its slices.
func NewKeyring(current string, keys map[string][]byte) (*Keyring, error) {
	if err := checkKeys(current, keys, func(n int) bool { return n == KeySize }); err != nil {
		return nil, err
	}
	kr := &Keyring{current: current, aeads: make(map[string]cipher.AEAD, len(keys))}
	for id, k := range keys {
		aead, err := newSM4GCM(k)
		if err != nil {
			return nil, fmt.Errorf("gm: key %q: %w", id, err)
		}
		kr.aeads[id] = aead
	}
	return kr, nil
}

// ParseKeyring parses a spec such as "k2:base64key,k1:base64key", as found
// in SHANZHI_DATA_KEYS. The first key is current. Errors never include key
// material.
func ParseKeyring(spec string) (*Keyring, error) {
	current, keys, err := parseKeySpec(spec)
	if err != nil {
		return nil, err
	}
	defer clearKeys(keys)
	return NewKeyring(current, keys)
}

// CurrentID returns the ID of the key used for encryption.
func (kr *Keyring) CurrentID() string { return kr.current }

// KeyIDs returns the IDs of all keys, sorted.
func (kr *Keyring) KeyIDs() []string {
	ids := make([]string, 0, len(kr.aeads))
	for id := range kr.aeads {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// newSM4GCM returns SM4 in GCM mode with a 12-byte nonce and 16-byte tag.
func newSM4GCM(key []byte) (cipher.AEAD, error) {
	block, err := sm4.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
