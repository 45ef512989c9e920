package catalog

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

const code1 = "000105002000-320113"

func TestDraftPublishKeepsOldVersionsReadable(t *testing.T) {
	s, d, _ := newService(t)
	ctx := context.Background()
	v, err := s.SaveDraft(ctx, admin(), validItem(code1))
	if err != nil || v.Number != 1 || v.State != StateDraft {
		t.Fatalf("SaveDraft = %+v, %v", v, err)
	}
	if _, err := s.Get(ctx, code1); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("draft visible to the public: %v", err)
	}
	if v, err = s.Publish(ctx, admin(), code1, time.Time{}); err != nil || v.State != StatePublished || !v.EffectiveFrom.Equal(testNow) {
		t.Fatalf("Publish = %+v, %v", v, err)
	}
	it := validItem(code1)
	it.PromisedDays = 3
	if v, err = s.SaveDraft(ctx, admin(), it); err != nil || v.Number != 2 {
		t.Fatalf("second draft = %+v, %v", v, err)
	}
	it.PromisedDays = 2 // an open draft is replaced, not stacked
	if v, err = s.SaveDraft(ctx, admin(), it); err != nil || v.Number != 2 {
		t.Fatalf("draft update = %+v, %v", v, err)
	}
	if cur, err := s.Get(ctx, code1); err != nil || cur.Number != 1 || cur.Item.PromisedDays != 5 {
		t.Fatalf("current during draft = %+v, %v", cur, err)
	}
	if _, err := s.Publish(ctx, admin(), code1, time.Time{}); err != nil {
		t.Fatal(err)
	}
	cur, err := s.Get(ctx, code1)
	if err != nil || cur.Number != 2 || cur.Item.PromisedDays != 2 {
		t.Fatalf("current = %+v, %v", cur, err)
	}
	old, err := s.GetVersion(ctx, nil, code1, 1)
	if err != nil || old.Item.PromisedDays != 5 || old.State != StatePublished {
		t.Fatalf("v1 = %+v, %v", old, err)
	}
	h, err := s.History(ctx, admin(), code1)
	if err != nil || len(h) != 2 || h[0].Number != 2 {
		t.Fatalf("History = %+v, %v", h, err)
	}
	if ch := Diff(h[1].Item, h[0].Item); len(ch) != 1 || ch[0].Path != "promised_days" || ch[0].Before != "5" || ch[0].After != "2" {
		t.Fatalf("Diff = %+v", ch)
	}
	if n := countRows(t, d, "audit_log"); n != 5 {
		t.Errorf("audit records = %d, want 5 (3 saves, 2 publishes)", n)
	}
}

func TestFutureEffectiveDate(t *testing.T) {
	s, _, c := newService(t)
	ctx := context.Background()
	mustPublish(t, s, validItem(code1))
	it := validItem(code1)
	it.Name = "食品经营许可（新版）"
	if _, err := s.SaveDraft(ctx, admin(), it); err != nil {
		t.Fatal(err)
	}
	from := testNow.Add(72 * time.Hour)
	if _, err := s.Publish(ctx, admin(), code1, from); err != nil {
		t.Fatal(err)
	}
	if cur, err := s.Get(ctx, code1); err != nil || cur.Number != 1 {
		t.Fatalf("before effective date: %+v, %v", cur, err)
	}
	if got, _ := s.List(ctx, admin(), Filter{Q: "新版"}, Page{}); got.Total != 1 {
		t.Errorf("staff list finds the scheduled version: %+v", got)
	}
	c.Set(from.Add(-time.Second))
	if cur, _ := s.Get(ctx, code1); cur.Number != 1 {
		t.Fatalf("a second early: v%d", cur.Number)
	}
	c.Set(from)
	if cur, err := s.Get(ctx, code1); err != nil || cur.Number != 2 || cur.Item.Name != it.Name {
		t.Fatalf("at effective date: %+v, %v", cur, err)
	}
}

func TestPublishRefusals(t *testing.T) {
	s, d, _ := newService(t)
	ctx := context.Background()
	if _, err := s.Publish(ctx, admin(), code1, time.Time{}); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("unknown item: %v", err)
	}
	mustPublish(t, s, validItem(code1))
	if _, err := s.Publish(ctx, admin(), code1, time.Time{}); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("no draft: %v", err)
	}
	if _, err := s.SaveDraft(ctx, admin(), validItem(code1)); err != nil {
		t.Fatal(err)
	}
	_, err := s.Publish(ctx, admin(), code1, testNow.Add(-time.Hour))
	wantCode(t, err, apperr.CodeInvalid)
	// A bundle naming a missing item is refused at publication.
	it := validItem(code1)
	it.Bundle = []string{"999999999999-320113"}
	if _, err := s.SaveDraft(ctx, admin(), it); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, d)
	_, err = s.Publish(ctx, admin(), code1, time.Time{})
	if e, _ := apperr.As(err); e == nil || e.Fields["bundle[0]"] == "" {
		t.Fatalf("bundle to a missing item: %v", err)
	}
	if after := snapshot(t, d); after != before {
		t.Errorf("refused publication wrote: %s → %s", before, after)
	}
}

