package open311

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// Limits of GET requests.
const (
	// maxSpan is the widest window of filing times: the spec's 90 days,
	// also the default window ending now.
	maxSpan = 90 * 24 * time.Hour
	// maxPage bounds page numbers (a page is at least one request).
	maxPage = 1_000_000
)

// listQuery is a parsed GET requests query.
type listQuery struct {
	filter workorder.PublicFilter
	page   int
	byID   bool // service_request_id given: the other parameters are ignored
}

// parseList reads the standard filters and the paging extension. Every bad
// parameter is reported at once.
func parseList(v url.Values, now time.Time) (listQuery, error) {
	bad := map[string]string{}
	q := listQuery{page: 1}
	if ids := commaList(v, "service_request_id"); len(ids) > 0 {
		if len(ids) > workorder.MaxPublicLimit {
			bad["service_request_id"] = "一次最多查询 " + strconv.Itoa(workorder.MaxPublicLimit) + " 个请求"
		}
		q.byID, q.filter = true, workorder.PublicFilter{Numbers: ids, Limit: workorder.MaxPublicLimit}
		return q, badParams(bad)
	}
	q.filter.Categories = commaList(v, "service_code")
	q.filter.States = statuses(v, bad)
	q.filter.From, q.filter.To = window(v, now, bad)
	q.page = intParam(v, "page", 1, 1, maxPage, bad)
	q.filter.Limit = intParam(v, "page_size", workorder.MaxPublicLimit, 1, workorder.MaxPublicLimit, bad)
	q.filter.Offset = (q.page - 1) * q.filter.Limit
	return q, badParams(bad)
}

// badParams is nil or the 400 naming every bad parameter.
func badParams(bad map[string]string) error {
	if len(bad) == 0 {
		return nil
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: "查询参数有误", Fields: bad}
}

// commaList reads a parameter given as a comma-delimited list, possibly
// repeated; empty items are dropped.
func commaList(v url.Values, name string) []string {
	var out []string
	for _, s := range v[name] {
		for item := range strings.SplitSeq(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// statuses reads status (open, closed) into the order states it means.
func statuses(v url.Values, bad map[string]string) []workorder.State {
	var open, closed bool
	for _, s := range commaList(v, "status") {
		switch s {
		case "open":
			open = true
		case "closed":
			closed = true
		default:
			bad["status"] = "status 只能为 open 或 closed"
			return nil
		}
	}
	if open == closed {
		return nil // both or neither: every state
	}
	var out []workorder.State
	for _, st := range workorder.States {
		if st.Open() == open {
			out = append(out, st)
		}
	}
	return out
}

// window reads start_date and end_date: at most maxSpan apart, the
// missing end maxSpan from the given one, the last maxSpan by default.
func window(v url.Values, now time.Time, bad map[string]string) (from, to time.Time) {
	start, okS := w3cParam(v, "start_date", bad)
	end, okE := w3cParam(v, "end_date", bad)
	switch {
	case !okS || !okE:
		return time.Time{}, time.Time{}
	case start.IsZero() && end.IsZero():
		return now.Add(-maxSpan), now
	case start.IsZero():
		return end.Add(-maxSpan), end
	case end.IsZero():
		return start, start.Add(maxSpan)
	case end.Before(start):
		bad["end_date"] = "end_date 不能早于 start_date"
	case end.Sub(start) > maxSpan:
		bad["end_date"] = "start_date 与 end_date 相隔不能超过90天"
	}
	return start, end
}

// w3cLayouts are the accepted W3C date-time forms, with or without
// seconds; a date alone is read as China midnight.
var w3cLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"}

// w3cParam reads a W3C date-time parameter; zero when absent, ok false
// when malformed (a time without a time zone is malformed: the spec
// requires one).
func w3cParam(v url.Values, name string, bad map[string]string) (time.Time, bool) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, true
	}
	for _, l := range w3cLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, chinaZone); err == nil {
		return t.UTC(), true
	}
	bad[name] = name + " 应为带时区的 W3C 日期时间，如 2026-03-02T00:00:00+08:00 或 2026-03-01T16:00:00Z"
	return time.Time{}, false
}

// intParam reads an integer parameter within [lo, hi], def when absent.
func intParam(v url.Values, name string, def, lo, hi int, bad map[string]string) int {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		bad[name] = name + " 应为 " + strconv.Itoa(lo) + " 到 " + strconv.Itoa(hi) + " 之间的整数"
		return def
	}
	return n
}

// chinaZone is China Standard Time, for dates given without a time.
var chinaZone = time.FixedZone("CST", 8*60*60)
