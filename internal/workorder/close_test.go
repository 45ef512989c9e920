package workorder

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// liftRequest is a 电梯管理 request: fixing it needs an after photo.
func (h *handleRig) liftRequest(community string) FileInput {
	return FileInput{Category: "WY-02", Description: "5栋电梯停运", Community: h.communities[community].Code,
		Fields: map[string]any{"building": "5栋2单元", "fault": "stopped"}}
}

func TestOutcomesKeptApart(t *testing.T) {
	h := newHandleRig(t)
	xh := h.communities["仙鹤社区"].Code
	worker := staff(21, authz.RoleGridWorker, communityScope(xh))
	desk := staff(20, authz.RoleFrontDesk, streetScope(h.streets["仙林街道"]))
	cases := []struct {
		outcome   Outcome
		actor     *authz.Actor
		handling  bool // the order is with a unit
		state     State
		eventKind EventKind
	}{
		{OutcomeFixed, worker, true, StateResolved, EventResolved},
		{OutcomeNotFixed, worker, true, StateResolved, EventResolved},
		{OutcomeNotOurs, worker, true, StateResolved, EventResolved},
		{OutcomeReferred, desk, false, StateClosed, EventReferred},
		{OutcomeCancelled, desk, false, StateClosed, EventCancelled},
	}
	for _, c := range cases {
		t.Run(string(c.outcome), func(t *testing.T) {
			o := h.file(t, 7, h.parkingRequest("仙鹤社区"))
			if c.handling {
				h.assign(t, o.Number, h.community("仙鹤社区"))
			}
			v, err := h.s.Close(h.ctx, c.actor, o.Number, CloseInput{Outcome: c.outcome, Note: "已按规定处理并告知诉求人"})
			if err != nil {
				t.Fatal(err)
			}
			if v.State != c.state || v.Outcome != c.outcome || v.OutcomeName != c.outcome.Name() {
				t.Errorf("state %s outcome %s %s", v.State, v.Outcome, v.OutcomeName)
			}
			if last := v.Timeline[len(v.Timeline)-1]; last.Kind != c.eventKind {
				t.Errorf("last event %s", last.Kind)
			}
		})
	}
	// Distinct outcomes stay distinct in the table.
	var n int
	if err := h.d.QueryRow(h.ctx, `SELECT COUNT(DISTINCT outcome) FROM workorders`).Scan(&n); err != nil || n != 5 {
		t.Errorf("%d distinct outcomes (%v)", n, err)
	}
}

