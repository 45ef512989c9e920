package catalog

import (
	"fmt"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// pdfCacheSize bounds the guide PDFs kept in memory (tens of KB each).
const pdfCacheSize = 256

// pdfCache keeps rendered guide PDFs: one takes ~70 ms of CPU (the font is
// parsed per document), and a guide changes only with a new version. The
// key holds the version and the day, so a new version or the next day's
// "generated" date renders afresh; nothing else of the request enters the
// document.
type pdfCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

// pdfKey names a guide's PDF for one day.
func pdfKey(v Version, now time.Time) string {
	return fmt.Sprintf("%s|%s|%d|%s", v.District, v.ImplCode, v.Number, now.In(calendar.CST).Format(time.DateOnly))
}

// get returns a cached PDF.
func (c *pdfCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	return b, ok
}

// put keeps a PDF, starting over when the cache is full: simpler than LRU
// and good enough for a catalogue of a few thousand guides.
func (c *pdfCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= pdfCacheSize {
		c.m = make(map[string][]byte, pdfCacheSize)
	}
	c.m[key] = b
}
