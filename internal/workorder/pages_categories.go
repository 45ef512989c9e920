package workorder

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxEditorBytes bounds the JSON of the editor; the demo tree is ~15 KB.
const maxEditorBytes = 1 << 20

func (h *Handlers) registerCategoryPages(rt *web.Router) {
	rt.Page("GET "+CategoriesPath, h.categoriesPage, web.SignedIn)
	// The JSON editor and publishing.
	draftPages[Tree, []Category]{rd: h.rd, base: CategoriesPath, page: "workorder/category_draft",
		maxBytes: maxEditorBytes, draft: h.svc.Draft, content: func(t *Tree) []Category { return t.Categories },
		save: h.svc.SaveDraft, publish: h.svc.Publish}.register(rt)
	rt.Page("GET "+CategoriesPath+"/export", h.exportGet, web.SignedIn)
	rt.Page("POST "+CategoriesPath+"/import", h.importPost, web.SignedIn)
}

// categoriesView is the data of the category overview.
type categoriesView struct {
	versionsView[Tree]
	Rows     []categoryRow
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
	vs, err := readVersions(CategoriesPath, func() ([]Tree, error) { return h.svc.TreeVersions(ctx, actor) },
		func() (*Tree, error) { return h.svc.CurrentTree(ctx, actor.District) })
	v := categoriesView{versionsView: vs}
	if err == nil && v.Current != nil {
		v.Rows = rowsOf(v.Current)
	}
	return v, err
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