func TestPublishRefusesInvalidStoredDraft(t *testing.T) {
	s, d, _ := newService(t)
	ctx := context.Background()
	if _, err := s.SaveDraft(ctx, admin(), validItem(code1)); err != nil {
		t.Fatal(err)
	}
	// A draft saved under other rules (or before a department was renamed):
	// its form names a field type that does not exist and a step no role.
	bad := validItem(code1)
	bad.Form[0].Type = "slider"
	bad.Steps[0].Role = ""
	body := mustJSON(t, bad)
	if _, err := d.Write.ExecContext(ctx, d.Rebind(`UPDATE catalog_item_versions SET body = ?`), body); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, d)
	_, err := s.Publish(ctx, admin(), code1, time.Time{})
	e, _ := apperr.As(err)
	if e == nil || e.Fields["form[0].type"] == "" || e.Fields["steps[0].role"] == "" {
		t.Fatalf("Publish = %v", err)
	}
	if after := snapshot(t, d); after != before {
		t.Errorf("refused publication wrote: %s → %s", before, after)
	}
}

func TestSaveDraftRefusesInvalidItem(t *testing.T) {
	s, d, _ := newService(t)
	it := validItem(code1)
	it.Conditions = []string{"其他条件"}
	it.Materials[0].Source = "x"
	_, err := s.SaveDraft(context.Background(), admin(), it)
	e, _ := apperr.As(err)
	if e == nil || e.Fields["conditions[0]"] == "" || e.Fields["materials[0].source"] == "" {
		t.Fatalf("SaveDraft = %v", err)
	}
	if n := countRows(t, d, "catalog_items"); n != 0 {
		t.Errorf("items written: %d", n)
	}
}

func TestWithdraw(t *testing.T) {
	s, _, _ := newService(t)
	ctx := context.Background()
	if err := s.Withdraw(ctx, admin(), code1); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("unknown: %v", err)
	}
	mustPublish(t, s, validItem(code1))
	if err := s.Withdraw(ctx, admin(), code1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, code1); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("withdrawn item still current: %v", err)
	}
	if v, err := s.GetVersion(ctx, nil, code1, 1); err != nil || v.State != StateWithdrawn {
		t.Errorf("withdrawn version unreadable: %+v, %v", v, err)
	}
	if err := s.Withdraw(ctx, admin(), code1); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("second withdrawal: %v", err)
	}
	mustPublish(t, s, validItem(code1))
	if v, err := s.Get(ctx, code1); err != nil || v.Number != 2 {
		t.Errorf("republished: %+v, %v", v, err)
	}
}

func TestDraftHiddenFromPublic(t *testing.T) {
	s, _, _ := newService(t)
	ctx := context.Background()
	if _, err := s.SaveDraft(ctx, admin(), validItem(code1)); err != nil {
		t.Fatal(err)
	}
	resident := actorWith(9, "resident", selfScope(9))
	if _, err := s.GetVersion(ctx, resident, code1, 1); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("resident reads a draft: %v", err)
	}
	if _, err := s.GetVersion(ctx, nil, code1, 1); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Errorf("anonymous reads a draft: %v", err)
	}
	if _, err := s.GetVersion(ctx, admin(), code1, 7); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("missing version: %v", err)
	}
}

// mustPublish saves and publishes it now.
func mustPublish(t testing.TB, s *Service, it Item) {
	t.Helper()
	if _, err := s.SaveDraft(context.Background(), admin(), it); err != nil {
		t.Fatalf("SaveDraft %s: %v", it.ImplCode, err)
	}
	if _, err := s.Publish(context.Background(), admin(), it.ImplCode, time.Time{}); err != nil {
		t.Fatalf("Publish %s: %v", it.ImplCode, err)
	}
}

func TestConcurrentFirstDrafts(t *testing.T) {
	s, d, _ := newService(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := s.SaveDraft(context.Background(), admin(), validItem(code1))
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil && apperr.CodeOf(err) != apperr.CodeConflict {
			t.Errorf("concurrent SaveDraft: %v", err)
		}
	}
	if items, versions := countRows(t, d, "catalog_items"), countRows(t, d, "catalog_item_versions"); items != 1 || versions != 1 {
		t.Errorf("items=%d versions=%d, want 1 and 1", items, versions)
	}
}

func TestPublishChecksParent(t *testing.T) {
	s, _, _ := newService(t)
	ctx := context.Background()
	h := validItem("000105002001-320113")
	h.BasicCode, h.LevelKind, h.HandlingKind, h.ParentBasicCode = "000105002001", KindHandling, HandlingCancel, "000105002000"
	if _, err := s.SaveDraft(ctx, admin(), h); err != nil {
		t.Fatal(err)
	}
	_, err := s.Publish(ctx, admin(), h.ImplCode, time.Time{})
	if e, _ := apperr.As(err); e == nil || e.Fields["parent_basic_code"] == "" {
		t.Fatalf("handling item without parent: %v", err)
	}
	mustPublish(t, s, validItem(code1)) // the 主项 000105002000
	if _, err := s.Publish(ctx, admin(), h.ImplCode, time.Time{}); err != nil {
		t.Fatalf("handling item under its main item: %v", err)
	}
	sub := validItem("000105002001-320113-S")
	sub.BasicCode, sub.LevelKind, sub.ParentBasicCode = "000105002002", KindSub, "000105002001"
	if _, err := s.SaveDraft(ctx, admin(), sub); err != nil {
		t.Fatal(err)
	}
	_, err = s.Publish(ctx, admin(), sub.ImplCode, time.Time{})
	if e, _ := apperr.As(err); e == nil || e.Fields["parent_basic_code"] != "子项的上级应为主项" {
		t.Fatalf("sub item under a handling item: %v", err)
	}
}
