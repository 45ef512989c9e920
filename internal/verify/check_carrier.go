package verify

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// CarrierInput is what the resident enters for the three-factor check.
type CarrierInput struct {
	Name     string
	IDNumber string
	Phone    string
}

// maxIDInputLen bounds the raw ID number input before normalisation.
const maxIDInputLen = 32

// CheckCarrier runs the carrier three-factor check on the actor's
// verification id: name, ID number (GB 11643, check digit validated) and
// the phone the actor signed in with. A match raises the verification to
// L2 and stores the three values encrypted; a mismatch or unknown number
// is an invalid error saying how many attempts are left. Bad input is
// refused before an attempt is counted.
func (s *Service) CheckCarrier(ctx context.Context, actor *authz.Actor, id string, in CarrierInput) (Verification, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return Verification{}, err
	}
	q, err := s.cleanCarrier(in)
	if err != nil {
		return Verification{}, err
	}
	if err := s.ownPhone(ctx, actor.AccountID, q.Phone.Reveal()); err != nil {
		return Verification{}, err
	}
	r, err := s.reserve(ctx, actor, id, kindCarrier)
	if err != nil {
		return Verification{}, err
	}
	pctx, cancel := context.WithTimeout(ctx, s.cfg.ProviderTimeout)
	res, err := s.carrier.CheckCarrier(pctx, q)
	cancel()
	if err != nil {
		return Verification{}, s.providerFailed(ctx, id, kindCarrier, s.carrier.Provider(), msgCarrierProvider, err)
	}
	if err := s.recordCarrier(ctx, id, q, res); err != nil {
		return Verification{}, err
	}
	left := attemptsLeft(s.cfg.MaxCarrierAttempts, r.v.CarrierAttempts)
	switch res.Outcome {
	case CarrierMatch:
		return s.Get(ctx, actor, id)
	case CarrierUnknownNumber:
		return Verification{}, apperr.Invalid("phone", fmt.Sprintf(msgCarrierUnknown, left))
	}
	return Verification{}, apperr.New(apperr.CodeInvalid, fmt.Sprintf(msgCarrierMismatch, left))
}

// recordCarrier stores the check and, on a match, the verified identity.
func (s *Service) recordCarrier(ctx context.Context, id string, q CarrierQuery, res CarrierResult) error {
	provider := s.carrier.Provider()
	var sealed [3]string
	if res.Outcome == CarrierMatch {
		for i, f := range []struct {
			ctx string
			v   gm.Sensitive
		}{{ctxName, q.Name}, {ctxIDNumber, q.IDNumber}, {ctxPhone, q.Phone}} {
			enc, err := s.seal(f.ctx, f.v.Reveal())
			if err != nil {
				return err
			}
			sealed[i] = enc
		}
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := insertCheck(ctx, tx, id, CheckRecord{Kind: kindCarrier, Provider: provider,
			Outcome: string(res.Outcome), Reference: res.Reference}); err != nil {
			return err
		}
		if res.Outcome != CarrierMatch {
			return nil
		}
		_, err := tx.Exec(ctx, `UPDATE verifications SET name_enc = ?, id_number_enc = ?, id_number_index = ?,
			phone_enc = ?, carrier_provider = ?, carrier_ref = ?, carrier_passed_at = ?
			WHERE id = ? AND carrier_passed_at IS NULL`, sealed[0], sealed[1],
			s.index.BlindIndex(ctxIDNumber, q.IDNumber.Reveal()), sealed[2], provider, res.Reference, tx.Now(), id)
		if err != nil {
			return fmt.Errorf("verify: record carrier check: %w", err)
		}
		return nil
	})
}

// cleanCarrier validates and normalises the three factors.
func (s *Service) cleanCarrier(in CarrierInput) (CarrierQuery, error) {
	name, err := cleanName(in.Name)
	if err != nil {
		return CarrierQuery{}, err
	}
	if len(in.IDNumber) > maxIDInputLen {
		return CarrierQuery{}, apperr.Invalid("id_number", msgIDLong)
	}
	id := check.NormalizeIDNumber(in.IDNumber)
	if err := check.IDNumberAt(id, s.now()); err != nil {
		return CarrierQuery{}, apperr.Invalid("id_number", err.Error())
	}
	phone, err := check.Phone(in.Phone)
	if err != nil {
		return CarrierQuery{}, apperr.Invalid("phone", err.Error())
	}
	return CarrierQuery{Name: gm.NewSensitiveMasked(name, gm.MaskName),
		IDNumber: gm.NewSensitiveMasked(id, gm.MaskIDNumber), Phone: gm.NewSensitiveMasked(phone, gm.MaskPhone)}, nil
}

// cleanName trims a personal name and checks it: 2–30 characters, letters
// and the middle dot of minority and foreign names (·, •) only.
func cleanName(v string) (string, error) {
	v = strings.Join(strings.Fields(v), " ")
	if v == "" {
		return "", apperr.Invalid("name", msgNameEmpty)
	}
	n := utf8.RuneCountInString(v)
	if n < 2 || n > 30 {
		return "", apperr.Invalid("name", msgNameBad)
	}
	for _, r := range v {
		if !unicode.IsLetter(r) && r != '·' && r != '•' && r != ' ' {
			return "", apperr.Invalid("name", msgNameBad)
		}
	}
	return v, nil
}

// ownPhone checks that phone is the one the account signed in with (its
// SMS code proved the resident holds it), through the identity module's
// blind index of accounts.phone: the carrier check then ties that phone to
// the name and ID number.
func (s *Service) ownPhone(ctx context.Context, accountID int64, phone string) error {
	marks, args := inList(s.index.BlindIndexes(idxAccountPhone, phone))
	var n int
	err := s.d.QueryRow(ctx, `SELECT COUNT(*) FROM accounts WHERE id = ? AND phone_index IN (`+marks+`)`,
		append([]any{accountID}, args...)...).Scan(&n)
	if err != nil {
		return fmt.Errorf("verify: compare sign-in phone: %w", err)
	}
	if n == 0 {
		return apperr.Invalid("phone", msgPhoneNotOwn)
	}
	return nil
}
