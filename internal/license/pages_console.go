package license

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// statusNames are the statuses in Chinese, for filters and badges.
var statusNames = map[Status]string{StatusValid: "有效", StatusSuspended: "暂扣", StatusRevoked: "吊销",
	StatusSuperseded: "历史版本"}

// Name is the status in Chinese.
func (s Status) Name() string { return statusNames[s] }

// consoleListView is the data of the console list.
type consoleListView struct {
	CSS      string
	List     StaffList
	Filter   StaffFilter
	Statuses []Status
	Error    string
	Fields   map[string]string
	Prev     string // links to the neighbouring pages, "" when none
	Next     string
}

// consoleList lists the licences of the staff's departments with the
// filters of the query: status, type_code, identifier, application_id,
// offset.
func (h *Handlers) consoleList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := StaffFilter{Status: Status(q.Get("status")), TypeCode: q.Get("type_code"), Identifier: q.Get("identifier")}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			n = -1
		}
		f.Offset = n
	}
	if v := q.Get("application_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n == 0 {
			n = -1
		}
		f.ApplicationID = n
	}
	v := consoleListView{CSS: stylesheet, Filter: f, Fields: map[string]string{},
		Statuses: []Status{StatusValid, StatusSuspended, StatusRevoked, StatusSuperseded}}
	list, err := h.svc.StaffList(r.Context(), web.ActorFrom(r.Context()), f)
	status := http.StatusOK
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeInvalid {
		v.Error, v.Fields, status = e.Message, e.Fields, web.StatusOf(err)
	} else if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.List = list
	v.Prev, v.Next = pageLinks(f, list.More)
	h.rd.Render(w, r, status, "license/console_list", v)
}

// pageLinks are the list's previous and next page links.
func pageLinks(f StaffFilter, more bool) (prev, next string) {
	link := func(off int) string {
		q := url.Values{}
		for k, v := range map[string]string{"status": string(f.Status), "type_code": f.TypeCode, "identifier": f.Identifier} {
			if v != "" {
				q.Set(k, v)
			}
		}
		if f.ApplicationID > 0 {
			q.Set("application_id", strconv.FormatInt(f.ApplicationID, 10))
		}
		if off > 0 {
			q.Set("offset", strconv.Itoa(off))
		}
		if len(q) == 0 {
			return ConsolePath
		}
		return ConsolePath + "?" + q.Encode()
	}
	if f.Offset > 0 {
		prev = link(max(f.Offset-StaffPageSize, 0))
	}
	if more {
		next = link(f.Offset + StaffPageSize)
	}
	return prev, next
}

// consoleDetailView is the data of one licence in the console.
type consoleDetailView struct {
	CSS    string
	View   StaffView
	Flash  string
	Error  string
	Failed string            // the action whose form the error belongs to
	Fields map[string]string // per-field messages
	Form   map[string]string // what was posted, to show again
	Data   []dataRow         // the change form's rows
	// StatusForms are the status changes the licence's status allows;
	// CanEdit is set when it may be renewed or changed.
	StatusForms []statusForm
	CanEdit     bool
	RenewFrom   string // the renewal form's suggested start: the day after the validity
}

// statusForm is one status change form of the console.
type statusForm struct {
	Action, Title, Hint string
	Danger              bool
}

// statusForms are the status changes allowed from each status.
var statusForms = map[Status][]statusForm{
	StatusValid: {{"suspend", "暂扣", "如：责令停产停业整顿。查验证照的人会看到该原因。", false},
		{"revoke", "吊销（撤销）", "如：告知承诺不实。吊销后不能恢复。", true}},
	StatusSuspended: {{"reinstate", "恢复", "如：整改完成，经复查符合要求。", false},
		{"revoke", "吊销（撤销）", "如：逾期未整改。吊销后不能恢复。", true}},
}

// dataRow is one row of the change form: a data key and its value.
type dataRow struct{ Key, Value string }

// consoleFlashes confirm an action after its redirect.
var consoleFlashes = map[string]string{"suspend": "电子证照已暂扣", "reinstate": "电子证照已恢复",
	"revoke": "电子证照已吊销", "renew": "已生成延续后的新版本，原版本标记为历史版本",
	"change": "已生成变更后的新版本，原版本标记为历史版本"}

// consoleDetail shows one licence with its verification, versions and
// the lifecycle forms its status allows.
func (h *Handlers) consoleDetail(w http.ResponseWriter, r *http.Request) {
	v, err := h.detail(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Flash = consoleFlashes[r.URL.Query().Get("done")]
	h.rd.Render(w, r, http.StatusOK, "license/console_detail", v)
}

// detail loads the licence of the request for the staff.
func (h *Handlers) detail(r *http.Request) (consoleDetailView, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return consoleDetailView{}, err
	}
	sv, err := h.svc.StaffGet(r.Context(), web.ActorFrom(r.Context()), id)
	if err != nil {
		return consoleDetailView{}, err
	}
	st := sv.Licence.State.Status
	v := consoleDetailView{CSS: stylesheet, View: sv, Fields: map[string]string{}, Form: map[string]string{},
		StatusForms: statusForms[st], CanEdit: st == StatusValid}
	if until, err := time.Parse(time.DateOnly, sv.Licence.Meta.ValidUntil); err == nil {
		v.RenewFrom = until.AddDate(0, 0, 1).Format(time.DateOnly)
	}
	for k, val := range sv.Licence.Meta.Data {
		v.Data = append(v.Data, dataRow{k, val})
	}
	sortRows(v.Data)
	return v, nil
}
