package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"time"
)

// AnonCSRFCookie names the cookie carrying an anonymous visitor's CSRF token.
const AnonCSRFCookie = "shanzhi_csrf"

// anonTokenLife is how long an anonymous token is valid; it is renewed when
// less than half of it is left, so a form opened just before renewal still
// has an hour to be sent.
const anonTokenLife = 2 * time.Hour

// anonSigner makes and checks anonymous CSRF tokens: 16 random bytes and an
// expiry, signed with HMAC-SHA256 under the server's key, so a token cannot
// be forged or extended by the client.
type anonSigner struct{ key []byte }

var b64 = base64.RawURLEncoding.Strict()

// issue returns a new token expiring anonTokenLife after now.
func (s anonSigner) issue(now time.Time) string {
	var payload [24]byte
	_, _ = rand.Read(payload[:16])
	binary.BigEndian.PutUint64(payload[16:], uint64(now.Add(anonTokenLife).Unix()))
	return b64.EncodeToString(payload[:]) + "." + b64.EncodeToString(s.mac(payload[:]))
}

// verify reports whether token is genuine, and when it expires.
func (s anonSigner) verify(token string, now time.Time) (time.Time, bool) {
	p, sig, ok := strings.Cut(token, ".")
	if !ok || len(token) > 100 {
		return time.Time{}, false
	}
	payload, err1 := b64.DecodeString(p)
	mac, err2 := b64.DecodeString(sig)
	if err1 != nil || err2 != nil || len(payload) != 24 || !hmac.Equal(mac, s.mac(payload)) {
		return time.Time{}, false
	}
	exp := time.Unix(int64(binary.BigEndian.Uint64(payload[16:])), 0)
	return exp, now.Before(exp)
}

func (s anonSigner) mac(payload []byte) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte("shanzhi anonymous csrf\x00"))
	h.Write(payload)
	return h.Sum(nil)
}
