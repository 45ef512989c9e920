package workorder

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// boardFilterOf reads the board's filter from the URL.
func boardFilterOf(v url.Values, limit int) BoardFilter {
	off, _ := strconv.Atoi(v.Get("offset"))
	if n, err := strconv.Atoi(v.Get("limit")); err == nil {
		limit = n
	}
	return BoardFilter{Only: v.Get("only"), Limit: limit, Offset: off}
}

// boardView is the data of the board page.
type boardView struct {
	Board Board
	Pager pager
}

func (h *Handlers) boardPage(w http.ResponseWriter, r *http.Request) {
	f := boardFilterOf(r.URL.Query(), 50)
	b, err := h.svc.Board(r.Context(), web.ActorFrom(r.Context()), f)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "workorder/board", boardView{Board: b,
		Pager: newPager(r, Filter{Limit: b.Filter.Limit, Offset: b.Filter.Offset}, List{Items: make([]Summary, len(b.Items)), Total: b.Total})})
}
