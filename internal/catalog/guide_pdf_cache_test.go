package catalog

import (
	"fmt"
	"testing"
	"time"
)

func TestGuidePDFCacheKey(t *testing.T) {
	v := Version{District: "320113", ImplCode: "012300300001-320113", Number: 2}
	day := time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC) // 23:00 CST
	same := pdfKey(v, day.Add(30*time.Minute))          // 23:30 CST, same day
	next := pdfKey(v, day.Add(90*time.Minute))          // 00:30 CST, next day
	if pdfKey(v, day) != same || pdfKey(v, day) == next {
		t.Errorf("keys: %s / %s / %s", pdfKey(v, day), same, next)
	}
	v3 := v
	v3.Number = 3
	if pdfKey(v3, day) == pdfKey(v, day) {
		t.Error("a new version shares the cached PDF")
	}
	var c pdfCache
	for i := 0; i < pdfCacheSize+1; i++ {
		c.put(fmt.Sprint(i), []byte{1})
	}
	if len(c.m) > pdfCacheSize {
		t.Errorf("cache holds %d PDFs", len(c.m))
	}
	if _, ok := c.get(fmt.Sprint(pdfCacheSize)); !ok {
		t.Error("the latest PDF is not cached")
	}
}
