package open311

import (
	"net/http"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// typeRealtime: an order exists, with its number, as soon as it is posted.
const typeRealtime = "realtime"

// services answers the service list: the leaves of the published tree.
func (h *Handlers) services(w http.ResponseWriter, r *http.Request, f format) error {
	tree, err := h.svc.CurrentTree(r.Context(), h.district)
	if err != nil {
		return err
	}
	list := services{Items: []Service{}}
	for _, c := range tree.Leaves(false) {
		list.Items = append(list.Items, serviceOf(tree, c))
	}
	write(w, f, http.StatusOK, list)
	return nil
}

// serviceOf describes an (effective) leaf category as a service. The group
// is its top-level category; the keywords are the names on its path, with
// 物业报事 for property kinds and the grid-management class where one
// applies.
func serviceOf(tree *workorder.Tree, c workorder.Category) Service {
	path := tree.Path(c.Code)
	keywords := append([]string{}, path...)
	if c.Property {
		keywords = append(keywords, "物业报事")
	}
	if gc, ok := workorder.GridClassOf(c.GridClass); ok {
		keywords = append(keywords, gc.Major, gc.Name)
	}
	return Service{Code: c.Code, Name: c.Name, Description: c.Description, Metadata: len(c.Fields) > 0,
		Type: typeRealtime, Keywords: strings.Join(unique(keywords), ","), Group: path[0]}
}

// unique drops repeated words, keeping the first of each.
func unique(words []string) []string {
	var out []string
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// definition answers a service definition: the category's extra fields.
func (h *Handlers) definition(w http.ResponseWriter, r *http.Request, f format, code string) error {
	c, err := h.service(r, code)
	if err != nil {
		return err
	}
	d := Definition{Code: c.Code, Attributes: []Attribute{}}
	for i, fd := range c.Fields {
		d.Attributes = append(d.Attributes, attributeOf(fd, i+1))
	}
	write(w, f, http.StatusOK, d)
	return nil
}

// service returns the effective leaf category with code in the published
// tree; groups are no services.
func (h *Handlers) service(r *http.Request, code string) (workorder.Category, error) {
	tree, err := h.svc.CurrentTree(r.Context(), h.district)
	if err != nil {
		return workorder.Category{}, err
	}
	c, ok := tree.Effective(code)
	if !ok || !tree.IsLeaf(code) {
		return workorder.Category{}, notFound("service_code：服务类型「" + clip(code) + "」不存在")
	}
	return c, nil
}

// datatypeDescriptions help a client's user fill each datatype in.
var datatypeDescriptions = map[workorder.FieldType]string{
	workorder.FieldString:   "单行文本",
	workorder.FieldText:     "多行文本，可换行",
	workorder.FieldNumber:   "数字，如 12.5",
	workorder.FieldDatetime: "日期时间（北京时间），如 2026-03-02T09:30，或带时区的 W3C 格式",
	workorder.FieldSingle:   "单选：attribute[%s]=选项的 key",
	workorder.FieldMulti:    "多选：attribute[%s][]=选项的 key，可重复多次",
}

// attributeOf describes a field as an attribute; order counts from 1.
func attributeOf(fd workorder.Field, order int) Attribute {
	desc := fd.Label
	if fd.Description != "" {
		desc += "：" + fd.Description
	}
	a := Attribute{Variable: true, Code: fd.Key, Datatype: string(fd.Type), Required: fd.Required,
		DatatypeDescription: strings.ReplaceAll(datatypeDescriptions[fd.Type], "%s", fd.Key), Order: order,
		Description: desc}
	for _, o := range fd.Options {
		a.Values = append(a.Values, Value{Key: o.Key, Name: o.Name})
	}
	return a
}

// clip shortens what a client sent before it is quoted back.
func clip(s string) string {
	if r := []rune(s); len(r) > 32 {
		return string(r[:32]) + "…"
	}
	return s
}
