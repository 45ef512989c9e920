package supervision

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// jobCount counts queued jobs of a kind.
func (f *fixture) jobCount(t *testing.T, kind string) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM river_job WHERE kind = ?`, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestHookQueuesThePushInTheDecisionTransaction(t *testing.T) {
	f := newFixture(t)
	a := f.decided(t, 1, foodShop("仙林街道"), itemFood)
	d := approval.Decided{Application: a.Application, Commitment: []string{itemFood}}
	rollback := errors.New("decision failed")
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		if err := f.s.QueueInspection(f.ctx, tx, d); err != nil {
			return err
		}
		return rollback
	})
	if !errors.Is(err, rollback) || f.jobCount(t, PushArgs{}.Kind()) != 0 {
		t.Fatalf("a rolled-back decision left a push: %v", err)
	}
	refused := d
	refused.Application.Decision = "refused"
	for _, dd := range []approval.Decided{d, refused} {
		if err := f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.QueueInspection(f.ctx, tx, dd) }); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.jobCount(t, PushArgs{}.Kind()); n != 1 {
		t.Fatalf("pushes queued = %d, want 1 (approval only)", n)
	}
}

func TestPushCreatesTasksForTheStreetOfThePremises(t *testing.T) {
	f := newFixture(t)
	f.decided(t, 1, foodShop("仙林街道"), itemFood, itemTrade, itemAid)
	made, err := f.s.Push(f.ctx, PushArgs{ApplicationID: 1, District: district, Commitment: []string{itemFood}})
	if err != nil {
		t.Fatal(err)
	}
	if len(made) != 2 {
		t.Fatalf("tasks = %+v, want the commitment check and the routine check", made)
	}
	food, trade := made[0], made[1]
	wantDue := f.s.Calendar.AddWorkdays(testNow.In(chinaTime), DefaultDueDays).Format("2006-01-02")
	if food.Kind != KindCommitment || food.Street != f.streets["仙林街道"] || food.DueOn != wantDue ||
		food.EntityName != "栖霞小厨餐饮店" || len(food.Checklist) < 4 ||
		!slices.Contains(food.Checklist, "所填报信息和提交的材料真实、准确") {
		t.Errorf("commitment task = %+v (due want %s)", food, wantDue)
	}
	if trade.Kind != KindRoutine || trade.ItemCode != itemTrade || !slices.Equal(trade.Checklist, routineChecklist) {
		t.Errorf("routine task = %+v", trade)
	}
	// A retried job creates nothing more.
	again, err := f.s.Push(f.ctx, PushArgs{ApplicationID: 1, District: district, Commitment: []string{itemFood}})
	if err != nil || len(again) != 0 {
		t.Fatalf("second push made %+v, %v", again, err)
	}
	if n := f.jobCount(t, CreditArgs{}.Kind()); n != 1 {
		t.Errorf("credit pushes queued = %d, want 1", n)
	}
}

func TestStreetFallsBackToTheAcceptingPoint(t *testing.T) {
	f := newFixture(t)
	yaohua := f.streets["尧化街道"]
	tests := []struct {
		name, premises, point, want string
	}{
		{"street named in premises", "栖霞区马群街道紫东路2号", yaohua + "P01", f.streets["马群街道"]},
		{"street centre accepted it", "栖霞区某路3号", yaohua + "P01", yaohua},
		{"district centre accepted it", "栖霞区某路3号", "320113P01", ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := int64(10 + i)
			a := f.decided(t, id, map[string]any{"shop_name": "小店", "premises": tt.premises}, itemTrade)
			a.AcceptedPoint = tt.point
			f.apps[id] = a
			made, err := f.s.Push(context.Background(), PushArgs{ApplicationID: id, District: district})
			if err != nil || len(made) != 1 || made[0].Street != tt.want {
				t.Fatalf("tasks %+v, %v; want street %q", made, err, tt.want)
			}
		})
	}
}

func TestCommitmentChecklist(t *testing.T) {
	got := commitmentChecklist("本人承诺：甲；乙。丙")
	if !slices.Equal(got, []string{"甲", "乙", "丙"}) {
		t.Errorf("checklist = %q", got)
	}
	if got := commitmentChecklist(""); len(got) != 1 {
		t.Errorf("empty commitment gives %q", got)
	}
}

func TestCreditPushRecordsTheLicence(t *testing.T) {
	f := newFixture(t)
	f.decided(t, 1, foodShop("仙林街道"), itemFood)
	args := CreditArgs{District: district, ApplicationID: 1, Record: creditLicence}
	for range 2 { // a retried job records once
		if err := f.s.PushCredit(f.ctx, args); err != nil {
			t.Fatal(err)
		}
	}
	var outcome string
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT outcome, (SELECT COUNT(*) FROM credit_records WHERE kind = '行政许可')
		FROM supervision_credit_pushes WHERE document_no = ?`, "栖许1").Scan(&outcome, &n); err != nil {
		t.Fatal(err)
	}
	if outcome != "recorded" || n != 1 {
		t.Errorf("push outcome %q with %d records", outcome, n)
	}
	// An application with no subject is noted as skipped, not retried.
	f.decided(t, 2, map[string]any{"premises": "栖霞区仙林街道"}, itemTrade)
	if err := f.s.PushCredit(f.ctx, CreditArgs{District: district, ApplicationID: 2, Record: creditLicence}); err != nil {
		t.Fatal(err)
	}
	if err := f.d.QueryRow(f.ctx, `SELECT outcome FROM supervision_credit_pushes WHERE document_no = ?`,
		"栖许2").Scan(&outcome); err != nil || outcome != "skipped" {
		t.Errorf("no-subject push: %q, %v", outcome, err)
	}
}
