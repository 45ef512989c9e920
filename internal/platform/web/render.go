package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"text/template/parse"
)

// DefaultSite is the site name shown until the wiring sets Renderer.Site.
const DefaultSite = "善治 · 政务服务"

// Paths of the sign-in pages the identity module serves; the layouts and
// the 401 redirect point at them.
const (
	LoginPath        = "/login"
	ConsoleLoginPath = "/console/login"
	LogoutPath       = "/logout"
)

// Renderer renders HTML pages from embedded templates.
//
// Each module hands NewRenderer an fs.FS of templates. Every *.html file in
// it is a page, named by its path without ".html" ("workorder/list"), so a
// module keeps its pages in a folder of its name; files whose name starts
// with "_" are partials parsed into every page of the same FS; an optional
// strings.json at the root adds to the `t` catalogue. Each page is parsed
// as its own set together with the base layouts, so every page may define
// the same block names:
//
//	{{template "console" .}}            (top-level body: the shell; "resident" when omitted, or "bare")
//	{{define "title"}}工单列表{{end}}     (required)
//	{{define "content"}}…{{end}}        (required)
//	{{define "head"}}…{{end}}           (optional: extra tags in <head>, e.g. a page script)
//	{{define "scripts"}}…{{end}}        (optional: end of <body>)
//
// Templates execute with a View: the page's own data is .Data.
type Renderer struct {
	// Site is the name shown in titles and headers; set it before serving.
	Site    string
	pages   map[string]page
	errPage page
	strings map[string]string
	navMu   sync.RWMutex
	nav     []NavItem
}

// page is a parsed page set and the template that starts it.
type page struct {
	set   *template.Template
	entry string
}

// NewRenderer parses the base layouts and every page of fsys.
func NewRenderer(fsys ...fs.FS) (*Renderer, error) {
	rd := &Renderer{Site: DefaultSite, pages: map[string]page{}, strings: map[string]string{}}
	own, err := fs.Sub(assets, "templates")
	if err != nil {
		return nil, fmt.Errorf("web: renderer: %w", err)
	}
	base := template.New("base").Funcs(rd.funcs())
	if base, err = base.ParseFS(own, "layout/*.html"); err != nil {
		return nil, fmt.Errorf("web: renderer: layouts: %w", err)
	}
	if err := rd.addStrings(own); err != nil {
		return nil, err
	}
	if rd.errPage, err = parsePage(base, own, "error.html", nil); err != nil {
		return nil, err
	}
	for _, f := range fsys {
		if err := rd.addStrings(f); err != nil {
			return nil, err
		}
		if err := rd.addPages(base, f); err != nil {
			return nil, err
		}
	}
	return rd, nil
}

// HasPage reports whether a page of that name was parsed.
func (rd *Renderer) HasPage(name string) bool { _, ok := rd.pages[name]; return ok }

func (rd *Renderer) addPages(base *template.Template, f fs.FS) error {
	var pages, partials []string
	err := fs.WalkDir(f, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() || !strings.HasSuffix(p, ".html"):
		case strings.HasPrefix(path.Base(p), "_"):
			partials = append(partials, p)
		default:
			pages = append(pages, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("web: renderer: %w", err)
	}
	if err := uniqueBases(partials); err != nil {
		return err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(p, ".html")
		if _, dup := rd.pages[name]; dup {
			return fmt.Errorf("web: renderer: two template sets have a page %q", name)
		}
		pg, err := parsePage(base, f, p, partials)
		if err != nil {
			return err
		}
		rd.pages[name] = pg
	}
	return nil
}

func uniqueBases(files []string) error {
	seen := map[string]string{}
	for _, p := range files {
		if other, dup := seen[path.Base(p)]; dup {
			return fmt.Errorf("web: renderer: partials %s and %s share a name", other, p)
		}
		seen[path.Base(p)] = p
	}
	return nil
}

// parsePage parses one page with the layouts and partials into its own set.
func parsePage(base *template.Template, f fs.FS, file string, partials []string) (page, error) {
	set, err := base.Clone()
	if err != nil {
		return page{}, fmt.Errorf("web: renderer: %w", err)
	}
	for _, p := range append(slices.Clone(partials), file) {
		if err := parseFile(set, f, p); err != nil {
			return page{}, err
		}
	}
	for _, block := range []string{"title", "content"} {
		if set.Lookup(block) == nil {
			return page{}, fmt.Errorf("web: renderer: page %s must define %q", file, block)
		}
	}
	entry := path.Base(file)
	if blank(set.Lookup(entry)) {
		entry = string(ShellResident)
	}
	return page{set: set, entry: entry}, nil
}

func parseFile(set *template.Template, f fs.FS, p string) error {
	b, err := fs.ReadFile(f, p)
	if err != nil {
		return fmt.Errorf("web: renderer: %w", err)
	}
	if _, err := set.New(path.Base(p)).Parse(string(b)); err != nil {
		return fmt.Errorf("web: renderer: %s: %w", p, err)
	}
	return nil
}

// blank reports whether a template has no top-level output (only defines).
func blank(t *template.Template) bool {
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return true
	}
	for _, n := range t.Tree.Root.Nodes {
		if tn, ok := n.(*parse.TextNode); !ok || strings.TrimSpace(string(tn.Text)) != "" {
			return false
		}
	}
	return true
}

// Render answers the page name with status. data becomes the View's Data,
// unless it is a View (or *View) itself, whose set fields are kept. The page
// is rendered into a buffer first: a template error yields a clean 500 page.
func (rd *Renderer) Render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	pg, ok := rd.pages[name]
	if !ok {
		rd.Error(w, r, fmt.Errorf("web: render: no page %q", name))
		return
	}
	if err := rd.execute(w, pg, rd.view(r, status, data)); err != nil {
		rd.Error(w, r, fmt.Errorf("web: render %s: %w", name, err))
	}
}

// execute renders a page and sends it; nothing is sent when it fails.
func (rd *Renderer) execute(w http.ResponseWriter, pg page, v View) error {
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); bufPool.Put(buf) }()
	if err := pg.set.ExecuteTemplate(buf, pg.entry, v); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages may show personal data: never kept by shared caches or the back button cache.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(v.Status)
	_, _ = w.Write(buf.Bytes())
	return nil
}

// SafeNext returns next when it is a path on this site, "/" otherwise, so a
// login form's ?next= cannot send people to another site.
func SafeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}
