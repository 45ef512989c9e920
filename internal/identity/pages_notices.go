package identity

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// NoticesPath is the page of a person's in-app messages.
const NoticesPath = "/my/notices"

// noticesPage is the data of "我的消息".
type noticesPage struct {
	Notices []Notice
	Unread  int64 // messages newer than this id were unread when the page opened
	More    int64 // the id to page on from, 0 when this is the last page
}

// notices lists the actor's messages and marks those shown read; the ones
// unread until now stay highlighted on this view.
func (h *Handlers) notices(w http.ResponseWriter, r *http.Request) {
	ctx, a := r.Context(), web.ActorFrom(r.Context())
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	list, err := h.svc.Notices(ctx, a, before, pageOfNotices)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := noticesPage{Notices: list, Unread: -1}
	for _, n := range list {
		if n.ReadAt == nil {
			p.Unread = max(p.Unread, n.ID)
		}
	}
	if len(list) == pageOfNotices {
		p.More = list[len(list)-1].ID
	}
	if p.Unread > 0 {
		if err := h.svc.MarkNoticesRead(ctx, a, p.Unread); err != nil {
			h.rd.Error(w, r, err)
			return
		}
	}
	page := "identity/notices"
	if a.Kind == authz.KindStaff {
		page = "identity/notices_staff"
	}
	h.rd.Render(w, r, http.StatusOK, page, p)
}

// pageOfNotices is how many messages one page shows.
const pageOfNotices = 30
