package workorder

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxEditorBytes bounds the JSON of the editor; the demo tree is ~15 KB.
const maxEditorBytes = 1 << 20

func (h *Handlers) registerCategoryPages(rt *web.Router) {
	rt.Page("GET "+CategoriesPath, h.categoriesPage, web.SignedIn)
	rt.Page("GET "+CategoriesPath+"/draft", h.draftPage, web.SignedIn)
	rt.Page("POST "+CategoriesPath+"/draft", h.draftPost, web.SignedIn)
	rt.Page("POST "+CategoriesPath+"/publish", h.publishPost, web.SignedIn)
	rt.Page("GET "+CategoriesPath+"/export", h.exportGet, web.SignedIn)
	rt.Page("POST "+CategoriesPath+"/import", h.importPost, web.SignedIn)
}

// categoriesView is the data of the category overview.
type categoriesView struct {
	Current  *Tree
	Rows     []categoryRow
	Draft    *Tree
	Versions []Tree
	Done     string
	Problems []ImportProblem
	Error    string
}

// categoryRow is one category of the overview, with what it inherits.
type categoryRow struct {
	Category
	Depth     int
	Leaf      bool
	Effective Category
	Handler   string
	GridClass string
}

func rowsOf(t *Tree) []categoryRow {
	var out []categoryRow
	for _, c := range t.Categories {
		e, _ := t.Effective(c.Code)
		row := categoryRow{Category: c, Depth: len(t.Path(c.Code)) - 1, Leaf: t.IsLeaf(c.Code), Effective: e,
			Handler: HandlerName(e.Handler)}
		if gc, ok := GridClassOf(c.GridClass); ok {
			row.GridClass = gc.Label()
		}
		out = append(out, row)
	}
	return out
}

// categoriesData reads the overview's data.
func (h *Handlers) categoriesData(ctx context.Context, actor *authz.Actor) (categoriesView, error) {
	var v categoriesView
	var err error
	if v.Versions, err = h.svc.TreeVersions(ctx, actor); err != nil {
		return v, err
	}
	cur, err := h.svc.CurrentTree(ctx, actor.District)
	switch {
	case err == nil:
		v.Current, v.Rows = cur, rowsOf(cur)
	case apperr.CodeOf(err) != apperr.CodeUnavailable:
		return v, err
	}
	if i := slices.IndexFunc(v.Versions, func(t Tree) bool { return t.State == TreeDraft }); i >= 0 {
		v.Draft = &v.Versions[i]
	}
	return v, nil
}

func (h *Handlers) categoriesPage(w http.ResponseWriter, r *http.Request) {
	v, err := h.categoriesData(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Done = r.URL.Query().Get("done")
	h.rd.Render(w, r, http.StatusOK, "workorder/categories", v)
}

// draftView is the data of the JSON editor.
type draftView struct {
	Draft  *Tree
	Body   string
	Errors map[string]string
	Paths  []string
}

func (h *Handlers) draftPage(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.Draft(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	body, _ := json.MarshalIndent(t.Categories, "", "  ")
	h.rd.Render(w, r, http.StatusOK, "workorder/category_draft", draftView{Draft: t, Body: string(body)})
}

func (h *Handlers) draftPost(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	t, err := h.svc.Draft(ctx, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v := draftView{Draft: t, Body: f.Value("body"), Errors: map[string]string{}}
	var cats []Category
	if len(v.Body) > maxEditorBytes {
		err = apperr.Invalid("body", "内容超过1MB")
	} else {
		dec := json.NewDecoder(strings.NewReader(v.Body))
		dec.DisallowUnknownFields()
		if derr := dec.Decode(&cats); derr != nil {
			err = apperr.Invalid("body", "JSON格式不正确："+derr.Error())
		}
	}
	if err == nil {
		_, err = h.svc.SaveDraft(ctx, actor, cats)
	}
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeInvalid {
		v.Errors = e.Fields
		for p := range e.Fields {
			v.Paths = append(v.Paths, p)
		}
		slices.Sort(v.Paths)
		h.rd.Render(w, r, http.StatusBadRequest, "workorder/category_draft", v)
		return
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, CategoriesPath+"?done=saved", http.StatusSeeOther)
}

func (h *Handlers) publishPost(w http.ResponseWriter, r *http.Request) {
	f, err := web.ReadForm(r)
	if err == nil {
		_, err = h.svc.Publish(r.Context(), web.ActorFrom(r.Context()), f.Value("note"))
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, CategoriesPath+"?done=published", http.StatusSeeOther)
}

func (h *Handlers) exportGet(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	t, err := h.treeFor(ctx, actor, r.URL.Query().Get("version"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	b, err := ExportExcel(t)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	name := "workorder-categories-v" + strconv.Itoa(t.Version) + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b)
}

// treeFor returns the draft ("draft") or a version (the current when
// empty), for category administrators.
func (h *Handlers) treeFor(ctx context.Context, actor *authz.Actor, which string) (*Tree, error) {
	if err := authz.Check(actor, actCategories, authz.District(actor.District)); err != nil {
		return nil, err
	}
	switch which {
	case "draft":
		return h.svc.Draft(ctx, actor)
	case "":
		return h.svc.CurrentTree(ctx, actor.District)
	}
	n, err := strconv.Atoi(which)
	if err != nil {
		return nil, apperr.Invalid("version", "版本号无效")
	}
	return h.svc.TreeVersion(ctx, actor.District, n)
}

func (h *Handlers) importPost(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	rep, err := h.svc.ImportDraft(ctx, actor, r)
	if err == nil {
		http.Redirect(w, r, CategoriesPath+"?done=imported", http.StatusSeeOther)
		return
	}
	var in *apperr.Error
	if !errors.As(err, &in) || in.Code != apperr.CodeInvalid {
		h.rd.Error(w, r, err)
		return
	}
	v, derr := h.categoriesData(ctx, actor)
	if derr != nil {
		h.rd.Error(w, r, derr)
		return
	}
	v.Error = in.Message
	if rep != nil {
		v.Problems = rep.Problems
	}
	h.rd.Render(w, r, http.StatusBadRequest, "workorder/categories", v)
}

// ImportDraft reads the uploaded workbook (form field "file") and saves it
// as the draft: all or nothing, with a report of every bad cell.
func (s *Service) ImportDraft(ctx context.Context, actor *authz.Actor, r *http.Request) (*ImportReport, error) {
	if err := authz.Check(actor, actCategories, authz.District(actor.District)); err != nil {
		return nil, err
	}
	if _, err := web.ReadForm(r); err != nil {
		return nil, err
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return nil, apperr.Invalid("file", "请选择要导入的Excel文件")
	}
	fh := r.MultipartForm.File["file"][0]
	file, err := fh.Open()
	if err != nil {
		return nil, apperr.Invalid("file", "文件无法读取，请重新选择")
	}
	defer file.Close()
	cats, rep, err := ImportExcel(file, fh.Size)
	if err != nil {
		return rep, err
	}
	_, err = s.SaveDraft(ctx, actor, cats)
	return rep, err
}
