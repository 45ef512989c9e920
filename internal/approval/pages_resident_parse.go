package approval

import (
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// rMaxPostedRows bounds the rows a posted table or party list may claim.
const rMaxPostedRows = 200

// rPosted is what the edit page sent: the draft, its files, the revision
// the page was drawn from and the button pressed.
type rPosted struct {
	Draft    Draft
	Uploads  []Upload
	Revision int
	Action   string
	Extra    map[string]int // empty table rows to draw after "再加一行"
}

// rParseDraft reads the edit page's form. Empty table rows and empty party
// rows are dropped, and so is the row whose delete button was pressed.
func rParseDraft(r *http.Request, form catalog.Form, items []catalog.Version) (rPosted, error) {
	if r.PostForm == nil {
		if _, err := rReadForm(r); err != nil {
			return rPosted{}, err
		}
	}
	p := rPosted{Action: r.PostFormValue("action"), Extra: map[string]int{}}
	var err error
	if p.Revision, err = strconv.Atoi(r.PostFormValue("revision")); err != nil {
		return rPosted{}, apperr.Invalid("revision", "页面已失效，请刷新后重试")
	}
	p.Draft.Form = map[string]any{}
	for _, fd := range form {
		if v, ok := rAnswerOf(r, fd, p.Action, p.Extra); ok {
			p.Draft.Form[fd.Name] = v
		}
	}
	p.Draft.Parties = rPartiesOf(r, p.Action)
	p.Draft.UseCommitment = r.PostFormValue("use_commitment") == "1"
	p.Uploads, err = rUploadsOf(r, form, items)
	return p, err
}

// rAnswerOf reads one field's answer; ok is false when it is empty.
func rAnswerOf(r *http.Request, fd catalog.FormField, action string, extra map[string]int) (any, bool) {
	name := "f." + fd.Name
	switch fd.Type {
	case catalog.FieldMultiChoice:
		var out []any
		for _, v := range r.PostForm[name] {
			out = append(out, v)
		}
		return out, len(out) > 0
	case catalog.FieldTable:
		rows, empty := rTableOf(r, fd, action)
		if action == "addrow:"+fd.Name {
			extra[fd.Name] = empty + 1
		}
		return rows, len(rows) > 0
	}
	v := strings.TrimSpace(r.PostFormValue(name))
	return v, v != ""
}

// rTableOf reads a table's rows and counts the empty ones.
func rTableOf(r *http.Request, fd catalog.FormField, action string) (rows []any, empty int) {
	n, _ := strconv.Atoi(r.PostFormValue("rows." + fd.Name))
	for i := 0; i < min(n, rMaxPostedRows); i++ {
		row := map[string]any{}
		for _, c := range fd.Columns {
			if v := strings.TrimSpace(r.PostFormValue("t." + fd.Name + "." + strconv.Itoa(i) + "." + c.Name)); v != "" {
				row[c.Name] = v
			}
		}
		switch {
		case action == "delrow:"+fd.Name+":"+strconv.Itoa(i):
		case len(row) == 0:
			empty++
		default:
			rows = append(rows, row)
		}
	}
	return rows, empty
}

// rPartiesOf reads the related persons' rows.
func rPartiesOf(r *http.Request, action string) []Party {
	n, _ := strconv.Atoi(r.PostFormValue("parties"))
	out := []Party{}
	for i := 0; i < min(n, rMaxPostedRows); i++ {
		at := "p." + strconv.Itoa(i) + "."
		p := Party{Role: PartyRole(r.PostFormValue(at + "role")), SubjectKind: r.PostFormValue(at + "kind"),
			Name: strings.TrimSpace(r.PostFormValue(at + "name")), Code: strings.TrimSpace(r.PostFormValue(at + "code"))}
		if action == "delparty:"+strconv.Itoa(i) || (p.Name == "" && p.Code == "") {
			continue
		}
		out = append(out, p)
	}
	return out
}

// rUploadsOf reads the files chosen for file fields and materials.
func rUploadsOf(r *http.Request, form catalog.Form, items []catalog.Version) ([]Upload, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []Upload
	for _, fd := range form {
		if fd.Type != catalog.FieldFile {
			continue
		}
		up, ok, err := rReadPart(r.MultipartForm.File["file."+fd.Name], "form."+fd.Name)
		if err != nil {
			return nil, err
		}
		if ok {
			up.Field = fd.Name
			out = append(out, up)
		}
	}
	for _, v := range items {
		for i := range v.Item.Materials {
			up, ok, err := rReadPart(r.MultipartForm.File["m."+v.ImplCode+"."+strconv.Itoa(i)], materialField(v.ImplCode, i))
			if err != nil {
				return nil, err
			}
			if ok {
				up.Item, up.Index = v.ImplCode, i
				out = append(out, up)
			}
		}
	}
	return out, nil
}

// rReadPart reads the first file of an input, if one was chosen.
func rReadPart(fhs []*multipart.FileHeader, field string) (Upload, bool, error) {
	if len(fhs) == 0 || fhs[0].Filename == "" {
		return Upload{}, false, nil
	}
	if fhs[0].Size > files.MaxSize {
		return Upload{}, false, apperr.TooLarge(field, "文件不能超过20MB")
	}
	f, err := fhs[0].Open()
	if err != nil {
		return Upload{}, false, apperr.Invalid(field, "文件无法读取，请重新选择")
	}
	defer f.Close()
	data, err := files.ReadLimited(field, f, files.MaxSize)
	if err != nil {
		return Upload{}, false, err
	}
	return Upload{Name: fhs[0].Filename, Data: data}, true, nil
}
