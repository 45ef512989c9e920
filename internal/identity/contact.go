package identity

import (
	"context"
)

// Contact returns how to reach an account's holder: the real name when
// verified (else the display name) and the phone, in clear. It is a port
// for modules in which the account is a party (a resident's work order is
// filed from the account, so the account is the contact): the caller
// decides who may see it, masks it on screens and audits any reveal.
func (s *Service) Contact(ctx context.Context, accountID int64) (name, phone string, err error) {
	acc, err := accountByID(ctx, s.d, s.d.Engine, accountID, false)
	if err != nil {
		return "", "", err
	}
	if phone, err = s.open(ctxPhone, acc.phoneEnc); err != nil {
		return "", "", err
	}
	name = acc.realName.String
	if name == "" {
		name = acc.displayName
	}
	return name, phone, nil
}
