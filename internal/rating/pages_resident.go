package rating

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// myRatingPage is the data of the resident rating page.
type myRatingPage struct {
	Rating  Rating
	Levels  []Level
	Good    []string
	Bad     []string
	Input   Input
	Error   string
	Fields  map[string]string
	Flash   string
	Action  string
	MaxText int
}

func (h *Handlers) myList(w http.ResponseWriter, r *http.Request) {
	rs, err := h.svc.Mine(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "rating/mine", rs)
}

func (h *Handlers) myRating(w http.ResponseWriter, r *http.Request) {
	p, err := h.ratingPage(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if r.URL.Query().Get("done") == "1" && p.Rating.Rated() {
		p.Flash = "感谢您的评价！"
	}
	h.rd.Render(w, r, http.StatusOK, "rating/rate", p)
}

func (h *Handlers) myRate(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	in := Input{Tags: r.PostForm["tags"], Comment: f.Value("comment")}
	if f.Value("level") != "" {
		in.Level = Level(f.Int("level", "评价等级", 1, 5, true))
	}
	kind, id, err := caseOf(r)
	if err == nil {
		_, err = h.svc.Rate(r.Context(), web.ActorFrom(r.Context()), kind, id, in)
	}
	if err == nil {
		http.Redirect(w, r, RatePath(kind, id)+"?done=1", http.StatusSeeOther)
		return
	}
	e, ok := apperr.As(err)
	if !ok || (e.Code != apperr.CodeInvalid && e.Code != apperr.CodeConflict) {
		h.rd.Error(w, r, err)
		return
	}
	p, perr := h.ratingPage(r)
	if perr != nil {
		h.rd.Error(w, r, perr)
		return
	}
	p.Input, p.Error, p.Fields = in, e.Message, e.Fields
	h.rd.Render(w, r, web.StatusOf(err), "rating/rate", p)
}

// ratingPage loads the case of the request for its rater.
func (h *Handlers) ratingPage(r *http.Request) (myRatingPage, error) {
	kind, id, err := caseOf(r)
	if err != nil {
		return myRatingPage{}, err
	}
	rt, err := h.svc.Get(r.Context(), web.ActorFrom(r.Context()), kind, id)
	if err != nil {
		return myRatingPage{}, err
	}
	return myRatingPage{Rating: rt, Levels: Levels, Good: goodTags, Bad: badTags, Action: RatePath(kind, id),
		MaxText: MaxComment, Fields: map[string]string{}}, nil
}
