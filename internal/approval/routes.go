package approval

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"slices"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the module's pages, named "approval/…".
var Templates fs.FS = mustSub(templateFiles, "templates")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// Handlers serves the approval pages and API.
type Handlers struct {
	svc        *Service
	rd         *web.Renderer
	district   string
	staffNames StaffNames
}

// StaffNames names staff accounts by id (the identity module knows them);
// a missing name falls back to the name on the application's timeline.
type StaffNames func(ctx context.Context, ids []int64) map[int64]string

// Option configures Handlers.
type Option func(*Handlers)

// WithStaffNames lets the pages name staff: agents, claimants, approvers.
func WithStaffNames(f StaffNames) Option { return func(h *Handlers) { h.staffNames = f } }

// NewHandlers returns the module's handlers.
func NewHandlers(svc *Service, rd *web.Renderer, district string, opts ...Option) *Handlers {
	h := &Handlers{svc: svc, rd: rd, district: district}
	for _, o := range opts {
		o(h)
	}
	return h
}

// staffName names one staff account, "" when unknown.
func (h *Handlers) staffName(ctx context.Context, id int64) string {
	if h.staffNames == nil || id == 0 {
		return ""
	}
	return h.staffNames(ctx, []int64{id})[id]
}

// Nav returns the module's navigation: applicants' own applications, the
// front desks' queue, the approvers' tasks and the time-limit view.
func Nav() []web.NavItem {
	return []web.NavItem{
		{Shell: web.ShellResident, Label: "我的办件", Tab: "办件", Href: "/my/applications", Hint: "申请进度、补正和咨询", Order: 20},
		{Shell: web.ShellConsole, Label: "预审受理", Href: "/console/prereview", Hint: "全区待预审的办件，认领、告知补正、受理",
			Roles: slices.Clone(actPreReview.Roles), Order: 30},
		{Shell: web.ShellConsole, Label: "审批待办", Href: "/console/tasks", Hint: "本部门的审批任务，按剩余时限排序",
			Roles: slices.Clone(actApprove.Roles), Order: 31},
		{Shell: web.ShellConsole, Label: "时限预警", Href: "/console/approval/expiring", Hint: "临期、超期办件，按部门和网点统计",
			Roles: append(slices.Clone(actOversee.Roles), actApprove.Roles...), Order: 32},
	}
}

// Register adds the module's routes.
func (h *Handlers) Register(rt *web.Router) {
	h.registerResidentPages(rt)
	h.registerConsolePages(rt)
	h.registerApplicantAPI(rt)
	h.registerStaffAPI(rt)
	h.registerMessageAPI(rt)
	h.registerDetailAPI(rt)
	h.registerOverviewAPI(rt)
}

// maxBody bounds JSON bodies: a form with tables of staff fits.
const maxBody = 512 << 10

// pathID reads the {id} wildcard.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFound("办件不存在")
	}
	return id, nil
}

// handle decodes a JSON body into In (when In is not struct{}), reads the
// {id}, calls fn and writes its result.
func handle[In any](status int, fn func(r *http.Request, id int64, in In) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var id int64
		if r.PathValue("id") != "" {
			var err error
			if id, err = pathID(r, "id"); err != nil {
				web.WriteError(w, r, err)
				return
			}
		}
		var in In
		if r.Method != http.MethodGet && r.ContentLength != 0 {
			if err := web.DecodeJSON(r, &in, maxBody); err != nil {
				web.WriteError(w, r, err)
				return
			}
		}
		out, err := fn(r, id, in)
		if err != nil {
			web.WriteError(w, r, err)
			return
		}
		web.WriteJSON(w, status, out)
	}
}

// none is the input of operations without a body.
type none struct{}
