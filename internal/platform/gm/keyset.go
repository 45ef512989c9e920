package gm

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
)

// Environment variables from which the application reads key specs.
const (
	EnvDataKeys  = "SHANZHI_DATA_KEYS"
	EnvIndexKeys = "SHANZHI_INDEX_KEYS"
)

// KeySize is the size in bytes of an SM4 data key and of generated keys.
const KeySize = 16

const maxKeyIDLen = 32

// GenerateKey returns a new random KeySize-byte key.
func GenerateKey() ([]byte, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	return k, nil
}

// FormatKeySpec returns one "id:base64key" entry of a key spec.
func FormatKeySpec(id string, key []byte) string {
	return id + ":" + base64.StdEncoding.EncodeToString(key)
}

// validKeyID reports whether id is 1–32 characters of [A-Za-z0-9_.-].
func validKeyID(id string) bool {
	if id == "" || len(id) > maxKeyIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '.' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// parseKeySpec parses "id:base64key,id:base64key"; the first ID is current.
// Errors name the entry by position and never echo its text.
func parseKeySpec(spec string) (current string, keys map[string][]byte, err error) {
	keys = map[string][]byte{}
	for i, entry := range strings.Split(spec, ",") {
		id, key, err := parseKeyEntry(strings.TrimSpace(entry))
		if err != nil {
			return "", nil, fmt.Errorf("%w: entry %d: %s", ErrKeySpec, i+1, err)
		}
		if _, dup := keys[id]; dup {
			return "", nil, fmt.Errorf("%w: entry %d: duplicate key ID", ErrKeySpec, i+1)
		}
		keys[id] = key
		if i == 0 {
			current = id
		}
	}
	return current, keys, nil
}

// parseKeyEntry parses one "id:base64key" entry.
func parseKeyEntry(entry string) (string, []byte, error) {
	id, b64, ok := strings.Cut(entry, ":")
	if !ok {
		return "", nil, fmt.Errorf("want id:base64key")
	}
	if !validKeyID(id) {
		return "", nil, fmt.Errorf("key ID must be 1-%d characters of A-Z a-z 0-9 _ . -", maxKeyIDLen)
	}
	key, err := decodeKey(b64)
	if err != nil {
		return "", nil, err
	}
	return id, key, nil
}

// decodeKey accepts standard or URL-safe base64, with or without padding.
func decodeKey(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	if k, err := base64.RawStdEncoding.DecodeString(s); err == nil {
		return k, nil
	}
	if k, err := base64.RawURLEncoding.DecodeString(s); err == nil {
		return k, nil
	}
	return nil, fmt.Errorf("key is not valid base64")
}

// checkKeys validates IDs, the current ID and key sizes.
func checkKeys(current string, keys map[string][]byte, sizeOK func(int) bool) error {
	if _, ok := keys[current]; !ok {
		return fmt.Errorf("%w: current key ID not among the keys", ErrKeySpec)
	}
	for id, k := range keys {
		if !validKeyID(id) {
			return fmt.Errorf("%w: invalid key ID", ErrKeySpec)
		}
		if !sizeOK(len(k)) {
			return fmt.Errorf("%w: key %q has a wrong size (%d bytes)", ErrKeySpec, id, len(k))
		}
	}
	return nil
}

// clearKeys zeroes decoded key material once it has been taken over.
func clearKeys(keys map[string][]byte) {
	for _, k := range keys {
		clear(k)
	}
}
