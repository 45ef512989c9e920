package workorder

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestAPIKeys(t *testing.T) {
	r := newRig(t)
	k, secret, err := r.s.CreateAPIKey(r.ctx, admin, "南京12345热线平台", ChannelHotline)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, keyPrefix) || len(secret) != len(keyPrefix)+64 || !strings.HasPrefix(secret, k.Prefix) {
		t.Fatalf("secret %q prefix %q", secret, k.Prefix)
	}
	if n := r.count(t, `SELECT COUNT(*) FROM workorder_api_keys WHERE key_hash = ? OR prefix = ?`, secret, secret); n != 0 {
		t.Error("the secret is stored")
	}
	actor, info, err := r.s.Lookup(r.ctx, secret)
	if err != nil || actor.Kind != KindAPIKey || actor.AccountID != k.ID || info.ID == "" || len(actor.Grants) != 0 {
		t.Fatalf("lookup: %+v %+v %v", actor, info, err)
	}
	// The key files orders as its channel, and sees only its own.
	in := r.parkingRequest("仙鹤社区")
	in.ExternalRef = "12345-0001"
	f, err := r.s.File(r.ctx, actor, in)
	if err != nil || f.Order.Channel != ChannelHotline || f.Order.APIKeyID != k.ID {
		t.Fatalf("file with key: %+v %v", f.Order, err)
	}
	in.Channel = ChannelWeCom
	if _, err := r.s.File(r.ctx, actor, in); ReasonsOf(err)["channel"] != ReasonNotAllowed {
		t.Errorf("other channel: %v", err)
	}
	mine, _ := r.s.File(r.ctx, resident(7), r.parkingRequest("仙鹤社区"))
	if _, err := r.s.Get(r.ctx, actor, mine.Order.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("key reads a resident's order: %v", err)
	}
	if v, err := r.s.Get(r.ctx, actor, f.Order.Number); err != nil || !v.Requester.Hidden {
		t.Errorf("key reads its order: %+v %v", v.Requester, err)
	}
	// A key is no staff member: it passes no role check anywhere.
	if _, err := r.s.Draft(r.ctx, actor); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("key edits categories: %v", err)
	}
	keys, err := r.s.APIKeys(r.ctx, admin)
	if err != nil || len(keys) != 1 || keys[0].LastUsedAt == nil {
		t.Errorf("keys %+v %v", keys, err)
	}
	// Revoked keys stop at once.
	if err := r.s.RevokeAPIKey(r.ctx, admin, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.s.Lookup(r.ctx, secret); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Errorf("revoked lookup: %v", err)
	}
	if _, err := r.s.File(r.ctx, actor, r.parkingRequest("仙鹤社区")); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Errorf("revoked key files: %v", err)
	}
	if err := r.s.RevokeAPIKey(r.ctx, admin, k.ID); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("revoke twice: %v", err)
	}
	for _, bad := range []string{"", "szwo_nope", "Bearer x", strings.Repeat("a", 200)} {
		if _, _, err := r.s.Lookup(r.ctx, bad); apperr.CodeOf(err) != apperr.CodeUnauthorized {
			t.Errorf("lookup %q: %v", bad, err)
		}
	}
	if _, _, err := r.s.CreateAPIKey(r.ctx, admin, "", Channel("fax")); len(ReasonsOf(err)) != 2 {
		t.Errorf("bad key input: %v", err)
	}
	if n := r.count(t, `SELECT COUNT(*) FROM audit_log WHERE action LIKE ?`, "workorder.apikey.%"); n != 2 {
		t.Errorf("%d key audit records", n)
	}
	other := staff(901, authz.RoleAdmin, authz.District("320102"))
	other.District = "320102"
	if err := r.s.RevokeAPIKey(r.ctx, other, k.ID); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another district revokes: %v", err)
	}
}
