package app

import (
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/portal"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
	"github.com/shanzhi-gov/shanzhi/internal/supervision"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
	"github.com/shanzhi-gov/shanzhi/internal/workorder/open311"
)

// module is what each domain module hands the wiring for the web.
type module struct {
	templates fs.FS
	nav       []web.NavItem
	register  func(rt *web.Router, rd *web.Renderer)
}

// modules lists the web side of every module, in navigation order.
func (a *App) modules() []module {
	return []module{
		{portal.Templates, portal.Nav(), func(rt *web.Router, rd *web.Renderer) {
			portal.NewHandlers(rd, a.districtName()).Register(rt)
		}},
		{identity.Templates, identity.Nav(), func(rt *web.Router, rd *web.Renderer) {
			opts := []identity.Option{identity.WithUnitNames(a.unitName)}
			if a.Cfg.Demo {
				opts = append(opts, identity.WithDemoSMSNote())
			}
			identity.NewHandlers(a.Identity, rd, a.Cfg.District, opts...).Register(rt)
		}},
		{catalog.Templates, catalog.Nav(), func(rt *web.Router, rd *web.Renderer) {
			catalog.NewHandlers(a.Catalog, rd, a.Cfg.District,
				catalog.WithPlaces(catalogPlaces{org: a.Org, district: a.Cfg.District}),
				catalog.WithStaffNames(a.staffNames)).Register(rt)
		}},
		{org.Templates, org.Nav(), func(rt *web.Router, rd *web.Renderer) {
			org.NewHandlers(a.Org, rd, a.Cfg.District, a.staffNames).Register(rt)
		}},
		{credit.Templates, credit.Nav(), func(rt *web.Router, rd *web.Renderer) {
			credit.NewHandlers(a.Credit, rd).Register(rt)
		}},
		{rating.Templates, rating.Nav(), func(rt *web.Router, rd *web.Renderer) {
			rating.NewHandlers(a.Rating, rd, a.Cfg.District, rating.WithStaffNames(a.staffNames)).Register(rt)
		}},
		{supervision.Templates, supervision.Nav(), func(rt *web.Router, rd *web.Renderer) {
			supervision.NewHandlers(a.Supervision, rd).Register(rt)
		}},
		{workorder.Templates, append(workorder.Nav(), workorder.ClockNav()...), func(rt *web.Router, rd *web.Renderer) {
			workorder.NewHandlers(a.WorkOrders, rd, a.Cfg.District).Register(rt)
			workorder.NewClockHandlers(a.WorkOrderClocks, rd).Register(rt)
			open311.NewHandlers(a.WorkOrders, a.Cfg.District, open311.WithBaseURL(a.Cfg.PublicURL)).Register(rt)
		}},
		{delivery.Templates, delivery.Nav(), func(rt *web.Router, rd *web.Renderer) {
			delivery.NewHandlers(a.Delivery, rd).Register(rt)
		}},
		{license.Templates, license.Nav(), func(rt *web.Router, rd *web.Renderer) {
			license.NewHandlers(a.License, rd).Register(rt)
		}},
		{approval.Templates, approval.Nav(), func(rt *web.Router, rd *web.Renderer) {
			verify.NewHandlers(a.Verify).Register(rt)
			seal.NewHandlers(a.Seal, a.Cfg.District).Register(rt)
			approval.NewHandlers(a.Approval, rd, a.Cfg.District, approval.WithStaffNames(a.staffNames)).Register(rt)
		}},
	}
}

// Router builds the site: renderer, router, every module's routes.
func (a *App) Router(version string) (*web.Router, error) {
	mods := a.modules()
	fsys := make([]fs.FS, 0, len(mods))
	for _, m := range mods {
		if m.templates != nil {
			fsys = append(fsys, m.templates)
		}
	}
	rd, err := web.NewRenderer(fsys...)
	if err != nil {
		return nil, fmt.Errorf("app: templates: %w", err)
	}
	rd.Site = a.districtName() + " · 善治"
	for _, m := range mods {
		rd.AddNav(m.nav...)
	}
	secret, err := base64.StdEncoding.DecodeString(a.Cfg.Secret)
	if err != nil {
		return nil, fmt.Errorf("app: SHANZHI_SECRET must be base64: %w", err)
	}
	rt, err := web.New(web.Config{
		DB: a.DB, Renderer: rd, Metrics: a.Metrics, Sessions: a.Identity.WebSessions(),
		APIKeys: a.WorkOrders, CSRFKey: secret, InsecureCookies: a.Cfg.InsecureCookies, Logger: a.Log, Version: version,
	})
	if err != nil {
		return nil, err
	}
	for _, m := range mods {
		m.register(rt, rd)
	}
	return rt, nil
}

// districtName is the tenant's name for titles, e.g. 栖霞区.
func (a *App) districtName() string {
	if d, err := a.Org.GetDistrict(context.Background(), nil, a.Cfg.District); err == nil {
		return d.Name
	}
	return a.Cfg.District
}

// staffNames lets organisation pages show people by name; a failed lookup
// shows account ids instead of failing the page.
func (a *App) staffNames(ctx context.Context, ids []int64) map[int64]string {
	names, err := a.Identity.DisplayNames(ctx, a.Cfg.District, ids)
	if err != nil {
		a.Log.Warn("app: display names", "error", err)
		return nil
	}
	return names
}

// unitName names an organisation unit by code for identity's pages; an
// unknown code shows as the code itself.
func (a *App) unitName(ctx context.Context, code string) string {
	name, err := a.Org.UnitName(ctx, authz.System(a.Cfg.District), code)
	if err != nil {
		return ""
	}
	return name
}
