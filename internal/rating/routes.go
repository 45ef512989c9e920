package rating

import (
	"context"
	"embed"
	"io/fs"
	"slices"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

//go:embed all:templates
var templateFiles embed.FS

// Templates holds the module's pages, named "rating/…".
var Templates fs.FS = web.SubFS(templateFiles, "templates")

// Handlers serves the rating pages and JSON API.
type Handlers struct {
	svc        *Service
	rd         *web.Renderer
	district   string
	staffNames StaffNames
}

// StaffNames names staff accounts for the console (who called back, who
// submitted, who reviewed); ids it does not know are shown as numbers.
type StaffNames func(ctx context.Context, ids []int64) map[int64]string

// Option configures the handlers.
type Option func(*Handlers)

// WithStaffNames shows staff by name on the console.
func WithStaffNames(f StaffNames) Option { return func(h *Handlers) { h.staffNames = f } }

// NewHandlers returns the module's handlers; district is the tenant whose
// statistics the public page shows.
func NewHandlers(svc *Service, rd *web.Renderer, district string, opts ...Option) *Handlers {
	h := &Handlers{svc: svc, rd: rd, district: district}
	for _, o := range opts {
		o(h)
	}
	return h
}

// people names the staff of a case.
func (h *Handlers) people(ctx context.Context, x Rectification) map[int64]string {
	ids := []int64{x.SubmittedBy, x.ReviewedBy}
	for _, c := range x.Callbacks {
		ids = append(ids, c.CalledBy)
	}
	out := map[int64]string{}
	if h.staffNames != nil {
		for id, n := range h.staffNames(ctx, ids) {
			out[id] = n
		}
	}
	for _, id := range ids {
		if out[id] == "" && id != 0 {
			out[id] = "工作人员 #" + strconv.FormatInt(id, 10)
		}
	}
	return out
}

// Register adds the pages and API operations to the router.
func (h *Handlers) Register(rt *web.Router) {
	rt.Page("GET "+StatsPath, h.publicPage)
	rt.Page("GET "+MyRatingsPath, h.myList, web.SignedIn)
	rt.Page("GET "+MyRatingsPath+"/{kind}/{id}", h.myRating, web.SignedIn)
	rt.Page("POST "+MyRatingsPath+"/{kind}/{id}", h.myRate, web.SignedIn)
	rt.Page("GET "+ConsolePath, h.consoleList, web.SignedIn)
	rt.Page("GET "+ConsolePath+"/{id}", h.consoleCase, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/{id}/callbacks", h.consoleCallback, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/{id}/submit", h.consoleSubmit, web.SignedIn)
	rt.Page("POST "+ConsolePath+"/{id}/review", h.consoleReview, web.SignedIn)
	h.registerAPI(rt)
}

// Paths of the module's pages.
const (
	StatsPath     = "/ratings"         // public statistics
	MyRatingsPath = "/my/ratings"      // the resident's invitations
	ConsolePath   = "/console/ratings" // rectification cases
)

// RatePath is the resident page rating one case, for links from the
// application tracking page.
func RatePath(kind CaseKind, id int64) string {
	return MyRatingsPath + "/" + string(kind) + "/" + strconv.FormatInt(id, 10)
}

// Nav returns the console entry for the staff who handle or review cases.
func Nav() []web.NavItem {
	return []web.NavItem{{Shell: web.ShellConsole, Label: "差评整改", Href: ConsolePath,
		Hint: "好差评中的差评：回访、整改和审核", Roles: append(slices.Clone(actView.Roles), actTeam.Roles...), Order: 65}}
}

// MayRate reports whether the actor rates cases (residents, enterprise users).
func (s *Service) MayRate(actor *authz.Actor) bool { return actor.May(actRate, selfOf(actor)) }
