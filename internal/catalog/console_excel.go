package catalog

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// msgTooBig is the refusal of a workbook over MaxImportBytes, before it is
// read: the service would refuse it too, but as a 400 report.
var msgTooBig = "文件超过" + strconv.Itoa(MaxImportBytes>>20) + "MB，请拆分后分批导入"

// importPage is the data of console_import: the upload form as the user
// left it and, after a refused import, why.
type importPage struct {
	Publish bool
	Date    string
	MaxMB   int
	Errors  map[string]string // by form field: file, effective_from
	Message string            // a refusal that is not about one cell
	Report  *ImportReport     // the workbook's problems; nothing was written
	File    string            // the uploaded file's name, to say which file the report is about
	// FileProblems are the report's problems with the whole file (not a
	// workbook, too big), shown as sentences rather than table rows.
	FileProblems []string
	CellProblems []ImportProblem
}

// importDone is the data of console_import_done.
type importDone struct {
	Items, Created, Updated int
	Published               bool
	Effective               string // "" when in force at once
}

// consoleExport downloads the workbook of the items the list's filter
// selects (the same query parameters as /console/catalog).
func (h *Handlers) consoleExport(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	err := h.svc.ExportWorkbook(r.Context(), web.ActorFrom(r.Context()), filterOf(r.URL.Query()), &buf)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.sendWorkbook(w, "事项清单", buf.Bytes())
}

// consoleTemplate downloads the empty import template.
func (h *Handlers) consoleTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := h.svc.WorkbookTemplate(web.ActorFrom(r.Context()), &buf); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.sendWorkbook(w, "事项清单导入模板", buf.Bytes())
}

// sendWorkbook answers with a workbook as a dated attachment. It is built
// whole first so that a failure half way shows an error page, not a
// truncated file; it holds drafts, so no cache keeps it.
func (h *Handlers) sendWorkbook(w http.ResponseWriter, name string, raw []byte) {
	file := name + "-" + web.InChina(h.svc.db.Clock.Now()).Format("20060102") + ".xlsx"
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", `attachment; filename="catalog.xlsx"; filename*=UTF-8''`+url.PathEscape(file))
	w.Header().Set("Content-Length", strconv.Itoa(len(raw)))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(raw)
}

// consoleImportForm shows the upload form.
func (h *Handlers) consoleImportForm(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "catalog/console_import", h.newImportPage())
}

func (h *Handlers) newImportPage() *importPage {
	return &importPage{Date: today(h.svc.db.Clock.Now()), MaxMB: MaxImportBytes >> 20, Errors: map[string]string{}}
}

// consoleImport imports the uploaded workbook in one go. A workbook with
// any problem writes nothing: the form comes back with every bad sheet,
// row and cell listed.
func (h *Handlers) consoleImport(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p, opt, status := h.readImportForm(r)
	if status != http.StatusOK {
		h.rd.Render(w, r, status, "catalog/console_import", p)
		return
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		h.rd.Error(w, r, apperr.Wrap(apperr.CodeInvalid, "上传的文件无法读取，请重新选择后再试", err))
		return
	}
	defer file.Close()
	p.File = filepath.Base(hdr.Filename)
	before, err := h.svc.countItems(ctx, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	rep, err := h.svc.ImportWorkbook(ctx, actor, file, hdr.Size, opt)
	if err != nil {
		h.importRefused(w, r, p, rep, err)
		return
	}
	after, err := h.svc.countItems(ctx, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	done := importDone{Items: rep.Items, Created: after - before, Updated: rep.Items - (after - before), Published: opt.Publish}
	if !opt.EffectiveFrom.IsZero() {
		done.Effective = p.Date
	}
	h.rd.Render(w, r, http.StatusOK, "catalog/console_import_done", done)
}

// readImportForm reads the options and checks that a file of an allowed
// size came with them; status is 200 when the import may go ahead, else
// the page to answer with (400, or 413 for a file over the limit).
func (h *Handlers) readImportForm(r *http.Request) (*importPage, ImportOptions, int) {
	p := h.newImportPage()
	var opt ImportOptions
	f, err := web.ReadForm(r)
	if err != nil {
		p.Message = "提交的表单无法读取，请刷新后重试"
		return p, opt, http.StatusBadRequest
	}
	p.Publish = f.Bool("publish")
	opt.Publish = p.Publish
	if date := f.Text("effective_from", "生效日期", 10, p.Publish); date != "" {
		p.Date = date
	}
	for k, v := range f.Errors() {
		p.Errors[k] = v
	}
	if p.Publish && p.Errors["effective_from"] == "" {
		if opt.EffectiveFrom, err = h.effectiveFrom(p.Date); err != nil {
			p.Errors["effective_from"] = messageOf(err)
		}
	}
	status := http.StatusBadRequest
	_, hdr, err := r.FormFile("file")
	switch {
	case errors.Is(err, http.ErrMissingFile) || (err == nil && hdr.Size == 0):
		p.Errors["file"] = "请选择要导入的Excel文件（.xlsx）"
	case err == nil && hdr.Size > MaxImportBytes:
		p.Errors["file"] = msgTooBig
		status = http.StatusRequestEntityTooLarge
	}
	if len(p.Errors) > 0 {
		return p, opt, status
	}
	return p, opt, http.StatusOK
}

// importRefused shows the form again with why the import wrote nothing.
func (h *Handlers) importRefused(w http.ResponseWriter, r *http.Request, p *importPage, rep *ImportReport, err error) {
	status := web.StatusOf(err)
	if rep != nil && !rep.OK() {
		p.Report = rep
		for _, pr := range rep.Problems {
			if pr.Sheet == "" {
				p.FileProblems = append(p.FileProblems, pr.Reason)
			} else {
				p.CellProblems = append(p.CellProblems, pr)
			}
		}
		h.rd.Render(w, r, status, "catalog/console_import", p)
		return
	}
	ref, ok := refusalOf(err)
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	p.Message = ref.Message
	h.rd.Render(w, r, status, "catalog/console_import", p)
}

// messageOf is the Chinese message of an apperr error.
func messageOf(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	return err.Error()
}

// exportHref is the download of the workbook of the items f selects, with
// the list's own query parameters.
func exportHref(f Filter) string {
	q := url.Values{}
	for k, v := range map[string]string{"type": string(f.Type), "department": f.Department, "level": string(f.Level),
		"status": string(f.Status), "q": f.Q} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return (&url.URL{Path: "/console/catalog/export", RawQuery: q.Encode()}).String()
}
