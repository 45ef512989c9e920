package approval

import (
	"net/http"
	"net/url"
	"sort"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// queueRow is one application of the shared pre-review queue.
type queueRow struct {
	Summary
	DaysText  string
	Standing  string
	Class     string
	Credit    string
	CreditCSS string
	Holder    string
	Mine      bool
}

// queuePage is the data of k_queue.
type queuePage struct {
	Rows    []queueRow
	Items   []option
	Claimed []option
	Flash   *flash
}

// queuePage shows the district's shared queue (区街同权) with the item and
// claim filters; claim and unclaim post back to it.
func (h *Handlers) queuePage(w http.ResponseWriter, r *http.Request) {
	h.renderQueue(w, r, http.StatusOK, flashOf(r))
}

// renderQueue renders the queue with a flash.
func (h *Handlers) renderQueue(w http.ResponseWriter, r *http.Request, status int, fl *flash) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	q := r.URL.Query()
	f := QueueFilter{Item: q.Get("item"), Mine: q.Get("claimed") == "mine", Waiting: q.Get("claimed") == "waiting"}
	rows, err := h.svc.Queue(ctx, actor, f, Page{Limit: MaxLimit})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	all, err := h.svc.Queue(ctx, actor, QueueFilter{}, Page{Limit: MaxLimit})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	ids := make([]int64, len(rows))
	for i, s := range rows {
		ids[i] = s.ClaimedBy
	}
	names, err := h.namesOf(ctx, actor.AccountID, ids)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := queuePage{Flash: fl, Items: itemOptions(all, f.Item), Claimed: claimOptions(q.Get("claimed"))}
	for _, s := range rows {
		p.Rows = append(p.Rows, queueRow{Summary: s, DaysText: prereviewLeft(s.DaysLeft), Standing: standingLabel(s.Standing),
			Class: standingClass(s.Standing), Credit: creditLabel(s.Credit), CreditCSS: creditClass(s.Credit),
			Holder: names.Of(s.ClaimedBy), Mine: s.ClaimedBy == actor.AccountID})
	}
	h.rd.Render(w, r, status, "approval/k_queue", p)
}

// prereviewLeft says how long until an application counts as accepted by
// law (行政许可法 Art. 32).
func prereviewLeft(days int) string {
	switch {
	case days > 0:
		return daysLeftText(days, StandingOnTime)
	case days == 0:
		return "今日到期"
	}
	return "已逾期，依法视为受理"
}

// itemOptions lists the items waiting in the queue, for its filter.
func itemOptions(all []Summary, selected string) []option {
	names := map[string]string{}
	for _, s := range all {
		names[s.ItemCode] = s.ItemName
	}
	if selected != "" && names[selected] == "" {
		names[selected] = selected
	}
	out := make([]option, 0, len(names))
	for code, name := range names {
		out = append(out, option{Value: code, Label: name, Selected: code == selected})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// claimOptions are the choices of the claim filter.
func claimOptions(v string) []option {
	return []option{{"", "全部", v == ""}, {"waiting", "待认领", v == "waiting"}, {"mine", "我认领的", v == "mine"}}
}

// queueClaim claims an application from the queue and opens it.
func (h *Handlers) queueClaim(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r, "id")
	if err == nil {
		_, err = h.svc.Claim(r.Context(), web.ActorFrom(r.Context()), id)
	}
	if err != nil {
		h.queueRefused(w, r, err)
		return
	}
	redirectApp(w, r, id, "claimed")
}

// queueUnclaim hands an application back and returns to the queue.
func (h *Handlers) queueUnclaim(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r, "id")
	if err == nil {
		err = h.svc.Unclaim(r.Context(), web.ActorFrom(r.Context()), id)
	}
	if err != nil {
		h.queueRefused(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/prereview?done=unclaimed", http.StatusSeeOther)
}

// queueRefused shows the queue again with why a claim failed (someone
// else was quicker), or the error page.
func (h *Handlers) queueRefused(w http.ResponseWriter, r *http.Request, err error) {
	fl, _, ok := refusalFlash(err)
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	r.URL.RawQuery = url.Values{}.Encode()
	h.renderQueue(w, r, web.StatusOf(err), fl)
}
