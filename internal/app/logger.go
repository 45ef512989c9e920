package app

import (
	"io"
	"log/slog"
)

// NewLogger returns the JSON logger every node writes to standard error.
// Personal data never reaches it: services log masked values or ids only.
func NewLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}
