package org

// Page selects a slice of a list: at most Limit items after skipping
// Offset. A zero Limit means DefaultLimit.
type Page struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Page size limits.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// normal clamps a page to sane values.
func (p Page) normal() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// List is one page of a list with the total number of items, so pages can
// show "共 N 条" and the JSON API can return the counts.
type List[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// More reports whether items follow this page.
func (l List[T]) More() bool { return l.Offset+len(l.Items) < l.Total }
