package approval

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// rAgencyRow is one agent request as the applicant sees it.
type rAgencyRow struct {
	Agency
	ItemName, Status, Href string
	AgentName              string // the named agent, when the lookup knows them
}

// rAgentsView is the data of the agent (代办) pages.
type rAgentsView struct {
	rResidentPage
	Rows      []rAgencyRow
	Item      string // the item a new request is for (?item=)
	ItemName  string
	Note      string
	NoteError string
	Alert     string
	Flash     string
	One       *rAgencyRow
	Verify    rVerifyView
}

// rAgentPath is an agent request's page.
func rAgentPath(id int64) string { return MyAgentsPath + "/" + strconv.FormatInt(id, 10) }

// myAgents lists the applicant's agent requests and, for ?item=, the form
// to ask for an agent for that item.
func (h *Handlers) myAgents(w http.ResponseWriter, r *http.Request) {
	v, err := h.rAgentsOf(r, r.URL.Query().Get("item"))
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	h.rRender(w, r, http.StatusOK, "r_agents", v)
}

// rAgentsOf loads the list and the item of a new request.
func (h *Handlers) rAgentsOf(r *http.Request, item string) (rAgentsView, error) {
	ctx, actor := r.Context(), rActorOf(r)
	if err := authz.Check(actor, actApply, self(actor)); err != nil {
		return rAgentsView{}, err
	}
	ags, err := h.svc.Agencies(ctx, actor)
	if err != nil {
		return rAgentsView{}, err
	}
	v := rAgentsView{rResidentPage: rAssets}
	for _, ag := range ags {
		v.Rows = append(v.Rows, h.rAgencyRowOf(r, ag))
	}
	if item != "" && len(item) <= 40 {
		if it, err := h.svc.Catalog.Get(ctx, item); err == nil && it.Item.Agent {
			v.Item, v.ItemName = item, it.Item.Name
		}
	}
	return v, nil
}

// rAgencyRowOf names an agent request's item and where it stands.
func (h *Handlers) rAgencyRowOf(r *http.Request, ag Agency) rAgencyRow {
	row := rAgencyRow{Agency: ag, ItemName: ag.ItemCode, Href: rAgentPath(ag.ID), AgentName: h.staffName(r.Context(), ag.AgentID)}
	if it, err := h.svc.Catalog.Get(r.Context(), ag.ItemCode); err == nil {
		row.ItemName = it.Item.Name
	}
	switch {
	case !ag.RevokedAt.IsZero():
		row.Status = "已撤销授权"
	case !ag.GrantedAt.IsZero():
		row.Status = "已授权代办员办理"
	case ag.AgentID != 0:
		row.Status = "已指定代办员，待您授权"
	default:
		row.Status = "等待指定代办员"
	}
	return row
}

// myAgentRequest asks for an agent for an item.
func (h *Handlers) myAgentRequest(w http.ResponseWriter, r *http.Request) {
	item, note := r.PostFormValue("item"), r.PostFormValue("note")
	ag, err := h.svc.RequestAgent(r.Context(), rActorOf(r), item, note)
	if err == nil {
		rSee(w, r, rAgentPath(ag.ID)+"?requested=1")
		return
	}
	if !rShown(err) {
		h.rFail(w, r, err)
		return
	}
	v, err2 := h.rAgentsOf(r, item)
	if err2 != nil {
		h.rFail(w, r, err2)
		return
	}
	fields, msg := rFieldsOf(err)
	v.Note, v.NoteError, v.Alert = strings.TrimSpace(note), fields["note"], msg
	h.rRender(w, r, web.StatusOf(err), "r_agents", v)
}

// rOwnAgency loads one of the actor's own agent requests.
func (h *Handlers) rOwnAgency(r *http.Request) (Agency, error) {
	id, err := rIdOf(r)
	if err != nil {
		return Agency{}, err
	}
	actor := rActorOf(r)
	if err := authz.Check(actor, actApply, self(actor)); err != nil {
		return Agency{}, err
	}
	ag, err := loadAgency(r.Context(), h.svc.DB, id, "")
	if err != nil || ag.ApplicantID != actor.AccountID {
		return Agency{}, apperr.NotFound("代办申请不存在")
	}
	return ag, nil
}

// rAgencyPurpose names the identity verification of an authorisation.
func rAgencyPurpose(id int64) string { return fmt.Sprintf("agency:%d", id) }

// myAgent shows one agent request: who the agent is, the authorisation
// with its carrier check (?v=), and revocation.
func (h *Handlers) myAgent(w http.ResponseWriter, r *http.Request) {
	ag, err := h.rOwnAgency(r)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	v := h.rAgentOf(r, ag, r.URL.Query().Get("v"))
	switch {
	case r.URL.Query().Get("requested") == "1":
		v.Flash = "代办申请已提交，办事网点将为您指定代办员。"
	case r.URL.Query().Get("authorised") == "1":
		v.Flash = "已签署授权委托书，代办员可以为您办理该事项。"
	case r.URL.Query().Get("revoked") == "1":
		v.Flash = "已撤销授权。"
	}
	h.rRender(w, r, http.StatusOK, "r_agent", v)
}

// rAgentOf builds the page of one agent request.
func (h *Handlers) rAgentOf(r *http.Request, ag Agency, vid string) rAgentsView {
	row := h.rAgencyRowOf(r, ag)
	v := rAgentsView{rResidentPage: rAssets, One: &row}
	v.Verify = h.rVerifyOf(r.Context(), rActorOf(r), rAgentPath(ag.ID), rAgencyPurpose(ag.ID), vid, LevelCarrier)
	return v
}

// myVerifyAgency runs one verification step for an authorisation.
func (h *Handlers) myVerifyAgency(w http.ResponseWriter, r *http.Request) {
	ag, err := h.rOwnAgency(r)
	if err != nil {
		h.rFail(w, r, err)
		return
	}
	vid, err := h.rRunStep(r, rAgencyPurpose(ag.ID))
	if err == nil {
		rSee(w, r, rWithV(rAgentPath(ag.ID), vid))
		return
	}
	if !rShown(err) {
		h.rFail(w, r, err)
		return
	}
	v := h.rAgentOf(r, ag, vid)
	rStepFailed(&v.Verify, r, err)
	h.rRender(w, r, web.StatusOf(err), "r_agent", v)
}

// myAuthorise signs the authorisation letter for the named agent.
func (h *Handlers) myAuthorise(w http.ResponseWriter, r *http.Request) {
	h.rAgencyAct(w, r, "authorised", func(ag Agency) error {
		_, err := h.svc.Authorise(r.Context(), rActorOf(r), ag.ID)
		return err
	})
}

// myRevoke ends an authorisation.
func (h *Handlers) myRevoke(w http.ResponseWriter, r *http.Request) {
	h.rAgencyAct(w, r, "revoked", func(ag Agency) error { return h.svc.Revoke(r.Context(), rActorOf(r), ag.ID) })
}

// rAgencyAct runs an action on an agent request and shows its page.
func (h *Handlers) rAgencyAct(w http.ResponseWriter, r *http.Request, flash string, fn func(Agency) error) {
	ag, err := h.rOwnAgency(r)
	if err == nil {
		err = fn(ag)
	}
	if err == nil {
		rSee(w, r, rAgentPath(ag.ID)+"?"+flash+"=1")
		return
	}
	if !rShown(err) {
		h.rFail(w, r, err)
		return
	}
	v := h.rAgentOf(r, ag, r.PostFormValue("v"))
	v.Alert = rApperrMessage(err)
	h.rRender(w, r, web.StatusOf(err), "r_agent", v)
}
