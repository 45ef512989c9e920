package gm

import (
	"crypto/hmac"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/emmansun/gmsm/sm3"
)

// MinIndexKeySize is the smallest accepted blind index key, in bytes.
const MinIndexKeySize = 16

const indexLabel = "shanzhi/gm/index/v1\x00"

// BlindIndexer computes blind indexes: keyed HMAC-SM3 values that allow
// equality search on encrypted columns without decrypting them. Its keys
// must differ from the data keys. It is immutable and safe for concurrent
// use.
type BlindIndexer struct {
	current string
	keys    map[string][]byte
}

// NewBlindIndexer returns an indexer whose key current computes new
// indexes; other keys serve lookups while re-indexing. Keys must be at
// least MinIndexKeySize bytes and are copied.
func NewBlindIndexer(current string, keys map[string][]byte) (*BlindIndexer, error) {
	if err := checkKeys(current, keys, func(n int) bool { return n >= MinIndexKeySize }); err != nil {
		return nil, err
	}
	b := &BlindIndexer{current: current, keys: make(map[string][]byte, len(keys))}
	for id, k := range keys {
		b.keys[id] = slices.Clone(k)
	}
	return b, nil
}

// ParseBlindIndexer parses a spec such as "i2:base64key,i1:base64key", as
// found in SHANZHI_INDEX_KEYS. The first key is current.
func ParseBlindIndexer(spec string) (*BlindIndexer, error) {
	current, keys, err := parseKeySpec(spec)
	if err != nil {
		return nil, err
	}
	defer clearKeys(keys)
	return NewBlindIndexer(current, keys)
}

// CurrentID returns the ID of the key used for new indexes.
func (b *BlindIndexer) CurrentID() string { return b.current }

// BlindIndex returns "<keyid>:<64 hex digits>", the HMAC-SM3 under the
// current key of context (which should name the column, e.g.
// "residents.id_number") and NormalizeIndexValue(value). Values should
// first get their domain normalisation, e.g. check.NormalizeIDNumber.
func (b *BlindIndexer) BlindIndex(context, value string) string {
	return b.index(b.current, context, value)
}

// BlindIndexes returns the index of value under every key, the current key
// first, for lookups while rows are being re-indexed.
func (b *BlindIndexer) BlindIndexes(context, value string) []string {
	out := []string{b.BlindIndex(context, value)}
	for _, id := range b.otherIDs() {
		out = append(out, b.index(id, context, value))
	}
	return out
}

// NeedsReindex reports whether index has a key ID prefix other than the
// current key's. Input without a prefix gives false.
func (b *BlindIndexer) NeedsReindex(index string) bool {
	id, _, ok := strings.Cut(index, ":")
	return ok && id != b.current
}

// NormalizeIndexValue trims surrounding white space, collapses inner runs
// of white space to one space and upper-cases ASCII letters only, so that
// case folding cannot change with the Unicode tables of a Go release.
func NormalizeIndexValue(v string) string {
	b := []byte(strings.Join(strings.Fields(v), " "))
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func (b *BlindIndexer) index(id, context, value string) string {
	m := hmac.New(sm3.New, b.keys[id])
	m.Write([]byte(indexLabel))
	m.Write(binary.BigEndian.AppendUint32(nil, uint32(len(context))))
	m.Write([]byte(context))
	m.Write([]byte(NormalizeIndexValue(value)))
	return id + ":" + hex.EncodeToString(m.Sum(nil))
}

// otherIDs returns the non-current key IDs, sorted.
func (b *BlindIndexer) otherIDs() []string {
	var ids []string
	for id := range b.keys {
		if id != b.current {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
