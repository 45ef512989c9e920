package workorder

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// handleRig is the rig with the requester notices recorded.
type handleRig struct {
	*rig
	mu      sync.Mutex
	notices []notice
}

// notice is one notice sent to an account.
type notice struct {
	account int64
	text    string
}

func newHandleRig(t *testing.T) *handleRig {
	t.Helper()
	h := &handleRig{rig: newRig(t)}
	h.s.Notify = func(_ context.Context, _ *db.Tx, id int64, text string) error {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.notices = append(h.notices, notice{id, text})
		return nil
	}
	h.s.OnEvent(h.s.NotifyRequesters)
	return h
}

// noticesOf returns the texts sent to an account.
func (h *handleRig) noticesOf(account int64) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, n := range h.notices {
		if n.account == account {
			out = append(out, n.text)
		}
	}
	return out
}

// file files in as the resident id and returns the order.
func (h *handleRig) file(t *testing.T, id int64, in FileInput) Order {
	t.Helper()
	f, err := h.s.File(h.ctx, resident(id), in)
	if err != nil {
		t.Fatal(err)
	}
	return f.Order
}

// assign gives the order to unit as lead, accepted (as dispatch does on
// 签收), whatever dispatch did before: the order is then being handled.
func (h *handleRig) assign(t *testing.T, number string, unit Target) {
	t.Helper()
	err := h.d.InTx(h.ctx, func(tx *db.Tx) error {
		o, err := loadOrder(h.ctx, tx, `number = ?`, number)
		if err != nil {
			return err
		}
		if lead, found, err := liveLead(h.ctx, tx, o.ID, false); err != nil {
			return err
		} else if found {
			if err := endAssignment(h.ctx, tx, lead.ID, AssignWithdrawn, "", 0); err != nil {
				return err
			}
		}
		kind := EventReassigned
		if o.State == StateFiled || o.State == StateReturned {
			kind = EventDispatched
		}
		a := Assignment{OrderID: o.ID, Role: RoleLead, Mode: ModeDirect, Unit: unit, State: AssignAccepted}
		if err := insertAssignment(h.ctx, tx, &a); err != nil {
			return err
		}
		sys := authz.System(district)
		if _, err := h.s.record(h.ctx, tx, sys, &o, Change{Kind: kind, Unit: unit.Ref()}); err != nil {
			return err
		}
		_, err = h.s.record(h.ctx, tx, sys, &o, Change{Kind: EventAccepted, Unit: unit.Ref()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// order reads an order back.
func (h *handleRig) order(t *testing.T, number string) Order {
	t.Helper()
	o, err := loadOrder(h.ctx, h.d, `number = ?`, number)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// community is a community unit of the rig.
func (h *handleRig) community(name string) Target {
	return Target{Kind: KindCommunity, Code: h.communities[name].Code}
}

// wantReason fails unless err is an input error naming field with reason.
func wantReason(t *testing.T, what string, err error, field string, reason Reason) {
	t.Helper()
	if got := ReasonsOf(err)[field]; got != reason {
		t.Errorf("%s: reasons %v (%v), want %s=%s", what, ReasonsOf(err), err, field, reason)
	}
}

func TestHandlerNotesAndPhotos(t *testing.T) {
	h := newHandleRig(t)
	xh, yh := h.communities["仙鹤社区"].Code, h.communities["尧化社区"].Code
	o := h.file(t, 7, h.parkingRequest("仙鹤社区"))
	worker := staff(21, authz.RoleGridWorker, communityScope(xh))
	// Before dispatch nobody handles it.
	_, err := h.s.AddNote(h.ctx, worker, o.Number, NoteInput{Text: "先看看"})
	wantCode(t, "note before dispatch", err, apperr.CodeConflict)
	h.assign(t, o.Number, h.community("仙鹤社区"))
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		code  apperr.Code
	}{
		{"handler of the assigned community", worker, ""},
		{"front desk of the community station", staff(24, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: xh + "P01"}), ""},
		{"handler of another community", staff(27, authz.RoleGridWorker, communityScope(yh)), apperr.CodeNotFound},
		{"property staff of the community (not the unit)", staff(22, authz.RoleProperty, communityScope(xh)), apperr.CodeForbidden},
		{"leader", staff(23, authz.RoleLeader, authz.District(district)), apperr.CodeForbidden},
		{"administrator", admin, apperr.CodeForbidden},
		{"the requester", resident(7), apperr.CodeForbidden},
		{"nobody", nil, apperr.CodeUnauthorized},
	} {
		_, err := h.s.AddNote(h.ctx, c.actor, o.Number, NoteInput{Text: "已到现场查看"})
		wantCode(t, c.name+" notes", err, c.code)
		_, err = h.s.AddPhotos(h.ctx, c.actor, o.Number, PhotosInput{Stage: StageBefore, Photos: []PhotoUpload{{Data: pngBytes()}}})
		wantCode(t, c.name+" adds photos", err, c.code)
	}
	// Bad input, nothing written.
	before := h.order(t, o.Number).Version
	_, err = h.s.AddNote(h.ctx, worker, o.Number, NoteInput{Text: "  "})
	wantReason(t, "empty note", err, "text", ReasonRequired)
	_, err = h.s.AddNote(h.ctx, worker, o.Number, NoteInput{Text: strings.Repeat("记", 1001)})
	wantReason(t, "long note", err, "text", ReasonTooLong)
	_, err = h.s.AddPhotos(h.ctx, worker, o.Number, PhotosInput{Stage: StageAfter, Photos: []PhotoUpload{{Data: []byte("%PDF-1.7 not a photo")}}})
	wantReason(t, "not an image", err, "photos", ReasonNotImage)
	_, err = h.s.AddPhotos(h.ctx, worker, o.Number, PhotosInput{Stage: StageAfter,
		Photos: []PhotoUpload{{Data: append(pngBytes(), make([]byte, 20<<20)...)}}})
	wantReason(t, "20 MB photo", err, "photos", ReasonTooLarge)
	_, err = h.s.AddPhotos(h.ctx, worker, o.Number, PhotosInput{Stage: "selfie", Photos: []PhotoUpload{{Data: pngBytes()}}})
	wantReason(t, "bad stage", err, "stage", ReasonInvalid)
	if after := h.order(t, o.Number).Version; after != before {
		t.Errorf("bad input changed the order: version %d → %d", before, after)
	}
	// A reply reaches the requester's timeline and phone; a note does not.
	v, err := h.s.AddNote(h.ctx, worker, o.Number, NoteInput{Text: "已联系物业，明天清理", Reply: true})
	if err != nil || v.Handling == nil || !v.Handling.Can.Note {
		t.Fatalf("reply: %v %+v", err, v.Handling)
	}
	mine, err := h.s.Get(h.ctx, resident(7), o.Number)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, l := range mine.Timeline {
		titles = append(titles, l.Title+":"+l.Note)
	}
	got := strings.Join(titles, " | ")
	if !strings.Contains(got, "答复:已联系物业，明天清理") || strings.Contains(got, "已到现场查看") {
		t.Errorf("requester's timeline: %s", got)
	}
	if n := h.noticesOf(7); len(n) == 0 || !strings.Contains(n[len(n)-1], "已联系物业") {
		t.Errorf("requester's notices: %q", n)
	}
	if len(mine.Photos) != 2 || mine.Photos[1].Stage != StageBefore {
		t.Errorf("photos: %+v", mine.Photos)
	}
}
