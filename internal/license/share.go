package license

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Lifetime is how long a share link works: one of ShareLifetimes.
type Lifetime struct {
	Code string        // 1h | 1d | 7d, stored and posted
	Name string        // 1小时 …
	Span time.Duration // from creation
}

// ShareLifetimes are the lifetimes a holder chooses from, shortest first.
var ShareLifetimes = []Lifetime{{"1h", "1小时", time.Hour}, {"1d", "1天", 24 * time.Hour}, {"7d", "7天", 7 * 24 * time.Hour}}

// DefaultLifetime is the lifetime of a share when none is chosen.
const DefaultLifetime = "1d"

// SharedPath is where share links live: SharedPath + "/" + token.
const SharedPath = "/licences/shared"

// ShareInput asks for a share link.
type ShareInput struct {
	Lifetime string `json:"lifetime"` // 1h | 1d | 7d, default 1d
}

// Share is a time-limited link to one licence version.
type Share struct {
	ID           int64     `json:"id"`
	LicenceID    int64     `json:"licence_id"`
	Lifetime     string    `json:"lifetime"`
	CreatedAt    time.Time `json:"created_at"`
	ExpiresAt    time.Time `json:"expires_at"`
	RevokedAt    time.Time `json:"revoked_at"` // zero while not revoked
	Views        int       `json:"views"`
	LastViewedAt time.Time `json:"last_viewed_at"` // zero before the first view
}

// Active reports whether the link works at now.
func (sh Share) Active(now time.Time) bool { return sh.RevokedAt.IsZero() && now.Before(sh.ExpiresAt) }

// StateName says in Chinese whether the link works at now.
func (sh Share) StateName(now time.Time) string {
	switch {
	case !sh.RevokedAt.IsZero():
		return "已撤销"
	case !now.Before(sh.ExpiresAt):
		return "已过期"
	}
	return "有效"
}

// NewShare is a share just created: the only time its link is known,
// since only the token's hash is stored.
type NewShare struct {
	Share
	URL    string // absolute share link
	QRPath string // the holder's QR image of the link
}

// Shared is what a share link shows: the licence's verification, masked.
type Shared struct {
	Share        Share
	Verification Verification
}

// The answers of a share link that does not work. errShareGone is the
// same value each time, so pages can tell it apart (410).
var (
	errShareUnknown = apperr.NotFound("分享链接不存在，请向分享人确认链接是否完整")
	errShareGone    = apperr.NotFound("分享链接已失效")
)

// lifetimeOf reads a posted lifetime; empty is the default.
func lifetimeOf(code string) (Lifetime, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		code = DefaultLifetime
	}
	for _, l := range ShareLifetimes {
		if l.Code == code {
			return l, nil
		}
	}
	return Lifetime{}, apperr.Invalid("lifetime", "有效期只能选择1小时、1天或7天")
}

// CreateShare makes a share link to one of the holder's own valid
// licences. The token is random (256 bits); the table keeps its SM3 hash.
func (s *Service) CreateShare(ctx context.Context, actor *authz.Actor, licenceID int64, in ShareInput) (NewShare, error) {
	life, err := lifetimeOf(in.Lifetime)
	if err != nil {
		return NewShare{}, err
	}
	if err := checkOwn(actor); err != nil {
		return NewShare{}, err
	}
	token, err := newToken()
	if err != nil {
		return NewShare{}, err
	}
	link, err := s.absolute(SharedPath + "/" + token)
	if err != nil {
		return NewShare{}, err
	}
	var out NewShare
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := s.loadBy(ctx, tx, "id", licenceID)
		if err != nil {
			return err
		}
		if r.HolderAccount != actor.AccountID {
			return errNotHolder
		}
		if r.State.Status != StatusValid {
			return apperr.Conflict("只有有效的电子证照可以分享")
		}
		sh := Share{LicenceID: r.ID, Lifetime: life.Code, CreatedAt: tx.Now(), ExpiresAt: tx.Now().Add(life.Span)}
		if sh.ID, err = insertShare(ctx, tx, sh, actor.AccountID, tokenHash(token)); err != nil {
			return err
		}
		out = NewShare{Share: sh, URL: link, QRPath: shareQRPath(sh.ID, token)}
		return auditShare(ctx, tx, actor, "license.share.create", sh.ID, nil, sh)
	})
	return out, err
}

