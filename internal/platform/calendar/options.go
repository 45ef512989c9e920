package calendar

import "log/slog"

// Option configures a Calendar built by [New].
type Option func(*config)

type config struct {
	logger     *slog.Logger
	onMissing  func(year int)
	years      []YearData
	noEmbedded bool
}

// WithLogger sets the logger used to warn about years without data.
// The default is [slog.Default] at the time of logging.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithOnMissingYear sets a hook called once per year, the first time a
// computation needs a year that has no holiday data, e.g. to increment a
// Prometheus counter. It is called synchronously and must be fast and safe
// for concurrent use.
func WithOnMissingYear(f func(year int)) Option {
	return func(c *config) { c.onMissing = f }
}

// WithYears adds years on top of the embedded data, replacing embedded years
// with the same Year; use it to restore years imported earlier.
func WithYears(years ...YearData) Option {
	return func(c *config) { c.years = append(c.years, years...) }
}

// WithoutEmbedded starts the Calendar without the embedded holiday data.
func WithoutEmbedded() Option {
	return func(c *config) { c.noEmbedded = true }
}
