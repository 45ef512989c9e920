package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// PasswordParams is the cost of argon2id (RFC 9106) for new password hashes.
//
// The default follows OWASP's Password Storage Cheat Sheet (2023): 19 MiB
// of memory, 2 passes, 1 lane, a 16-byte random salt and a 32-byte hash,
// about 20-30 ms on one core. It keeps a burst of logins at the start of a
// working day inside a small district server's memory (19 MiB each) while
// making offline guessing expensive.
//
// Hashes are stored as PHC strings that carry their own parameters and
// salt ($argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, unpadded base64), so
// the cost can be raised at any time: older hashes still verify and are
// re-hashed with the new cost at the next successful sign-in.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8  // lanes
}

// DefaultPasswordParams returns the documented default cost.
func DefaultPasswordParams() PasswordParams {
	return PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1}
}

const (
	saltLen = 16
	hashLen = 32
	// Bounds on parameters read back from stored hashes, so a corrupted row
	// cannot make one sign-in allocate gigabytes.
	maxMemory  = 1 << 20 // 1 GiB in KiB
	maxTime    = 16
	maxThreads = 16
)

func (p PasswordParams) validate() error {
	if p == (PasswordParams{}) {
		return nil // defaults apply
	}
	if p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory || p.Time < 1 || p.Time > maxTime ||
		p.Threads < 1 || p.Threads > maxThreads {
		return fmt.Errorf("argon2id parameters out of range: %+v", p)
	}
	return nil
}

// hashPassword returns the PHC string of password under p with a new salt.
func hashPassword(password string, p PasswordParams) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("identity: hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, hashLen)
	return encodePHC(p, salt, key), nil
}

func encodePHC(p PasswordParams, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// phc is a parsed password hash.
type phc struct {
	params PasswordParams
	salt   []byte
	key    []byte
}

var errBadHash = errors.New("identity: malformed password hash")

// parsePHC parses a hash written by encodePHC.
func parsePHC(s string) (phc, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return phc{}, errBadHash
	}
	var h phc
	var threads uint32
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.params.Memory, &h.params.Time, &threads); err != nil ||
		threads == 0 || threads > maxThreads {
		return phc{}, errBadHash
	}
	h.params.Threads = uint8(threads)
	if h.params.validate() != nil {
		return phc{}, errBadHash
	}
	var err1, err2 error
	h.salt, err1 = base64.RawStdEncoding.DecodeString(parts[4])
	h.key, err2 = base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(h.salt) < 8 || len(h.key) < 16 || len(h.key) > 64 {
		return phc{}, errBadHash
	}
	return h, nil
}

// verifyPassword reports whether password matches the stored hash, and
// whether the hash should be recomputed because its cost differs from p.
func verifyPassword(password, stored string, p PasswordParams) (ok, rehash bool, err error) {
	h, err := parsePHC(stored)
	if err != nil {
		return false, false, err
	}
	key := argon2.IDKey([]byte(password), h.salt, h.params.Time, h.params.Memory, h.params.Threads, uint32(len(h.key)))
	ok = subtle.ConstantTimeCompare(key, h.key) == 1
	return ok, ok && (h.params != p || len(h.key) != hashLen), nil
}

// Password rules: 10 to 128 characters, from at least two of the classes
// upper case, lower case, digits and others (symbols, Chinese…).
const (
	minPasswordLen = 10
	maxPasswordLen = 128
)

// checkPassword validates a new password, naming field in the error.
func checkPassword(field, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password) || hasControl(password):
		return apperr.Invalid(field, "密码"+msgBadChars)
	case n < minPasswordLen:
		return apperr.Invalid(field, msgPasswordShort)
	case n > maxPasswordLen:
		return apperr.Invalid(field, msgPasswordLong)
	case passwordClasses(password) < 2:
		return apperr.Invalid(field, msgPasswordMixed)
	}
	return nil
}

// passwordClasses counts the character classes present in p.
func passwordClasses(p string) int {
	var upper, lower, digit, other int
	for _, r := range p {
		switch {
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	return upper + lower + digit + other
}