func TestClosureRefusals(t *testing.T) {
	h := newHandleRig(t)
	xh, yh := h.communities["仙鹤社区"].Code, h.communities["尧化社区"].Code
	worker := staff(21, authz.RoleGridWorker, communityScope(xh))
	lift := h.file(t, 7, h.liftRequest("仙鹤社区"))
	h.assign(t, lift.Number, h.community("仙鹤社区"))
	version := h.order(t, lift.Number).Version
	for _, c := range []struct {
		name   string
		actor  *authz.Actor
		in     CloseInput
		code   apperr.Code
		field  string
		reason Reason
	}{
		{"no outcome", worker, CloseInput{Note: "修好了"}, apperr.CodeInvalid, "outcome", ReasonRequired},
		{"unknown outcome", worker, CloseInput{Outcome: "solved", Note: "修好了"}, apperr.CodeInvalid, "outcome", ReasonInvalid},
		{"duplicate is a merge", worker, CloseInput{Outcome: OutcomeDuplicate, Note: "重复"}, apperr.CodeInvalid, "outcome", ReasonNotAllowed},
		{"fixed lift without an after photo", worker, CloseInput{Outcome: OutcomeFixed, Note: "已更换控制板"}, apperr.CodeInvalid, "photos", ReasonRequired},
		{"without the explanation", worker, CloseInput{Outcome: OutcomeNotFixed}, apperr.CodeInvalid, "note", ReasonRequired},
		{"a non-image as after photo", worker, CloseInput{Outcome: OutcomeFixed, Note: "修好了", Photos: []PhotoUpload{{Data: []byte("GIF89a")}}}, apperr.CodeInvalid, "photos", ReasonNotImage},
		{"handler of another community", staff(27, authz.RoleGridWorker, communityScope(yh)), CloseInput{Outcome: OutcomeFixed, Note: "修好了"}, apperr.CodeNotFound, "", ""},
		{"property staff are not the unit", staff(22, authz.RoleProperty, communityScope(xh)), CloseInput{Outcome: OutcomeFixed, Note: "修好了"}, apperr.CodeForbidden, "", ""},
		{"the street's inspectors are not the unit", staff(29, authz.RoleInspector, streetScope(h.streets["仙林街道"])), CloseInput{Outcome: OutcomeFixed, Note: "修好了"}, apperr.CodeForbidden, "", ""},
		{"a unit may not refer a taken order", worker, CloseInput{Outcome: OutcomeReferred, Note: "转12345"}, apperr.CodeConflict, "", ""},
		{"leader", staff(23, authz.RoleLeader, authz.District(district)), CloseInput{Outcome: OutcomeFixed, Note: "修好了"}, apperr.CodeForbidden, "", ""},
	} {
		_, err := h.s.Close(h.ctx, c.actor, lift.Number, c.in)
		wantCode(t, c.name, err, c.code)
		if c.field != "" {
			wantReason(t, c.name, err, c.field, c.reason)
		}
	}
	if o := h.order(t, lift.Number); o.Version != version || o.State != StateHandling {
		t.Fatalf("refusals changed the order: %d → %d, %s", version, o.Version, o.State)
	}
	if n := h.count(t, `SELECT COUNT(*) FROM workorder_photos WHERE order_id = ?`, lift.ID); n != 0 {
		t.Errorf("refusals left %d photos", n)
	}
	// With the photo it closes; the photo is kept as an after photo.
	v, err := h.s.Close(h.ctx, worker, lift.Number, CloseInput{Outcome: OutcomeFixed, Note: "已更换控制板，试运行正常",
		Photos: []PhotoUpload{{Name: "修好.png", Data: pngBytes()}}})
	if err != nil || v.State != StateResolved || v.Outcome != OutcomeFixed || len(v.Photos) != 1 || v.Photos[0].Stage != StageAfter {
		t.Fatalf("close with proof: %v %s %s %+v", err, v.State, v.Outcome, v.Photos)
	}
	// A photo added before closing counts too; referral needs its reason.
	lift2 := h.file(t, 8, h.liftRequest("仙鹤社区"))
	h.assign(t, lift2.Number, h.community("仙鹤社区"))
	if _, err := h.s.AddPhotos(h.ctx, worker, lift2.Number, PhotosInput{Stage: StageProof, Photos: []PhotoUpload{{Data: pngBytes()}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.Close(h.ctx, worker, lift2.Number, CloseInput{Outcome: OutcomeFixed, Note: "已修复"}); err != nil {
		t.Errorf("close with an earlier proof photo: %v", err)
	}
	filed := h.file(t, 7, h.parkingRequest("仙鹤社区"))
	desk := staff(20, authz.RoleFrontDesk, streetScope(h.streets["仙林街道"]))
	_, err = h.s.Close(h.ctx, desk, filed.Number, CloseInput{Outcome: OutcomeReferred})
	wantReason(t, "referral without a reason", err, "note", ReasonRequired)
	_, err = h.s.Close(h.ctx, staff(28, authz.RoleFrontDesk, streetScope(h.streets["尧化街道"])), filed.Number,
		CloseInput{Outcome: OutcomeReferred, Note: "转交区住建局"})
	wantCode(t, "triage of another street", err, apperr.CodeNotFound)
}

func TestProofRules(t *testing.T) {
	h := newHandleRig(t)
	tree, err := h.s.TreeVersion(h.ctx, district, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		code    string
		outcome Outcome
		want    Proof
	}{
		{"WY-01", OutcomeFixed, Proof{Note: true}},
		{"WY-02", OutcomeFixed, Proof{Note: true, AfterPhoto: true}},
		{"WY-02", OutcomeNotFixed, Proof{Note: true}},
		{"CG-03", OutcomeFixed, Proof{Note: true, AfterPhoto: true}}, // 核查: the checker needs the photo
		{"CG-03", OutcomeNotOurs, Proof{Note: true}},
		{"WY-01", OutcomeReferred, Proof{}},
	} {
		if got := h.s.proofFor(tree, c.code, c.outcome); got != c.want {
			t.Errorf("%s %s: %+v, want %+v", c.code, c.outcome, got, c.want)
		}
	}
	// A district's own rules replace the defaults.
	h.s.Handling.Proof = []ProofRule{{Category: "WY", AfterPhoto: true}}
	if got := h.s.proofFor(tree, "WY-07", OutcomeNotOurs); got != (Proof{AfterPhoto: true}) {
		t.Errorf("own rules: %+v", got)
	}
}

func TestConcurrentClosures(t *testing.T) {
	h := newHandleRig(t)
	o := h.file(t, 7, h.parkingRequest("仙鹤社区"))
	h.assign(t, o.Number, h.community("仙鹤社区"))
	worker := staff(21, authz.RoleGridWorker, communityScope(o.Place.Community))
	errs := make(chan error, 2)
	for _, out := range []Outcome{OutcomeFixed, OutcomeNotFixed} {
		go func() {
			_, err := h.s.Close(h.ctx, worker, o.Number, CloseInput{Outcome: out, Note: "处理完毕"})
			errs <- err
		}()
	}
	won, lost := 0, 0
	for range 2 {
		switch err := <-errs; {
		case err == nil:
			won++
		case apperr.CodeOf(err) == apperr.CodeConflict:
			lost++
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if won != 1 || lost != 1 {
		t.Errorf("%d won, %d lost", won, lost)
	}
	if n := h.count(t, `SELECT COUNT(*) FROM workorder_events WHERE order_id = ? AND kind = ?`, o.ID, EventResolved); n != 1 {
		t.Errorf("%d resolutions", n)
	}
}
