package license

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// PDF is a licence printed as a PDF file.
type PDF struct {
	Filename string
	Bytes    []byte
}

// PDF renders one licence as a printable A4 page (paper copies print from
// it too): for its holder, with the holder's full code, since it is the
// holder's own document, and for staff of the issuing department. Other
// residents' licences are not found; other staff are refused. A licence
// whose data no longer match its seal is not printed. Nothing is cached:
// the page shows the status as of now.
func (s *Service) PDF(ctx context.Context, actor *authz.Actor, id int64) (PDF, error) {
	r, err := s.loadBy(ctx, s.db, "id", id)
	if err != nil {
		return PDF{}, err
	}
	if err := mayRead(actor, r.Licence); err != nil {
		return PDF{}, err
	}
	v, err := s.verifyRow(ctx, r)
	if err != nil {
		return PDF{}, err
	}
	if !v.Genuine {
		return PDF{}, apperr.Conflict("证照数据与电子印章不符，不能打印，请联系颁证部门")
	}
	l, err := s.open(r)
	if err != nil {
		return PDF{}, err
	}
	b, err := s.renderPDF(ctx, l, v.Verdict)
	if err != nil {
		return PDF{}, err
	}
	return PDF{Filename: "licence-" + idString(l.ID) + ".pdf", Bytes: b}, nil
}

// mayRead lets the holder and the issuing department's licence staff
// read a licence; a resident asking for someone else's learns nothing.
func mayRead(actor *authz.Actor, l Licence) error {
	if actor.Anonymous() {
		return authz.Check(actor, actOwn, authz.Self(0))
	}
	own := actor.May(actOwn, authz.Self(actor.AccountID))
	if own && l.HolderAccount == actor.AccountID {
		return nil
	}
	if actor.May(actManage, departmentScope(l.Department)) {
		return nil
	}
	if own {
		return errNotHolder
	}
	return authz.Check(actor, actManage, departmentScope(l.Department))
}

// renderPDF draws the licence with its verdict: the QR code of the public
// verification page, the department's seal mark, the status overprint.
func (s *Service) renderPDF(ctx context.Context, l Licence, verdict Verdict) ([]byte, error) {
	link, err := s.absolute(VerifyPath(l.Meta.Identifier))
	if err != nil {
		return nil, err
	}
	qr, err := qrModules(link)
	if err != nil {
		return nil, err
	}
	var mark []byte
	if s.marks != nil {
		if mark, err = s.marks.Mark(ctx, l.Department); err != nil {
			return nil, fmt.Errorf("license: seal mark of %s: %w", l.Department, err)
		}
	}
	sh := sheet{l: l, verdict: verdict, demo: s.demo, link: link, qr: qr, mark: mark,
		printed: s.db.Clock.Now().UTC().Truncate(time.Second)}
	b, err := sh.build()
	if err != nil {
		return nil, fmt.Errorf("license: pdf of %s: %w", l.Meta.Identifier, err)
	}
	return b, nil
}
