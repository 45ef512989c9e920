package calendar

import "log/slog"

// maxReportSpan bounds how many years one computation checks for missing
// data, so that absurd spans cannot flood the log.
const maxReportSpan = 100

// checkYears reports every year between days d0 and d1 (in either order) that
// has no holiday data.
func (c *Calendar) checkYears(s *snapshot, d0, d1 int) {
	if d0 > d1 {
		d0, d1 = d1, d0
	}
	y0, y1 := yearOf(d0), yearOf(d1)
	for y := y0; y <= y1 && y-y0 < maxReportSpan; y++ {
		if !s.hasYear(y) {
			c.reportMissing(y)
		}
	}
}

// reportMissing logs and calls the hook the first time year y is missed.
func (c *Calendar) reportMissing(y int) {
	if _, seen := c.reported.LoadOrStore(y, struct{}{}); seen {
		return
	}
	c.logger().Warn("calendar: no holiday data for year, counting weekends only", "year", y)
	if c.onMissing != nil {
		c.onMissing(y)
	}
}

func (c *Calendar) logger() *slog.Logger {
	if c.log != nil {
		return c.log
	}
	return slog.Default()
}
