package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Page sizes of list endpoints.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	maxCursor    = 200
)

// Page is the window of a list a client asks for: ?limit=&offset= or
// ?limit=&cursor= (an opaque keyset position a module hands out in Next).
type Page struct {
	Limit  int
	Offset int
	Cursor string
}

// ParsePage reads limit, offset and cursor from the query: limit defaults
// to 20 and may not exceed 100; a cursor excludes an offset.
func ParsePage(r *http.Request) (Page, error) {
	q := r.URL.Query()
	p := Page{Limit: DefaultLimit, Cursor: q.Get("cursor")}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return Page{}, apperr.Invalid("limit", "limit 应为 1 到 100 之间的整数")
		}
		p.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return Page{}, apperr.Invalid("offset", "offset 应为不小于 0 的整数")
		}
		p.Offset = n
	}
	if p.Cursor != "" && (p.Offset != 0 || len(p.Cursor) > maxCursor || !plausibleToken(p.Cursor)) {
		return Page{}, apperr.Invalid("cursor", "cursor 无效")
	}
	return p, nil
}

// List is the JSON shape of every list response. Next is the URL of the
// following page, empty on the last; Total counts all matching items (-1
// when a keyset list does not count them).
type List[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
	Total int    `json:"total"`
}

// OffsetList builds a List from an offset page: Next is set while items
// remain after this page.
func OffsetList[T any](r *http.Request, items []T, p Page, total int) List[T] {
	l := List[T]{Items: nonNil(items), Total: total}
	if end := p.Offset + len(items); len(items) > 0 && end < total {
		l.Next = nextURL(r, p.Limit, "offset", strconv.Itoa(end))
	}
	return l
}

// CursorList builds a List from a keyset page; next is the cursor of the
// following page ("" on the last).
func CursorList[T any](r *http.Request, items []T, p Page, next string, total int) List[T] {
	l := List[T]{Items: nonNil(items), Total: total}
	if next != "" {
		l.Next = nextURL(r, p.Limit, "cursor", next)
	}
	return l
}

// nextURL is the request's own path and query with the window moved.
func nextURL(r *http.Request, limit int, key, value string) string {
	q := r.URL.Query()
	q.Del("offset")
	q.Del("cursor")
	q.Set("limit", strconv.Itoa(limit))
	q.Set(key, value)
	return (&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}