// RevokeShare ends one of the actor's share links at once. Revoking an
// ended link again changes nothing.
func (s *Service) RevokeShare(ctx context.Context, actor *authz.Actor, id int64) error {
	if err := checkOwn(actor); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		row, err := loadShare(ctx, tx, "id", id)
		if err != nil || row.holder != actor.AccountID {
			return orNotFound(err)
		}
		sh := row.Share
		if !sh.RevokedAt.IsZero() {
			return nil
		}
		before := sh
		sh.RevokedAt = tx.Now()
		if err := revokeShare(ctx, tx, id, sh.RevokedAt); err != nil {
			return err
		}
		return auditShare(ctx, tx, actor, "license.share.revoke", id, before, sh)
	})
}

// MyShares lists the actor's share links, newest first.
func (s *Service) MyShares(ctx context.Context, actor *authz.Actor) ([]Share, error) {
	if err := checkOwn(actor); err != nil {
		return nil, err
	}
	return listShares(ctx, s.db, actor.AccountID)
}

// OpenShare answers a share link for anyone holding it: while it works,
// the view is counted and the licence verified (masked, as on the public
// verification page); an expired or revoked link is errShareGone.
func (s *Service) OpenShare(ctx context.Context, token string) (Shared, error) {
	if !plausibleToken(token) {
		return Shared{}, errShareUnknown
	}
	var sh Share
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		row, err := loadShare(ctx, tx, "token_hash", tokenHash(token))
		if err != nil {
			return err
		}
		sh = row.Share
		if !sh.Active(tx.Now()) {
			return errShareGone
		}
		sh.Views, sh.LastViewedAt = sh.Views+1, tx.Now()
		return countView(ctx, tx, sh.ID, sh.LastViewedAt)
	})
	if err != nil {
		return Shared{}, err
	}
	v, err := s.VerifyID(ctx, sh.LicenceID)
	if err != nil {
		return Shared{}, err
	}
	return Shared{Share: sh, Verification: v}, nil
}

// ShareQR draws the QR code of one of the actor's share links. The token
// comes from the page that created the link, and must match the stored
// hash: the server cannot rebuild a link it never stored.
func (s *Service) ShareQR(ctx context.Context, actor *authz.Actor, id int64, token string) ([]byte, error) {
	if err := checkOwn(actor); err != nil {
		return nil, err
	}
	if !plausibleToken(token) {
		return nil, errShareUnknown
	}
	row, err := loadShare(ctx, s.db, "id", id)
	if err != nil || row.holder != actor.AccountID {
		return nil, orNotFound(err)
	}
	if subtle.ConstantTimeCompare([]byte(row.hash), []byte(tokenHash(token))) != 1 {
		return nil, errShareUnknown
	}
	link, err := s.absolute(SharedPath + "/" + token)
	if err != nil {
		return nil, err
	}
	return QRPNG(link, qrScale)
}

// qrScale is the pixels per module of QR images: about 4 cm on a phone.
const qrScale = 6

// checkOwn lets residents and enterprise users act on their own data.
func checkOwn(actor *authz.Actor) error {
	if actor.Anonymous() {
		return authz.Check(actor, actOwn, authz.Self(0))
	}
	return authz.Check(actor, actOwn, authz.Self(actor.AccountID))
}

// orNotFound hides another holder's share (err nil) as not found.
func orNotFound(err error) error {
	if err == nil {
		return errShareUnknown
	}
	return err
}

// tokenLen is the length of a token: 32 random bytes, base64url.
const tokenLen = 43

func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// plausibleToken rejects what no token looks like before any lookup.
func plausibleToken(t string) bool {
	if len(t) != tokenLen {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil
}

// tokenHash is what the table stores of a token.
func tokenHash(t string) string { return gm.SM3Hex([]byte(t)) }

// shareQRPath is the holder's QR image of a new link.
func shareQRPath(id int64, token string) string {
	return "/my/licences/shares/" + idString(id) + "/qr.png?t=" + token
}
