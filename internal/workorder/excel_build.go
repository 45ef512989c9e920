package workorder

import (
	"strings"
)

// xlBuild turns the sheets' rows into categories, reporting every cell
// that cannot be read. It returns, for locating validation problems, the
// row of each category and the rows of each category's fields.
func xlBuild(sheets map[string][]xlRow, rep *ImportReport) ([]Category, []int, [][]int) {
	var cats []Category
	var catRows []int
	index := map[string]int{}
	for _, r := range sheets[SheetCategories] {
		c := xlCategory(r, rep)
		if _, dup := index[c.Code]; !dup && c.Code != "" {
			index[c.Code] = len(cats)
		}
		cats, catRows = append(cats, c), append(catRows, r.n)
	}
	fieldRows := make([][]int, len(cats))
	l := xlLayouts[SheetFields]
	for _, r := range sheets[SheetFields] {
		i, ok := index[r.cells["category"]]
		if !ok {
			rep.add(SheetFields, r.n, l.header("category"), "分类编码「"+short(r.cells["category"])+"」不在「分类」表中")
			continue
		}
		cats[i].Fields = append(cats[i].Fields, xlField(r, rep))
		fieldRows[i] = append(fieldRows[i], r.n)
	}
	return cats, catRows, fieldRows
}

// xlCategory reads one row of the 分类 sheet.
func xlCategory(r xlRow, rep *ImportReport) Category {
	l := xlLayouts[SheetCategories]
	bad := func(key, reason string) {
		if reason != "" {
			rep.add(SheetCategories, r.n, l.header(key), reason)
		}
	}
	c := Category{Code: r.cells["code"], Parent: r.cells["parent"], Name: r.cells["name"],
		Description: r.cells["description"], GridClass: r.cells["grid_class"], LimitSource: r.cells["limit_source"]}
	var msg string
	c.Property, msg = parseYesNo(r.cells["property"])
	bad("property", msg)
	c.Verify, msg = parseYesNo(r.cells["verify"])
	bad("verify", msg)
	c.Handler, msg = parseHandler(r.cells["handler"])
	bad("handler", msg)
	c.Response, msg = parseLimit(r.cells["response"])
	bad("response", msg)
	c.Resolution, msg = parseLimit(r.cells["resolution"])
	bad("resolution", msg)
	c.Urgencies, msg = parseUrgencies(r.cells["urgencies"])
	bad("urgencies", msg)
	return c
}

// xlField reads one row of the 字段 sheet.
func xlField(r xlRow, rep *ImportReport) Field {
	l := xlLayouts[SheetFields]
	bad := func(key, reason string) {
		if reason != "" {
			rep.add(SheetFields, r.n, l.header(key), reason)
		}
	}
	f := Field{Key: r.cells["key"], Label: r.cells["label"], Description: r.cells["description"]}
	var msg string
	f.Required, msg = parseYesNo(r.cells["required"])
	bad("required", msg)
	f.Type, msg = parseFieldType(r.cells["type"])
	bad("type", msg)
	f.Options, msg = parseOptions(r.cells["options"])
	bad("options", msg)
	return f
}

// parseHandler reads a handler by its name or its rule ("所在社区",
// "community", "部门：城管局", "dept:城管局").
func parseHandler(s string) (string, string) {
	if s == "" {
		return "", ""
	}
	for rule, name := range handlerNames {
		if s == name || s == rule {
			return rule, ""
		}
	}
	for _, pre := range []string{"部门：", "部门:", handlerDeptPre} {
		if d, ok := strings.CutPrefix(s, pre); ok && strings.TrimSpace(d) != "" {
			return handlerDeptPre + strings.TrimSpace(d), ""
		}
	}
	return "", "默认处置单位应为所在社区、所在网格、所在街道、小区物业或“部门：部门简称”"
}

// parseFieldType reads a type by its Chinese name or its code.
func parseFieldType(s string) (FieldType, string) {
	for _, t := range FieldTypes {
		if s == t.Name() || s == string(t) {
			return t, ""
		}
	}
	return FieldType(s), "类型应为单行文本、多行文本、数字、日期时间、单选或多选"
}

// parseOptions reads "key=名称；key2=名称2".
func parseOptions(s string) ([]Option, string) {
	var out []Option
	for _, p := range splitList(s) {
		k, n, ok := strings.Cut(p, "=")
		if !ok {
			k, n, ok = strings.Cut(p, "＝")
		}
		if !ok {
			return nil, "选项应写作“键=名称”，多个选项用“；”分隔"
		}
		out = append(out, Option{Key: strings.TrimSpace(k), Name: strings.TrimSpace(n)})
	}
	return out, ""
}

// parseUrgencies reads "紧急：1小时/24小时；特急".
func parseUrgencies(s string) ([]UrgencyOption, string) {
	var out []UrgencyOption
	for _, p := range splitList(s) {
		name, limits, _ := strings.Cut(strings.Replace(p, ":", "：", 1), "：")
		u := UrgencyOption{}
		for _, c := range Urgencies {
			if strings.TrimSpace(name) == c.Name() || strings.TrimSpace(name) == string(c) {
				u.Code = c
			}
		}
		if u.Code == "" {
			return nil, "紧急程度应为紧急或特急，如“紧急：1小时/24小时”"
		}
		if limits != "" {
			resp, resol, _ := strings.Cut(limits, "/")
			var m1, m2 string
			u.Response, m1 = parseLimit(resp)
			u.Resolution, m2 = parseLimit(resol)
			if m1 != "" || m2 != "" {
				return nil, "紧急程度的时限应写作“响应时限/办结时限”，如“1小时/24小时”"
			}
		}
		out = append(out, u)
	}
	return out, ""
}
