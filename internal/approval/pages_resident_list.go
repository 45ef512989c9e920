package approval

import (
	"net/http"
	"net/url"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// rListRow is one application in the applicant's list, with its next step.
type rListRow struct {
	Summary
	Href, Next, Days string
	Urgent           bool
}

// rListView is the data of the list page.
type rListView struct {
	rResidentPage
	Rows []rListRow
}

// myList lists the applicant's applications, newest first.
func (h *Handlers) myList(w http.ResponseWriter, r *http.Request) {
	rows, err := h.svc.Mine(r.Context(), rActorOf(r), Page{Limit: MaxLimit})
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	v := rListView{rResidentPage: rAssets}
	for _, s := range rows {
		v.Rows = append(v.Rows, rRowOf(s))
	}
	h.rRender(w, r, http.StatusOK, "r_list", v)
}

// rRowOf says where a listed application stands and what to do next.
func rRowOf(s Summary) rListRow {
	row := rListRow{Summary: s, Href: rAppPath(s.ID, "", nil), Next: "查看进度", Days: rDaysText(s.State, s.DaysLeft, s.Standing)}
	switch s.State {
	case StateDraft:
		row.Href, row.Next = rAppPath(s.ID, "edit", nil), "继续填写"
	case StateReturned:
		row.Next, row.Urgent = "待补正", true
	case StateSuspended:
		row.Next, row.Urgent = "待补正", true
	}
	return row
}

// rDaysText says the time left in words: working days, 即办 or 办结.
func rDaysText(st State, days int, standing Standing) string {
	switch {
	case st.Final():
		return "办结"
	case standing == StandingInstant:
		return "即办"
	case st == StateSubmitted || st == StateAccepted:
		if days < 0 {
			return "已超期" + rItoa(-days) + "个工作日"
		}
		return "剩余" + rItoa(days) + "个工作日"
	case st == StateSuspended:
		return "中止计时"
	}
	return ""
}

// rNewView is the page that confirms starting an application.
type rNewView struct {
	rResidentPage
	Item       catalog.Item
	Code       string
	WithBundle bool
	Bundle     []string
	Alert      string
}

// myNew confirms the item before starting (the guide's link, and where
// sign-in returns to).
func (h *Handlers) myNew(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("item")
	if code == "" || len(code) > 40 {
		h.rFail(w, r, apperr.NotFound("事项不存在"))
		return
	}
	v, err := h.svc.Catalog.Get(r.Context(), code)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	nv := rNewView{rResidentPage: rAssets, Item: v.Item, Code: code, WithBundle: r.URL.Query().Get("bundle") == "1"}
	for _, b := range v.Item.Bundle {
		if bv, err := h.svc.Catalog.Get(r.Context(), b); err == nil {
			nv.Bundle = append(nv.Bundle, bv.Item.Name)
		}
	}
	if !v.Item.Online {
		nv.Alert = "该事项暂不支持网上申请，请到办事网点办理"
	}
	h.rRender(w, r, http.StatusOK, "r_new", nv)
}

// myCreate starts an application (POST from the guide or the confirm
// page: item, bundle) and opens its form. Anonymous visitors sign in
// first and come back to the confirm page.
func (h *Handlers) myCreate(w http.ResponseWriter, r *http.Request) {
	f, err := rReadForm(r)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	code, bundle := f.Value("item"), f.Value("bundle") == "1"
	if rActorOf(r) == nil {
		q := url.Values{"item": {code}}
		if bundle {
			q.Set("bundle", "1")
		}
		rSee(w, r, web.LoginPath+"?next="+url.QueryEscape(NewApplicationPath+"?"+q.Encode()))
		return
	}
	if code == "" || len(code) > 40 {
		h.rFail(w, r, apperr.Invalid("item", "请选择要申请的事项"))
		return
	}
	filed, err := h.svc.CreateDraft(r.Context(), rActorOf(r), code, bundle)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	rSee(w, r, rAppPath(filed.ID, "edit", nil))
}
