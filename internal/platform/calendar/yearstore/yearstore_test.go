package yearstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar/yearstore"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

const year2031 = `{"year": 2031, "papers": [], "days": [
  {"name": "测试假日", "date": "2031-03-05", "isOffDay": true},
  {"name": "测试调休", "date": "2031-03-08", "isOffDay": false}]}`

func TestSavedYearChangesTheCalendarOfEveryNode(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	y, err := yearstore.Parse([]byte(year2031))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.InTx(ctx, func(tx *db.Tx) error { return yearstore.Save(ctx, tx, y.Year, []byte(year2031)) }); err != nil {
		t.Fatal(err)
	}
	// Saving twice replaces the row.
	if err := d.InTx(ctx, func(tx *db.Tx) error { return yearstore.Save(ctx, tx, y.Year, []byte(year2031)) }); err != nil {
		t.Fatal(err)
	}
	years, err := yearstore.LoadAll(ctx, d)
	if err != nil || len(years) != 1 {
		t.Fatalf("LoadAll = %v, %v", years, err)
	}
	cal, err := calendar.New(calendar.WithYears(years...))
	if err != nil {
		t.Fatal(err)
	}
	wed := time.Date(2031, 3, 5, 10, 0, 0, 0, calendar.CST)
	sat := time.Date(2031, 3, 8, 10, 0, 0, 0, calendar.CST)
	if cal.IsWorkday(wed) || !cal.IsWorkday(sat) {
		t.Fatalf("imported year not applied: Wed workday=%v, Sat workday=%v", cal.IsWorkday(wed), cal.IsWorkday(sat))
	}
}

func TestParseRejectsBadFiles(t *testing.T) {
	for _, raw := range []string{``, `{}`, `{"year": 2031, "days": [{"date": "2031-02-30", "isOffDay": true}]}`, `<xml/>`} {
		if _, err := yearstore.Parse([]byte(raw)); err == nil {
			t.Errorf("Parse(%q) accepted", raw)
		}
	}
}
