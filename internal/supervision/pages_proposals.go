package supervision

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// licencesByApplication lists an application's licences in the licence
// console (its application_id filter); the licence module owns the page.
const licencesByApplication = "/console/licences?application_id="

// proposalsView is the data of the proposal list.
type proposalsView struct {
	List       ProposalList
	Prev, Next string // neighbouring pages, "" when none
}

// proposalView is the data of one proposal with its decision form.
type proposalView struct {
	P        ProposalView
	Licences string // the application's licences in the licence console
	Flash    string
	Error    string
	Errors   map[string]string
	Values   map[string]string
}

// proposalFlashes confirm a decision after its redirect.
var proposalFlashes = map[string]string{DecisionRevoke: "已决定吊销许可，相关电子证照已吊销，已通知检查人员和申请人",
	DecisionReject: "已决定不予吊销，已通知检查人员和申请人"}

func (h *Handlers) proposalsPage(w http.ResponseWriter, r *http.Request) {
	offset := 0
	if v := r.URL.Query().Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			n = -1
		}
		offset = n
	}
	list, err := h.svc.Proposals(r.Context(), web.ActorFrom(r.Context()), offset)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v := proposalsView{List: list}
	if offset > 0 {
		v.Prev = proposalsPage(max(offset-ProposalPageSize, 0))
	}
	if list.More {
		v.Next = proposalsPage(offset + ProposalPageSize)
	}
	h.rd.Render(w, r, http.StatusOK, "supervision/proposals", v)
}

// proposalsPage is the link to the list from offset.
func proposalsPage(offset int) string {
	if offset == 0 {
		return ProposalsPath
	}
	return ProposalsPath + "?" + url.Values{"offset": {strconv.Itoa(offset)}}.Encode()
}

// proposalOfRequest reads the proposal of the path for the actor.
func (h *Handlers) proposalOfRequest(r *http.Request) (proposalView, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return proposalView{}, errNoProposal
	}
	p, err := h.svc.GetProposal(r.Context(), web.ActorFrom(r.Context()), id)
	if err != nil {
		return proposalView{}, err
	}
	v := proposalView{P: p, Errors: map[string]string{}, Values: map[string]string{}}
	if p.MayDecide {
		v.Licences = licencesByApplication + strconv.FormatInt(p.ApplicationID, 10)
	}
	return v, nil
}

func (h *Handlers) proposalPage(w http.ResponseWriter, r *http.Request) {
	v, err := h.proposalOfRequest(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Flash = proposalFlashes[r.URL.Query().Get("done")]
	h.rd.Render(w, r, http.StatusOK, "supervision/proposal", v)
}

// proposalPost decides a proposal; a refused decision shows the page
// again with the reason, naming the field when there is one.
func (h *Handlers) proposalPost(w http.ResponseWriter, r *http.Request) {
	v, err := h.proposalOfRequest(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	in := DecisionInput{Decision: f.Value("decision"), Reason: f.Value("reason")}
	v.Values["decision"], v.Values["reason"] = in.Decision, in.Reason
	_, err = h.svc.DecideProposal(r.Context(), web.ActorFrom(r.Context()), v.P.ID, in)
	if err == nil {
		http.Redirect(w, r, ProposalsPath+"/"+strconv.FormatInt(v.P.ID, 10)+"?done="+in.Decision, http.StatusSeeOther)
		return
	}
	e, ok := apperr.As(err)
	switch {
	case ok && e.Code == apperr.CodeInvalid && len(e.Fields) > 0:
		v.Errors = e.Fields
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "supervision/proposal", v)
	case ok && e.Code != apperr.CodeInternal:
		// Decided meanwhile, the licences refused: the page as it is now.
		if fresh, ferr := h.proposalOfRequest(r); ferr == nil {
			fresh.Values = v.Values
			v = fresh
		}
		v.Error = e.Message
		h.rd.Render(w, r, web.StatusOf(err), "supervision/proposal", v)
	default:
		h.rd.Error(w, r, err)
	}
}
