package identity_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

func TestRealNameIsStoredEncryptedAndShownMasked(t *testing.T) {
	f := newFixture(t)
	resident, _ := f.resident(t, testPhone)
	if err := f.s.UpdateRealName(f.ctx, resident, " 张小明 ", strings.ToLower(testID)); err != nil {
		t.Fatal(err)
	}
	me, err := f.s.Me(f.ctx, resident)
	if err != nil {
		t.Fatal(err)
	}
	if me.RealName != "张小明" || me.IDNumber != gm.MaskIDNumber(testID) || me.Phone != "138****5678" ||
		me.DisplayName != "张*明" || me.RealNameVerifiedAt != nil {
		t.Fatalf("me = %+v", me)
	}
	if !strings.HasPrefix(me.IDNumber, "320113********") {
		t.Fatalf("masked ID %q", me.IDNumber)
	}
	// Nothing in the accounts table holds the raw values.
	rows, err := f.d.Query(f.ctx, `SELECT phone_enc, phone_index, id_number_enc, id_number_index FROM accounts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b, c, d string
		if err := rows.Scan(&a, &b, &c, &d); err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{a, b, c, d} {
			if strings.Contains(v, testPhone) || strings.Contains(v, testID) || strings.Contains(v, testID[6:14]) {
				t.Fatalf("raw personal data stored: %q", v)
			}
		}
		if !strings.HasPrefix(a, "v1:k1:") || !strings.HasPrefix(c, "v1:k1:") || !strings.HasPrefix(b, "i1:") {
			t.Fatalf("not encrypted/indexed: %q %q %q", a, b, c)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// The blind index finds the resident by ID number.
	idx := f.index.BlindIndex("accounts.id_number", testID)
	if n := f.count(t, `SELECT COUNT(*) FROM accounts WHERE id_number_index = ?`, idx); n != 1 {
		t.Fatalf("blind index lookup found %d", n)
	}
}

func TestRealNameBadInput(t *testing.T) {
	f := newFixture(t)
	resident, _ := f.resident(t, testPhone)
	badCheck := testID[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", testID[17])+1)%11])
	cases := []struct{ name, id, field string }{
		{"张三", badCheck, "id_number"},
		{"张三", "32011319900101123", "id_number"},
		{"张三", "abc", "id_number"},
		{"张三", "", "id_number"},
		{"张三", check.MakeIDNumber("320113", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), 1), "id_number"},
		{"张三", strings.Repeat("1", 40), "id_number"},
		{"", testID, "name"},
		{strings.Repeat("张", 65), testID, "name"},
		{"张\x07三", testID, "name"},
	}
	for _, c := range cases {
		err := f.s.UpdateRealName(f.ctx, resident, c.name, c.id)
		e := wantCode(t, err, apperr.CodeInvalid, c.field)
		if c.field == "id_number" && !strings.Contains(e.Fields["id_number"], "身份证") {
			t.Errorf("%q: message %q is not about the ID number", c.id, e.Fields["id_number"])
		}
	}
	// 64 characters are fine; injection strings round-trip.
	for _, name := range []string{strings.Repeat("张", 64), `<img src=x onerror=alert(1)>`, `'; DELETE FROM accounts; --`} {
		if err := f.s.UpdateRealName(f.ctx, resident, name, testID); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		me, _ := f.s.Me(f.ctx, resident)
		if me.RealName != name {
			t.Fatalf("stored %q, read %q", name, me.RealName)
		}
	}
}

func TestStaffCannotRecordARealName(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	err := f.s.UpdateRealName(f.ctx, admin, "张三", testID)
	wantCode(t, err, apperr.CodeForbidden, "")
	err = f.s.UpdateRealName(f.ctx, nil, "张三", testID)
	wantCode(t, err, apperr.CodeUnauthorized, "")
}

func TestRevealPIIIsForAdministratorsAndAudited(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	resident, _ := f.resident(t, testPhone)
	if err := f.s.UpdateRealName(f.ctx, resident, "李四", testID); err != nil {
		t.Fatal(err)
	}
	v, err := f.s.Account(f.ctx, admin, resident.AccountID)
	if err != nil {
		t.Fatal(err)
	}
	if v.RealName != "李*" || v.Phone != "138****5678" || v.IDNumber != gm.MaskIDNumber(testID) {
		t.Fatalf("admin view %+v", v)
	}
	p, err := f.s.RevealPII(f.ctx, admin, resident.AccountID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Phone != testPhone || p.IDNumber != testID || p.RealName != "李四" {
		t.Fatalf("revealed %+v", p)
	}
	if n := f.auditCount(t, "identity.pii.reveal"); n != 1 {
		t.Fatalf("%d reveal audits", n)
	}
	leader, _ := f.staff(t, authz.RoleLeader, authz.District(district))
	_, err = f.s.RevealPII(f.ctx, leader, resident.AccountID)
	wantCode(t, err, apperr.CodeForbidden, "")
	streetAdmin, _ := f.staff(t, authz.RoleAdmin, authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"})
	_, err = f.s.RevealPII(f.ctx, streetAdmin, resident.AccountID)
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.RevealPII(f.ctx, resident, resident.AccountID)
	wantCode(t, err, apperr.CodeForbidden, "")
	if n := f.auditCount(t, "identity.pii.reveal"); n != 1 {
		t.Fatalf("refused reveals audited: %d", n)
	}
}
