package workorder

import (
	"bytes"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestRedaction(t *testing.T) {
	h := newHandleRig(t)
	in := h.parkingRequest("仙鹤社区")
	in.Photos = []PhotoUpload{{Name: "车牌.png", Data: pngBytes()}}
	o := h.file(t, 7, in)
	photo := h.photosOf(t, o)[0].ID
	xh := o.Place.Community
	worker := staff(21, authz.RoleGridWorker, communityScope(xh))
	for _, c := range []struct {
		name   string
		actor  *authz.Actor
		reason string
		code   apperr.Code
	}{
		{"without a reason", worker, "", apperr.CodeInvalid},
		{"grid worker of another community", staff(27, authz.RoleGridWorker, communityScope(h.communities["尧化社区"].Code)), "含车牌", apperr.CodeNotFound},
		{"property staff", staff(22, authz.RoleProperty, communityScope(xh)), "含车牌", apperr.CodeForbidden},
		{"leader", staff(23, authz.RoleLeader, authz.District(district)), "含车牌", apperr.CodeForbidden},
		{"the requester", resident(7), "含车牌", apperr.CodeForbidden},
		{"unknown photo", worker, "含车牌", apperr.CodeNotFound},
	} {
		id := photo
		if c.name == "unknown photo" {
			id = "0123456789abcdef0123456789abcdef"
		}
		_, err := h.s.Redact(h.ctx, c.actor, id, c.reason)
		wantCode(t, c.name, err, c.code)
	}
	if _, _, err := h.s.OpenPhoto(h.ctx, resident(7), photo); err != nil {
		t.Fatalf("before redaction: %v", err)
	}
	v, err := h.s.Redact(h.ctx, worker, photo, "照片含有他人车牌")
	if err != nil || !v.Photos[0].Redacted {
		t.Fatalf("redact: %v %+v", err, v.Photos)
	}
	_, err = h.s.Redact(h.ctx, worker, photo, "再次遮蔽")
	wantCode(t, "redacting twice", err, apperr.CodeConflict)
	// Nobody sees it any more; the original stays for administrators.
	for _, a := range []*authz.Actor{resident(7), worker, admin} {
		if _, _, err := h.s.OpenPhoto(h.ctx, a, photo); apperr.CodeOf(err) != apperr.CodeNotFound {
			t.Errorf("%v opens a redacted photo: %v", a.Roles(), err)
		}
	}
	_, data, err := h.s.OpenOriginal(h.ctx, admin, photo)
	if err != nil || !bytes.Equal(data, pngBytes()) {
		t.Fatalf("original for the administrator: %v", err)
	}
	if n := h.count(t, `SELECT COUNT(*) FROM audit_log WHERE action IN (?, ?)`, "workorder.photo.redact",
		"workorder.photo.original"); n != 2 {
		t.Errorf("%d audit records", n)
	}
	for _, a := range []*authz.Actor{worker, staff(23, authz.RoleLeader, authz.District(district)), resident(7)} {
		if _, _, err := h.s.OpenOriginal(h.ctx, a, photo); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v opens the original: %v", a.Roles(), err)
		}
	}
	// The administrator may redact anywhere in the district.
	in.Photos, in.IdempotencyKey = []PhotoUpload{{Data: pngBytes()}}, ""
	o2 := h.file(t, 8, in)
	if _, err := h.s.Redact(h.ctx, admin, h.photosOf(t, o2)[0].ID, "含人脸"); err != nil {
		t.Errorf("administrator redacts: %v", err)
	}
}

// photosOf lists an order's photos.
func (h *handleRig) photosOf(t *testing.T, o Order) []Photo {
	t.Helper()
	ps, err := photosOf(h.ctx, h.d, o.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("photos of %s: %v %v", o.Number, ps, err)
	}
	return ps
}
