package verify

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// CheckFace compares a live capture (JPEG or PNG bytes) with the ID photo
// of the identity the carrier check verified. A score at or above
// Config.FaceThreshold raises the verification to L3; a lower score is an
// invalid error on field image saying how many attempts are left. A bad
// image is refused before an attempt is counted.
func (s *Service) CheckFace(ctx context.Context, actor *authz.Actor, id string, image []byte) (Verification, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return Verification{}, err
	}
	ct, err := CheckImage("image", image, s.cfg.MaxImageBytes)
	if err != nil {
		return Verification{}, err
	}
	r, err := s.reserve(ctx, actor, id, kindFace)
	if err != nil {
		return Verification{}, err
	}
	v, err := s.reveal(r)
	if err != nil {
		return Verification{}, err
	}
	pctx, cancel := context.WithTimeout(ctx, s.cfg.ProviderTimeout)
	res, err := s.face.MatchFace(pctx, FaceQuery{Name: v.Name, IDNumber: v.IDNumber, Image: image, ImageType: ct})
	cancel()
	if err != nil {
		return Verification{}, s.providerFailed(ctx, id, kindFace, s.face.Provider(), msgFaceProvider, err)
	}
	passed := res.Outcome == FaceCompared && res.Score >= s.cfg.FaceThreshold
	if err := s.recordFace(ctx, id, res, passed); err != nil {
		return Verification{}, err
	}
	switch {
	case passed:
		return s.Get(ctx, actor, id)
	case res.Outcome == FaceNoPhoto:
		return Verification{}, apperr.New(apperr.CodeInvalid, msgFaceNoPhoto)
	}
	left := attemptsLeft(s.cfg.MaxFaceAttempts, r.v.FaceAttempts)
	return Verification{}, apperr.Invalid("image", fmt.Sprintf(msgFaceMismatch, left))
}

// recordFace stores the check and, when it passed, the step.
func (s *Service) recordFace(ctx context.Context, id string, res FaceResult, passed bool) error {
	provider := s.face.Provider()
	outcome := outcomeFail
	switch {
	case passed:
		outcome = outcomePass
	case res.Outcome == FaceNoPhoto:
		outcome = string(FaceNoPhoto)
	}
	return s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := insertCheck(ctx, tx, id, CheckRecord{Kind: kindFace, Provider: provider, Outcome: outcome,
			Score: res.Score, Reference: res.Reference}); err != nil {
			return err
		}
		if !passed {
			return nil
		}
		_, err := tx.Exec(ctx, `UPDATE verifications SET face_provider = ?, face_ref = ?, face_score = ?,
			face_passed_at = ? WHERE id = ? AND face_passed_at IS NULL`, provider, res.Reference, res.Score, tx.Now(), id)
		if err != nil {
			return fmt.Errorf("verify: record face check: %w", err)
		}
		return nil
	})
}
