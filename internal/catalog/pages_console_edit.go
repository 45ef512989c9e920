package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxBodyRunes bounds the JSON body of the editor; the largest demo item
// is a small fraction of it.
const maxBodyRunes = 200_000

// editPage is the data of console_edit: the item as its JSON body plus the
// top-level fields people change most, as proper inputs.
type editPage struct {
	ImplCode       string // empty for a new item
	Action         string
	Base           *Version // the version the edit starts from, nil for a new item
	Name           string
	PromisedDays   string
	Visits         string
	Online         bool
	Agent          bool
	DoorToDoor     bool
	SameCityPickup bool
	Body           string
	Errors         map[string]string
	Message        string
	Problems       []problem
}

// consoleNew shows the editor for a new item with an empty template.
func (h *Handlers) consoleNew(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "catalog/console_edit", newEditPage("", nil, blankItem()))
}

// consoleEdit shows the editor filled with the item's latest version.
func (h *Handlers) consoleEdit(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	code := r.PathValue("implCode")
	vs, err := h.svc.History(r.Context(), actor, code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "catalog/console_edit", newEditPage(code, &vs[0], vs[0].Item))
}

// consoleCreate saves a new item as the draft of its first version.
func (h *Handlers) consoleCreate(w http.ResponseWriter, r *http.Request) { h.save(w, r, "") }

// consoleSave saves the edited item as its draft.
func (h *Handlers) consoleSave(w http.ResponseWriter, r *http.Request) {
	h.save(w, r, r.PathValue("implCode"))
}

// save reads the editor, saves the draft and goes to the item's page; on
// any problem the editor comes back with the user's input and every
// problem listed by field path, and nothing is written.
func (h *Handlers) save(w http.ResponseWriter, r *http.Request, code string) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	var base *Version
	if code != "" {
		vs, err := h.svc.History(ctx, actor, code)
		if err != nil {
			h.rd.Error(w, r, err)
			return
		}
		base = &vs[0]
	}
	f, err := web.ReadForm(r)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p, it := readEditor(f, code, base)
	status := http.StatusBadRequest
	if len(p.Errors) == 0 {
		err = h.checkNew(r, code, it)
		if err == nil {
			_, err = h.svc.SaveDraft(ctx, actor, it)
		}
		if err == nil {
			http.Redirect(w, r, "/console/catalog/"+url.PathEscape(it.ImplCode)+"?done=saved", http.StatusSeeOther)
			return
		}
		ref, ok := refusalOf(err)
		if !ok {
			h.rd.Error(w, r, err)
			return
		}
		p.fail(ref)
		p.locate()
		status = web.StatusOf(err)
	}
	h.rd.Render(w, r, status, "catalog/console_edit", p)
}

// checkNew refuses to create an item whose code is already taken: the new
// item page would otherwise silently add a draft to another item.
func (h *Handlers) checkNew(r *http.Request, code string, it Item) error {
	if code != "" || it.ImplCode == "" {
		return nil
	}
	_, err := h.svc.History(r.Context(), web.ActorFrom(r.Context()), it.ImplCode)
	switch {
	case err == nil:
		return apperr.Invalid("impl_code", "实施编码已被事项使用，请到该事项的页面编辑")
	case apperr.CodeOf(err) == apperr.CodeNotFound:
		return nil
	}
	return err
}

// readEditor reads the form into the page to show again and the item to
// save: the JSON body, overridden by the top-level inputs.
func readEditor(f *web.Form, code string, base *Version) (editPage, Item) {
	p := editPage{ImplCode: code, Action: actionOf(code), Base: base, Name: f.Value("name"),
		PromisedDays: f.Value("promised_days"), Visits: f.Value("visits"), Online: f.Bool("online"),
		Agent: f.Bool("agent"), DoorToDoor: f.Bool("door_to_door"), SameCityPickup: f.Bool("same_city_pickup"),
		Body: f.Value("body")}
	name := f.Text("name", "事项名称", 100, true)
	promised := f.Int("promised_days", "承诺办结时限", 0, 3650, true)
	visits := f.Int("visits", "到现场次数", 0, 10, true)
	body := f.Multiline("body", "事项内容（JSON）", maxBodyRunes, true)
	var it Item
	if body != "" && f.Errors()["body"] == "" {
		if err := decodeItem(body, &it); err != nil {
			f.Fail("body", err.Error())
		}
	}
	if code != "" && it.ImplCode != code && f.Errors()["body"] == "" {
		f.Fail("impl_code", "实施编码不能修改，应为 "+code+"；如需新事项请使用“新建事项”")
	}
	it.Name, it.PromisedDays, it.Visits = name, int(promised), int(visits)
	it.Online, it.Agent, it.DoorToDoor, it.SameCityPickup = p.Online, p.Agent, p.DoorToDoor, p.SameCityPickup
	if err := f.Err(); err != nil {
		ref, _ := refusalOf(err)
		p.fail(ref)
	}
	return p, it
}

