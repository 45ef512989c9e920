package workorder

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// The category tree and the dispatch catalogue are both versioned
// documents a district edits as one draft, in JSON, and publishes: their
// pages share the overview's version list, the editor and publishing.

// versioned is a version of such a document (Tree, Catalogue).
type versioned interface {
	isDraft() bool
}

// isDraft reports whether the version is the district's draft.
func (t Tree) isDraft() bool      { return t.State == TreeDraft }
func (c Catalogue) isDraft() bool { return c.State == TreeDraft }

// versionsView is the overview's part common to both documents: every
// version, the draft among them and the version in force. Base is the
// overview's path, under which the draft's forms post.
type versionsView[V versioned] struct {
	Base     string
	Current  *V
	Draft    *V
	Versions []V
	Done     string
}

// readVersions reads the versions, then the version in force: a district
// that has published none has no Current, which is not an error.
func readVersions[V versioned](base string, list func() ([]V, error), current func() (*V, error)) (versionsView[V], error) {
	v := versionsView[V]{Base: base}
	var err error
	if v.Versions, err = list(); err != nil {
		return v, err
	}
	if i := slices.IndexFunc(v.Versions, func(x V) bool { return x.isDraft() }); i >= 0 {
		v.Draft = &v.Versions[i]
	}
	cur, err := current()
	switch {
	case err == nil:
		v.Current = cur
	case apperr.CodeOf(err) != apperr.CodeUnavailable:
		return v, err
	}
	return v, nil
}

// editorView is the data of a JSON editor of a draft.
type editorView[V versioned] struct {
	Draft  *V
	Body   string
	Errors map[string]string
	Paths  []string
}

// draftPages serves a document's editor (base+"/draft") and publishing
// (base+"/publish"): V is a version, C the content the editor shows as
// JSON (the categories, the rules).
type draftPages[V versioned, C any] struct {
	rd       *web.Renderer
	base     string // the overview, where saving and publishing return
	page     string // the editor's template
	maxBytes int    // of the JSON, a whole number of MB
	draft    func(context.Context, *authz.Actor) (*V, error)
	content  func(*V) C
	save     func(context.Context, *authz.Actor, C) (*V, error)
	publish  func(ctx context.Context, actor *authz.Actor, note string) (*V, error)
}

func (p draftPages[V, C]) register(rt *web.Router) {
	rt.Page("GET "+p.base+"/draft", p.editorGet, web.SignedIn)
	rt.Page("POST "+p.base+"/draft", p.editorPost, web.SignedIn)
	rt.Page("POST "+p.base+"/publish", p.publishPost, web.SignedIn)
}

func (p draftPages[V, C]) editorGet(w http.ResponseWriter, r *http.Request) {
	d, err := p.draft(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		p.rd.Error(w, r, err)
		return
	}
	body, _ := json.MarshalIndent(p.content(d), "", "  ")
	p.rd.Render(w, r, http.StatusOK, p.page, editorView[V]{Draft: d, Body: string(body)})
}

// editorPost saves the draft, or shows the editor again with every
// problem, by its path in the JSON.
func (p draftPages[V, C]) editorPost(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	d, err := p.draft(ctx, actor)
	var f *web.Form
	if err == nil {
		f, err = web.ReadForm(r)
	}
	if err != nil {
		p.rd.Error(w, r, err)
		return
	}
	v := editorView[V]{Draft: d, Body: f.Value("body"), Errors: map[string]string{}}
	var c C
	if err = p.decode(v.Body, &c); err == nil {
		_, err = p.save(ctx, actor, c)
	}
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeInvalid {
		v.Errors = e.Fields
		for path := range e.Fields {
			v.Paths = append(v.Paths, path)
		}
		slices.Sort(v.Paths)
		p.rd.Render(w, r, http.StatusBadRequest, p.page, v)
		return
	}
	if err != nil {
		p.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, p.base+"?done=saved", http.StatusSeeOther)
}

// decode reads the editor's JSON, refusing unknown fields.
func (p draftPages[V, C]) decode(body string, c *C) error {
	if len(body) > p.maxBytes {
		return apperr.Invalid("body", "内容超过"+strconv.Itoa(p.maxBytes>>20)+"MB")
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return apperr.Invalid("body", "JSON格式不正确："+err.Error())
	}
	return nil
}

func (p draftPages[V, C]) publishPost(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err == nil {
		_, err = p.publish(r.Context(), web.ActorFrom(r.Context()), f.Value("note"))
	}
	if err != nil {
		p.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, p.base+"?done=published", http.StatusSeeOther)
}
