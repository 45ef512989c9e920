package workorder

import (
	"slices"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The actions of the measures.
var (
	// actMeasures reads the measures (响应率, 解决率, 满意率, 按时办结率,
	// 平均处理时长) of the places in one's scope, and exports them.
	actMeasures = authz.Define("workorder.measure.view", "查看和导出工单统计", authz.RoleLeader, authz.RoleAdmin)
	// actRecompute rebuilds every measures row from the events.
	actRecompute = authz.Define("workorder.measure.recompute", "从工单事件重新计算统计", authz.RoleAdmin)
)

// Dimension is what the measures are grouped by.
type Dimension string

// The dimensions: a place or unit, the category, or a period of filing.
const (
	ByUnit      Dimension = "unit"
	ByCommunity Dimension = "community"
	ByStreet    Dimension = "street"
	ByCategory  Dimension = "category"
	ByDay       Dimension = "day"
	ByWeek      Dimension = "week"
	ByMonth     Dimension = "month"
)

var dimensionNames = map[Dimension]string{ByUnit: "承办单位", ByCommunity: "社区", ByStreet: "街道",
	ByCategory: "分类", ByDay: "日", ByWeek: "周", ByMonth: "月"}

// Dimensions lists the dimensions in the page's order.
var Dimensions = []Dimension{ByStreet, ByCommunity, ByUnit, ByCategory, ByMonth, ByWeek, ByDay}

// Name is the dimension's Chinese name.
func (d Dimension) Name() string { return nameOr(dimensionNames, d) }

// column is the measures column the dimension groups by.
func (d Dimension) column() string {
	return map[Dimension]string{ByUnit: "unit", ByCommunity: "community_code", ByStreet: "street_code",
		ByCategory: "category_code", ByDay: "filed_day", ByWeek: "filed_week", ByMonth: "filed_month"}[d]
}

// period reports whether the dimension is a period (rows in time order).
func (d Dimension) period() bool { return d == ByDay || d == ByWeek || d == ByMonth }

// MeasureQuery selects and groups the measures. From and To are China
// dates (yyyy-mm-dd, both included) of filing; the filters narrow to one
// street, community, category (a group takes its leaves) or unit (as
// events write it, kind:code).
type MeasureQuery struct {
	By        Dimension `json:"by"`
	From      string    `json:"from"`
	To        string    `json:"to"`
	Street    string    `json:"street,omitempty"`
	Community string    `json:"community,omitempty"`
	Category  string    `json:"category,omitempty"`
	Unit      string    `json:"unit,omitempty"`
}

// maxMeasureDays bounds a query's period: a year and a day.
const maxMeasureDays = 366

// normalise fills the defaults (by street, the last 30 days up to today)
// and checks the query, naming every bad field.
func (q *MeasureQuery) normalise(now time.Time) (from, to time.Time, err error) {
	v := newViolations()
	if q.By == "" {
		q.By = ByStreet
	}
	if !slices.Contains(Dimensions, q.By) {
		v.add("by", ReasonInvalid, "统计维度应为 street、community、unit、category、month、week 或 day")
	}
	today := now.In(chinaZone)
	if q.To == "" {
		q.To = today.Format(time.DateOnly)
	}
	if q.From == "" {
		q.From = today.AddDate(0, 0, -29).Format(time.DateOnly)
	}
	from, errFrom := time.ParseInLocation(time.DateOnly, q.From, chinaZone)
	to, errTo := time.ParseInLocation(time.DateOnly, q.To, chinaZone)
	switch {
	case errFrom != nil:
		v.add("from", ReasonInvalid, "开始日期应为 2026-03-01 这样的日期")
	case errTo != nil:
		v.add("to", ReasonInvalid, "结束日期应为 2026-03-31 这样的日期")
	case to.Before(from):
		v.add("to", ReasonInvalid, "结束日期不能早于开始日期")
	case to.Sub(from) >= maxMeasureDays*24*time.Hour:
		v.add("from", ReasonInvalid, "统计区间不能超过一年")
	}
	return from, to, v.err()
}

// MeasureRow is the measures of one group (or of all, the total row).
// Counts are of orders filed in the period; the rates and averages are
// nil when nothing was there to measure. See the "Measures" section of
// docs/workorder-design.md for the definitions.
type MeasureRow struct {
	Key        string `json:"key"`
	Name       string `json:"name"`
	Received   int    `json:"received"`  // 受理量: orders filed
	Counted    int    `json:"counted"`   // 有效诉求: less merged duplicates and cancelled requests
	Responded  int    `json:"responded"` // 已响应
	Resolved   int    `json:"resolved"`  // 已办结: counted orders with an outcome
	Fixed      int    `json:"fixed"`     // 已解决
	NotFixed   int    `json:"not_fixed"` // 未解决
	NotOurs    int    `json:"not_ours"`  // 非本区职责
	Referred   int    `json:"referred"`  // 已转交
	OnTime     int    `json:"on_time"`   // 按时办结
	Late       int    `json:"late"`      // 超时办结
	Overdue    int    `json:"overdue"`   // 逾期未办结 (open, past the deadline, now)
	Answered   int    `json:"answered"`  // 回访作答
	Satisfied  int    `json:"satisfied"` // 满意和非常满意
	respSecs   int64  // sum of the response times
	handleSecs int64  // sum of the handling times

	ResponseRate     *float64 `json:"response_rate"`      // Responded / Counted
	ResolutionRate   *float64 `json:"resolution_rate"`    // Fixed / (Fixed + NotFixed)
	SatisfactionRate *float64 `json:"satisfaction_rate"`  // Satisfied / Answered
	OnTimeRate       *float64 `json:"on_time_rate"`       // OnTime / (OnTime + Late + Overdue)
	AvgResponseHours *float64 `json:"avg_response_hours"` // over Responded
	AvgHandlingHours *float64 `json:"avg_handling_hours"` // over Resolved, parked time left out
}

// Measures is the answer to a MeasureQuery: one row per group, and the
// total over all of them.
type Measures struct {
	Query MeasureQuery `json:"query"`
	// AsOf is the time open orders were judged overdue at.
	AsOf  time.Time    `json:"as_of"`
	Rows  []MeasureRow `json:"rows"`
	Total MeasureRow   `json:"total"`
}

// add adds o's counts to r.
func (r *MeasureRow) add(o MeasureRow) {
	r.Received, r.Counted, r.Responded, r.Resolved = r.Received+o.Received, r.Counted+o.Counted,
		r.Responded+o.Responded, r.Resolved+o.Resolved
	r.Fixed, r.NotFixed, r.NotOurs, r.Referred = r.Fixed+o.Fixed, r.NotFixed+o.NotFixed, r.NotOurs+o.NotOurs,
		r.Referred+o.Referred
	r.OnTime, r.Late, r.Overdue = r.OnTime+o.OnTime, r.Late+o.Late, r.Overdue+o.Overdue
	r.Answered, r.Satisfied = r.Answered+o.Answered, r.Satisfied+o.Satisfied
	r.respSecs, r.handleSecs = r.respSecs+o.respSecs, r.handleSecs+o.handleSecs
}

// rate computes the rates and averages from the counts.
func (r *MeasureRow) rate() {
	ratio := func(n, d int) *float64 {
		if d == 0 {
			return nil
		}
		v := float64(n) / float64(d)
		return &v
	}
	hours := func(secs int64, n int) *float64 {
		if n == 0 {
			return nil
		}
		v := float64(secs) / float64(n) / 3600
		return &v
	}
	r.ResponseRate = ratio(r.Responded, r.Counted)
	r.ResolutionRate = ratio(r.Fixed, r.Fixed+r.NotFixed)
	r.SatisfactionRate = ratio(r.Satisfied, r.Answered)
	r.OnTimeRate = ratio(r.OnTime, r.OnTime+r.Late+r.Overdue)
	r.AvgResponseHours = hours(r.respSecs, r.Responded)
	r.AvgHandlingHours = hours(r.handleSecs, r.Resolved)
}

// errMeasureScope refuses a filter outside the viewer's scope.
func errMeasureScope(field string) error {
	return apperr.Forbidden("您无权查看该" + map[string]string{"street": "街道", "community": "社区"}[field] + "的工单统计")
}

// Percent writes a rate for people: "87.5%", "—" when not measured.
func (r MeasureRow) Percent(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(*p*100, 'f', 1, 64) + "%"
}

// Hours writes an average duration in hours: "5.3", "—" when not measured.
func (r MeasureRow) Hours(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(*p, 'f', 1, 64)
}
