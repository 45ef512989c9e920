package workorder

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// vendorRequest is a 占道经营 request: the category asks for 核查.
func vendorRequest() FileInput {
	return FileInput{Category: "CG-03", Description: "文苑路菜场门口流动摊贩占道经营", Lat: ptr(32.1), Lng: ptr(118.92),
		Fields: map[string]any{"kind": "vendor"}}
}

func TestVerification(t *testing.T) {
	h := newHandleRig(t)
	o := h.file(t, 7, vendorRequest())
	xl := h.streets["仙林街道"]
	street := Target{Kind: KindStreet, Code: xl, Team: TeamEnforcement}
	h.assign(t, o.Number, street)
	handler := staff(40, authz.RoleInspector, streetScope(xl))
	colleague := staff(41, authz.RoleInspector, streetScope(xl))
	checker := staff(42, authz.RoleGridWorker, communityScope(o.Place.Community))
	fixed := CloseInput{Outcome: OutcomeFixed, Note: "已劝离摊贩", Photos: []PhotoUpload{{Data: pngBytes()}}}
	v, err := h.s.Close(h.ctx, handler, o.Number, fixed)
	if err != nil || v.State != StateVerifying || v.Outcome != "" {
		t.Fatalf("report: %v %s %q", err, v.State, v.Outcome)
	}
	// Not yet resolved for the requester: the report is internal.
	mine, _ := h.s.Get(h.ctx, resident(7), o.Number)
	if mine.PublicState != "处理中" || mine.Handling.Can.FollowUp {
		t.Errorf("requester sees %s %+v", mine.PublicState, mine.Handling.Can)
	}
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		code  apperr.Code
	}{
		{"the reporter", handler, apperr.CodeForbidden},
		{"a colleague of the handling unit", colleague, apperr.CodeForbidden},
		{"a checker of another street", staff(43, authz.RoleGridWorker, streetScope(h.streets["尧化街道"])), apperr.CodeNotFound},
		{"property staff", staff(44, authz.RoleProperty, communityScope(o.Place.Community)), apperr.CodeForbidden},
		{"the requester", resident(7), apperr.CodeForbidden},
	} {
		_, err := h.s.Verify(h.ctx, c.actor, o.Number, VerifyInput{Pass: true})
		wantCode(t, c.name, err, c.code)
	}
	if sv, _ := h.s.Get(h.ctx, checker, o.Number); sv.Handling == nil || !sv.Handling.Can.Verify {
		t.Errorf("the checker is not offered the verification")
	}
	_, err = h.s.Verify(h.ctx, checker, o.Number, VerifyInput{Pass: false})
	wantReason(t, "failing without a note", err, "note", ReasonRequired)
	v, err = h.s.Verify(h.ctx, checker, o.Number, VerifyInput{Pass: false, Note: "摊贩仍在"})
	if err != nil || v.State != StateHandling {
		t.Fatalf("fail: %v %s", err, v.State)
	}
	_, err = h.s.Verify(h.ctx, checker, o.Number, VerifyInput{Pass: true})
	wantCode(t, "verifying a handled order", err, apperr.CodeConflict)
	// Reported again (the earlier photo counts: it was taken since the
	// order last went into handling), then passed: resolved as reported.
	if _, err := h.s.Close(h.ctx, handler, o.Number, CloseInput{Outcome: OutcomeNotFixed, Note: "摊贩流动，需长期治理"}); err != nil {
		t.Fatal(err)
	}
	v, err = h.s.Verify(h.ctx, checker, o.Number, VerifyInput{Pass: true, Note: "情况属实"})
	if err != nil || v.State != StateResolved || v.Outcome != OutcomeNotFixed {
		t.Fatalf("pass: %v %s %s", err, v.State, v.Outcome)
	}
	var kinds []string
	for _, l := range v.Timeline {
		kinds = append(kinds, string(l.Kind))
	}
	want := "reported,verify_failed,reported,resolved"
	if got := strings.Join(kinds, ","); !strings.HasSuffix(got, want) {
		t.Errorf("events %s, want …%s", got, want)
	}
}