// decodeItem reads an item's JSON strictly: unknown fields (a typo would
// otherwise be dropped silently) and trailing text are refused, with the
// line of the problem.
func decodeItem(body string, it *Item) error {
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	err := dec.Decode(it)
	if err == nil {
		if _, extra := dec.Token(); !errors.Is(extra, io.EOF) {
			return errors.New("JSON 在事项对象之后还有多余的内容")
		}
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("JSON 格式错误（第 %d 行）：请检查引号、逗号和括号", lineOf(body, syn.Offset))
	case errors.As(err, &typ):
		return fmt.Errorf("JSON 第 %d 行：字段 %s 的值类型不对（应为%s）", lineOf(body, typ.Offset), typ.Field, jsonKind(typ.Type.Kind().String()))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("JSON 不完整：请检查括号是否成对")
	}
	return fmt.Errorf("JSON 无法读取：%s", chineseDecodeError(err.Error()))
}

// lineOf is the 1-based line of a byte offset.
func lineOf(s string, off int64) int {
	off = min(max(off, 0), int64(len(s)))
	return bytes.Count([]byte(s[:off]), []byte("\n")) + 1
}

func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "文本"
	case "bool":
		return " true 或 false"
	case "slice":
		return "列表"
	case "struct", "map":
		return "对象"
	}
	return "数字"
}

// chineseDecodeError explains the decoder's remaining errors, of which
// unknown fields are the common one.
func chineseDecodeError(msg string) string {
	const unknown = "json: unknown field "
	if len(msg) > len(unknown) && msg[:len(unknown)] == unknown {
		return "不认识的字段 " + msg[len(unknown):] + "，请检查拼写"
	}
	return msg
}

func actionOf(code string) string {
	if code == "" {
		return "/console/catalog/new"
	}
	return "/console/catalog/" + url.PathEscape(code) + "/edit"
}

// fail records a refusal on the page: its message, every problem in the
// list and the messages of the top-level inputs next to them.
func (p *editPage) fail(ref refusal) {
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	if p.Message == "" {
		p.Message = ref.Message
	}
	for _, pr := range ref.Problems {
		if _, dup := p.Errors[pr.Path]; !dup {
			p.Errors[pr.Path] = pr.Message
			p.Problems = append(p.Problems, pr)
		}
	}
	sort.Slice(p.Problems, func(i, j int) bool { return p.Problems[i].Path < p.Problems[j].Path })
}

// newEditPage fills the editor from an item.
func newEditPage(code string, base *Version, it Item) editPage {
	raw, err := json.MarshalIndent(it, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("catalog: an Item always encodes: %v", err))
	}
	return editPage{ImplCode: code, Action: actionOf(code), Base: base, Name: it.Name,
		PromisedDays: strconv.Itoa(it.PromisedDays), Visits: strconv.Itoa(it.Visits), Online: it.Online,
		Agent: it.Agent, DoorToDoor: it.DoorToDoor, SameCityPickup: it.SameCityPickup, Body: string(raw)}
}

// blankItem is the template of a new item: every list present and empty,
// so the JSON shows each element to fill in.
func blankItem() Item {
	return Item{LevelKind: KindMain, ItemType: TypeLicence, ExerciseLevels: []Level{}, ServiceObjects: []ServiceObject{},
		LegalBasis: []LegalBasis{}, Conditions: []string{}, Materials: []Material{}, Steps: []Step{},
		Bundle: []string{}, Keywords: []string{}, LifeEvents: []string{}, Visits: 1,
		Form: Form{}}
}
