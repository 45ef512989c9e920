package catalog

import (
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// resultsPerPage is how many results the services page shows at once: a
// street lists more items than a phone screen should scroll through.
const resultsPerPage = 50

// pageOffset reads the services page's ?offset=, 0 when absent.
func pageOffset(qs url.Values) (int, error) {
	s := qs.Get("offset")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 100000 {
		return 0, apperr.Invalid("offset", "页码无效，请从第一页看起")
	}
	return n, nil
}

// pageLinks returns the previous and next pages of the same browse, ""
// where there is none. The point is left out: its cookie already holds it.
func pageLinks(qs url.Values, offset, total int) (prev, next string) {
	at := func(n int) string {
		q := url.Values{}
		for k, vs := range qs {
			if k != "offset" && k != "point" {
				q[k] = vs
			}
		}
		if n > 0 {
			q.Set("offset", strconv.Itoa(n))
		}
		return "/services?" + q.Encode()
	}
	if offset > 0 {
		prev = at(max(offset-resultsPerPage, 0))
	}
	if offset+resultsPerPage < total {
		next = at(offset + resultsPerPage)
	}
	return prev, next
}
