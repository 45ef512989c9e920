package credit

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// consolePage is the data of /console/credit. The code searched for is
// never echoed back: the page shows only the masked form.
type consolePage struct {
	CanView, CanLoad bool
	// Department prefills the upload form with the staff's department.
	Department  string
	Dossier     *dossierView
	SearchError string
	Report      *ImportReport
	ImportError string
	Headers     []string
	Kinds       []string
}

// dossierView marks which records and entries count today.
type dossierView struct {
	Dossier
	Records []recordRow
	Lists   []listRow
}

type recordRow struct {
	Record
	Active bool
}

type listRow struct {
	ListEntry
	Active bool
}

// newConsolePage starts the page for the actor, refusing anyone who may
// neither query nor load.
func (h *Handlers) newConsolePage(actor *authz.Actor) (consolePage, error) {
	p := consolePage{CanView: h.svc.MayView(actor), CanLoad: h.svc.MayLoad(actor), Headers: ImportHeaders(), Kinds: Kinds}
	if !p.CanView && !p.CanLoad {
		return p, apperr.Forbidden("信用核查仅供工作人员使用")
	}
	for _, g := range actor.Grants {
		if g.Scope.Kind == authz.ScopeDepartment && actLoad.Allows(g.Role) {
			p.Department = g.Scope.Code
			break
		}
	}
	return p, nil
}

func (h *Handlers) consolePage(w http.ResponseWriter, r *http.Request) {
	p, err := h.newConsolePage(web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "credit/console", p)
}

// consoleSearch looks a subject up by the posted code (POST keeps ID
// numbers out of addresses and browser history).
func (h *Handlers) consoleSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	p, err := h.newConsolePage(actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	d, err := h.svc.Lookup(ctx, actor, f.Value("code"))
	status := http.StatusOK
	switch {
	case apperr.CodeOf(err) == apperr.CodeInvalid:
		p.SearchError, status = messageOf(err), http.StatusUnprocessableEntity
	case err != nil:
		h.rd.Error(w, r, err)
		return
	default:
		p.Dossier = h.svc.view(d)
	}
	h.rd.Render(w, r, status, "credit/console", p)
}

// view marks what counts today.
func (s *Service) view(d Dossier) *dossierView {
	day := s.today()
	v := &dossierView{Dossier: d}
	for _, r := range d.Records {
		v.Records = append(v.Records, recordRow{Record: r, Active: r.Active(day) && r.Severity != Positive})
	}
	for _, e := range d.Lists {
		v.Lists = append(v.Lists, listRow{ListEntry: e, Active: e.Active(day)})
	}
	return v
}

// consoleImport loads an uploaded file for the posted department and
// shows the row report.
func (h *Handlers) consoleImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	p, err := h.newConsolePage(actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if _, err := web.ReadForm(r); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	dept := r.PostFormValue("department")
	file, _, err := r.FormFile("file")
	if err != nil {
		p.ImportError = "请选择要上传的 CSV 或 Excel 文件"
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "credit/console", p)
		return
	}
	defer file.Close()
	p.Department = dept
	p.Report, err = h.svc.ImportRecords(ctx, actor, dept, file)
	status := http.StatusOK
	if err != nil {
		if c := apperr.CodeOf(err); c != apperr.CodeInvalid && c != apperr.CodeConflict {
			h.rd.Error(w, r, err)
			return
		}
		p.ImportError, status = messageOf(err), http.StatusUnprocessableEntity
	}
	h.rd.Render(w, r, status, "credit/console", p)
}

// messageOf is the Chinese message of an application error.
func messageOf(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	return "操作失败"
}
