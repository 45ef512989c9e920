package calendar

import (
	"testing"
	"time"
)

func BenchmarkIsWorkday(b *testing.B) {
	c, d := quiet(b), date(2026, 9, 30)
	for b.Loop() {
		c.IsWorkday(d)
	}
}

func BenchmarkAddWorkdays(b *testing.B) {
	c, d := quiet(b), at(2026, 9, 28, 10, 0)
	for b.Loop() {
		c.AddWorkdays(d, 20)
	}
}

func BenchmarkAddWorkdays250(b *testing.B) {
	c, d := quiet(b), at(2025, 9, 28, 10, 0)
	for b.Loop() {
		c.AddWorkdays(d, 250)
	}
}

func BenchmarkWorkdaysBetween(b *testing.B) {
	c, a, z := quiet(b), at(2026, 9, 28, 10, 0), at(2026, 11, 3, 9, 0)
	for b.Loop() {
		c.WorkdaysBetween(a, z)
	}
}

func BenchmarkAddWorkdaysSuspended(b *testing.B) {
	c, d := quiet(b), at(2026, 9, 7, 10, 0)
	susp := []Interval{{at(2026, 9, 9, 10, 0), at(2026, 9, 10, 15, 0)}}
	for b.Loop() {
		c.AddWorkdaysSuspended(d, 20, susp)
	}
}

func BenchmarkAddWorkingDuration(b *testing.B) {
	c, h, d := quiet(b), DefaultOfficeHours(), at(2026, 9, 30, 15, 0)
	for b.Loop() {
		c.AddWorkingDuration(d, 20*time.Hour, h)
	}
}

func BenchmarkWorkingDurationBetween(b *testing.B) {
	c, h := quiet(b), DefaultOfficeHours()
	a, z := at(2026, 9, 30, 15, 0), at(2026, 10, 12, 10, 0)
	for b.Loop() {
		c.WorkingDurationBetween(a, z, h)
	}
}
