package identity

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// BootstrapResident finds or creates the public account of a phone number
// in district without an SMS code, as the system: for seeding a demo or
// loading residents registered elsewhere. Unlike a sign-in it sends nothing
// and leaves no rate-limit state, so the person can sign in at once.
func (s *Service) BootstrapResident(ctx context.Context, district, phone string) (int64, error) {
	if !validDistrict(district) {
		return 0, apperr.Invalid("district", msgDistrictBad)
	}
	norm, err := check.Phone(phone)
	if err != nil {
		return 0, apperr.Invalid("phone", err.Error())
	}
	var id int64
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		acc, err := s.publicAccount(ctx, tx, district, norm)
		if err != nil {
			return err
		}
		id = acc.id
		return nil
	})
	return id, err
}
