package calendar_test

import (
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

func ExampleCalendar_AddWorkdays() {
	c := calendar.Default()
	accepted := time.Date(2026, 9, 28, 15, 4, 0, 0, calendar.CST)
	due := c.AddWorkdays(accepted, 20) // 行政许可法 Art. 42: 20 working days
	fmt.Println(due.Format(time.DateOnly))
	fmt.Println(c.DeadlineAfterWorkdays(accepted, 20, calendar.DefaultOfficeHours()))
	fmt.Println(c.WorkdaysBetween(accepted, due))
	// Output:
	// 2026-10-30
	// 2026-10-30 17:30:00 +0800 CST
	// 20
}

func ExampleCalendar_AddWorkingDuration() {
	c := calendar.Default()
	hours, _ := calendar.ParseOfficeHours("09:00-12:00,13:30-17:30")
	start := time.Date(2026, 9, 30, 16, 0, 0, 0, calendar.CST)
	fmt.Println(c.AddWorkingDuration(start, 4*time.Hour, hours))
	// Output: 2026-10-08 11:30:00 +0800 CST
}
