package supervision

import (
	"strings"
	"testing"
	"time"
)

func TestRemindOncePerStreetAndWorkingDay(t *testing.T) {
	f := newFixture(t)
	soon := f.commitmentTask(t, 1, "仙林街道") // due 2026-03-16 (ten working days after 2026-03-02)
	f.commitmentTask(t, 2, "仙林街道")
	f.commitmentTask(t, 3, "龙潭街道")
	if _, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), soon.ID, compliant(soon)); err != nil {
		t.Fatal(err)
	}
	before := f.notes.count()
	at := func(day string, hour int) {
		d, _ := time.ParseInLocation(time.DateOnly, day, chinaTime)
		f.clock.Set(d.Add(time.Duration(hour) * time.Hour))
	}
	remind := func() int {
		n, err := f.s.Remind(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	at("2026-03-13", 9) // Friday: the open tasks are due on Monday, the next working day
	if n := remind(); n != 2 {
		t.Fatalf("streets reminded = %d, want 仙林 and 龙潭", n)
	}
	got := f.notes.to(17)
	if len(got) != 3 || !strings.Contains(got[2], "仙林街道检查任务提醒：1项今天或下一个工作日到期，0项已逾期") {
		t.Fatalf("inspector 17 got %q", got)
	}
	if n := remind(); n != 0 || f.notes.count() != before+2 {
		t.Fatalf("second run the same day reminded %d streets", n)
	}
	at("2026-03-14", 9) // Saturday: no reminder
	if n := remind(); n != 0 {
		t.Fatalf("Saturday reminded %d", n)
	}
	at("2026-03-17", 7) // Tuesday before the hour: none yet
	if n := remind(); n != 0 {
		t.Fatalf("early reminded %d", n)
	}
	at("2026-03-17", 8)
	if got := f.notes.to(17); remind() != 2 || len(f.notes.to(17)) != 4 ||
		!strings.Contains(f.notes.to(17)[3], "0项今天或下一个工作日到期，1项已逾期") {
		t.Fatalf("Tuesday: %q after %q", f.notes.to(17), got)
	}
}

func TestDailyScheduleFiresAtTheHourInChina(t *testing.T) {
	s := dailyAt{remindHour}
	tests := []struct{ now, want string }{
		{"2026-03-02T07:59:00+08:00", "2026-03-02T08:00:00+08:00"},
		{"2026-03-02T08:00:00+08:00", "2026-03-03T08:00:00+08:00"},
		{"2026-03-02T23:30:00+08:00", "2026-03-03T08:00:00+08:00"},
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		want, _ := time.Parse(time.RFC3339, tt.want)
		if got := s.Next(now); !got.Equal(want) {
			t.Errorf("Next(%s) = %s, want %s", tt.now, got.In(chinaTime), tt.want)
		}
	}
}
