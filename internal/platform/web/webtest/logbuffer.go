package webtest

import (
	"bytes"
	"sync"
)

// LogBuffer is a log sink safe for concurrent writers (a router's
// handlers, job workers): a test hands it to slog and reads back what was
// logged, e.g. to show why a request failed or to check nothing personal
// was logged.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
