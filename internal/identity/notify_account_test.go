package identity_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func TestNotifyAccountSendsAfterCommit(t *testing.T) {
	f := newFixture(t)
	id, err := f.s.BootstrapResident(f.ctx, district, otherPhone)
	if err != nil {
		t.Fatal(err)
	}
	err = f.d.InTx(f.ctx, func(tx *db.Tx) error {
		return f.s.NotifyAccountTx(f.ctx, tx, id, "您的办件320113-20260302-000001已受理。")
	})
	if err != nil {
		t.Fatal(err)
	}
	var args string
	if err := f.d.QueryRow(f.ctx, `SELECT CAST(args AS TEXT) FROM river_job WHERE kind = 'identity.notify_account'`).Scan(&args); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(args, otherPhone) {
		t.Fatalf("job args hold the phone: %s", args)
	}
	f.startQueue(t, f.s)
	m, ok := f.sms.WaitFor(otherPhone, nil, 20*time.Second)
	if !ok || !strings.Contains(m.Text, "已受理") {
		t.Fatalf("notice not sent: %+v %v", m, ok)
	}
}

func TestNotifyAccountRefusesBadText(t *testing.T) {
	f := newFixture(t)
	for _, text := range []string{"", strings.Repeat("长", 141)} {
		err := f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.NotifyAccountTx(f.ctx, tx, 1, text) })
		if apperr.CodeOf(err) != apperr.CodeInvalid {
			t.Errorf("text of %d runes: %v", len([]rune(text)), err)
		}
	}
}
