package identity_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Every notice is kept for the account's in-app messages; only the owner
// reads them; reading marks them read.
func TestNoticesInApp(t *testing.T) {
	f := newFixture(t)
	mine, err := f.s.BootstrapResident(f.ctx, district, otherPhone)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"您的办件已受理。", "您的电子证照已颁发。"} {
		if err := f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.NotifyAccountTx(f.ctx, tx, mine, text) }); err != nil {
			t.Fatal(err)
		}
	}
	me := &authz.Actor{AccountID: mine, Kind: authz.KindResident, District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(mine)}}}
	list, err := f.s.Notices(f.ctx, me, 0, 0)
	if err != nil || len(list) != 2 || list[0].Text != "您的电子证照已颁发。" || list[0].ReadAt != nil {
		t.Fatalf("notices: %+v %v", list, err)
	}
	if n, err := f.s.UnreadNotices(f.ctx, me); err != nil || n != 2 {
		t.Fatalf("unread: %d %v", n, err)
	}
	if _, err := f.s.Notices(f.ctx, nil, 0, 0); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("anonymous may not list: %v", err)
	}
	if err := f.s.MarkNoticesRead(f.ctx, me, list[1].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.UnreadNotices(f.ctx, me); n != 1 {
		t.Fatalf("unread after reading the older one: %d", n)
	}
	// Another account sees none of them and marks none read.
	other := &authz.Actor{AccountID: mine + 1000, Kind: authz.KindResident, District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(mine + 1000)}}}
	if l, err := f.s.Notices(f.ctx, other, 0, 0); err != nil || len(l) != 0 {
		t.Fatalf("another account's notices: %+v %v", l, err)
	}
	if err := f.s.MarkNoticesRead(f.ctx, other, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.UnreadNotices(f.ctx, me); n != 1 {
		t.Fatalf("another account marked mine read: %d unread", n)
	}
}

// The page shows the messages newest first and marks them read; a
// refused notice keeps nothing.
func TestNoticesPage(t *testing.T) {
	s := newSite(t)
	f := s.f
	b := s.browser(t)
	expectRedirect(t, b.get("/my/notices"), "/login?next=%2Fmy%2Fnotices")
	b.signInResident(testPhone)
	id, err := f.s.BootstrapResident(f.ctx, district, testPhone)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		return f.s.NotifyAccountTx(f.ctx, tx, id, "取件码已生成，请到网点取件。")
	}); err != nil {
		t.Fatal(err)
	}
	_ = f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.NotifyAccountTx(f.ctx, tx, id, strings.Repeat("长", 141)) })
	w := b.get("/my/notices")
	expect(t, w, http.StatusOK, "我的消息", "取件码已生成", ">新</span>")
	if strings.Contains(w.Body.String(), "长长长") {
		t.Fatal("a refused notice was kept")
	}
	if w := b.get("/my/notices"); strings.Contains(w.Body.String(), ">新</span>") {
		t.Fatal("still unread on the second visit")
	}
}
