package audit

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm3"
)

// ZeroHash is the prev_hash of the first record: 64 zeros.
var ZeroHash = strings.Repeat("0", 64)

// hashVersion opens every hashed record, so a later encoding can be told
// apart from this one.
const hashVersion = "shanzhi-audit-v1"

// timeLayout renders occurred_at for hashing. Microseconds are what both
// engines store, so a record reads back exactly as it was hashed.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// Digest returns the SM3 digest (lowercase hex) of v's canonical JSON, or ""
// for nil. Anyone holding an object's state can recompute it to show that
// the state is the one a record saw.
func Digest(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	canon, err := canonicalJSON(v)
	if err != nil {
		return "", fmt.Errorf("audit: digest: %w", err)
	}
	if canon == nil {
		return "", nil
	}
	sum := sm3.Sum(canon)
	return hex.EncodeToString(sum[:]), nil
}

// canonicalJSON marshals v, then re-encodes it with object keys sorted (maps
// decode from any struct layout and encode sorted), numbers kept verbatim
// and no HTML escaping. A JSON null (a nil pointer, map or slice) gives nil.
func canonicalJSON(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	if tree == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tree); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// computeHash seals a record: SM3 over the length-prefixed fields in the
// order documented in the package comment.
func (r *Record) computeHash() string {
	h := sm3.New()
	var n [4]byte
	for _, f := range r.hashFields() {
		binary.BigEndian.PutUint32(n[:], uint32(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hashFields lists the hashed fields in their fixed order.
func (r *Record) hashFields() [15]string {
	return [15]string{
		hashVersion,
		strconv.FormatInt(r.Seq, 10),
		r.OccurredAt.UTC().Format(timeLayout),
		strconv.FormatInt(r.ActorID, 10),
		r.ActorKind,
		r.ActorName,
		r.District,
		r.SessionID,
		r.RequestID,
		r.Action,
		r.ObjectType,
		r.ObjectID,
		r.BeforeDigest,
		r.AfterDigest,
		r.PrevHash,
	}
}

// stamp is the time a record carries: the transaction's now in UTC, cut to
// the microseconds both engines store.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
