package identity

import (
	"strconv"
	"strings"
	"time"
)

// The sign-in page must remember the number a code was sent to between the
// two steps without writing it into the page (pages never show a phone
// number in clear). It carries it as a phone token: the number and the
// time, encrypted with the data keyring under their own context.
const (
	ctxPhoneToken  = "login.phone_token"
	phoneTokenLife = 30 * time.Minute
	maxPhoneToken  = 512
)

// sealPhoneToken encrypts a normalised phone number for the sign-in form.
func (s *Service) sealPhoneToken(phone string) (string, error) {
	return s.keys.Encrypt(ctxPhoneToken, []byte(phone+"|"+strconv.FormatInt(s.now().Unix(), 10)))
}

// openPhoneToken returns the number of a phone token issued less than
// phoneTokenLife ago; ok is false for anything else.
func (s *Service) openPhoneToken(token string) (phone string, ok bool) {
	if token == "" || len(token) > maxPhoneToken {
		return "", false
	}
	pt, err := s.keys.Decrypt(ctxPhoneToken, token)
	if err != nil {
		return "", false
	}
	phone, at, found := strings.Cut(string(pt), "|")
	sec, err := strconv.ParseInt(at, 10, 64)
	if !found || err != nil {
		return "", false
	}
	age := s.now().Sub(time.Unix(sec, 0))
	if age < -time.Minute || age > phoneTokenLife {
		return "", false
	}
	return phone, true
}
