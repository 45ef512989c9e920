package identity_test

import (
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

func TestOwnCodes(t *testing.T) {
	f := newFixture(t)
	plain, _ := f.resident(t, otherPhone)
	if codes, err := f.s.OwnCodes(f.ctx, plain.AccountID); err != nil || len(codes) != 0 {
		t.Fatalf("resident without a real name: %v %v", codes, err)
	}
	rep, _ := f.realNamed(t, testPhone, 11)
	code := validCredit(t, "MA1XY70A")
	if _, err := f.s.RegisterEnterprise(f.ctx, rep, code, "南京栖霞示例科技有限公司"); err != nil {
		t.Fatal(err)
	}
	codes, err := f.s.OwnCodes(f.ctx, rep.AccountID)
	id := check.MakeIDNumber("320113", start.AddDate(-30, 0, 0), 11)
	if err != nil || !slices.Equal(codes, []string{id, code}) {
		t.Fatalf("codes = %v, %v (want %s, %s)", codes, err, id, code)
	}
}
