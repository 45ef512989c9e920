package verify

import (
	"database/sql"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Encryption contexts bind a ciphertext to its column; the ID number's
// blind index uses its column's name as well.
const (
	ctxName     = "verifications.name"
	ctxIDNumber = "verifications.id_number"
	ctxPhone    = "verifications.phone"
	// idxAccountPhone is the identity module's blind index context of the
	// sign-in phone (accounts.phone_index), used to tie the carrier check
	// to the phone the SMS code proved.
	idxAccountPhone = "accounts.phone"
)

// seal encrypts v for column context.
func (s *Service) seal(context, v string) (string, error) {
	enc, err := s.keys.Encrypt(context, []byte(v))
	if err != nil {
		return "", fmt.Errorf("verify: encrypt %s: %w", context, err)
	}
	return enc, nil
}

// open decrypts a stored value; "" for NULL.
func (s *Service) open(context string, v sql.NullString) (string, error) {
	if !v.Valid {
		return "", nil
	}
	pt, err := s.keys.Decrypt(context, v.String)
	if err != nil {
		return "", fmt.Errorf("verify: decrypt %s: %w", context, err)
	}
	return string(pt), nil
}

// reveal returns the verification with its personal data decrypted into
// masked Sensitive values.
func (s *Service) reveal(r *row) (Verification, error) {
	v := r.v
	name, err := s.open(ctxName, r.nameEnc)
	if err != nil {
		return Verification{}, err
	}
	id, err := s.open(ctxIDNumber, r.idEnc)
	if err != nil {
		return Verification{}, err
	}
	phone, err := s.open(ctxPhone, r.phoneEnc)
	if err != nil {
		return Verification{}, err
	}
	v.Name = gm.NewSensitiveMasked(name, gm.MaskName)
	v.IDNumber = gm.NewSensitiveMasked(id, gm.MaskIDNumber)
	v.Phone = gm.NewSensitiveMasked(phone, gm.MaskPhone)
	return v, nil
}

// inList returns "?, ?" placeholders and arguments for values.
func inList(values []string) (string, []any) {
	args := make([]any, len(values))
	for i, x := range values {
		args[i] = x
	}
	return db.Marks(len(values)), args
}
