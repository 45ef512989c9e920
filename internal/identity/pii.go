package identity

import (
	"database/sql"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Encryption contexts (bind a ciphertext to its column) and blind index
// contexts (separate the index spaces of different values).
const (
	ctxPhone    = "accounts.phone"
	ctxIDNumber = "accounts.id_number"
	ctxTOTP     = "accounts.totp_secret"
	idxSMSCode  = "sms_codes.code"
	idxClientIP = "rate_limits.ip"
)

// sealed is a value encrypted for storage with its blind index.
type sealed struct {
	enc   string
	index string
}

// seal encrypts v under context and indexes it (same context name).
func (s *Service) seal(context, v string) (sealed, error) {
	enc, err := s.keys.Encrypt(context, []byte(v))
	if err != nil {
		return sealed{}, fmt.Errorf("identity: encrypt %s: %w", context, err)
	}
	return sealed{enc: enc, index: s.index.BlindIndex(context, v)}, nil
}

// open decrypts a stored value; "" for NULL.
func (s *Service) open(context string, v sql.NullString) (string, error) {
	if !v.Valid {
		return "", nil
	}
	pt, err := s.keys.Decrypt(context, v.String)
	if err != nil {
		return "", fmt.Errorf("identity: decrypt %s: %w", context, err)
	}
	return string(pt), nil
}

// indexesSQL returns "?, ?" placeholders and arguments for every blind
// index of v (current key first, then older keys), so lookups keep
// working while rows are re-indexed after an index key rotation.
func (s *Service) indexesSQL(context, v string) (string, []any) {
	idx := s.index.BlindIndexes(context, v)
	args := make([]any, len(idx))
	for i, x := range idx {
		args[i] = x
	}
	return db.Marks(len(idx)), args
}

// maskedOf decrypts and masks a stored value for display.
func (s *Service) maskedOf(context string, v sql.NullString, mask func(string) string) (string, error) {
	raw, err := s.open(context, v)
	if err != nil || raw == "" {
		return "", err
	}
	return mask(raw), nil
}

// sensitivePhone wraps a phone for logs: slog prints it redacted.
func sensitivePhone(p string) gm.Sensitive { return gm.NewSensitiveMasked(p, gm.MaskPhone) }
