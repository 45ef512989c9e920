package open311

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// fileInput reads a POST's parameters into a filing request for category
// c. Only what the form itself gets wrong is refused here (the location's
// shape, attribute names); the values are checked by the service, with
// everything else, all at once.
//
// The mapping: lat/long → the position; address_string → the typed
// address; address_id → a community code (the district's own addressing
// unit); attribute[code] and attribute[code][] → the category's extra
// fields; last_name + first_name → the requester's name and phone → the
// requester's phone, both kept encrypted; description → the text (the
// service's name when empty, as the spec makes it optional). email,
// device_id, account_id and media_url are not kept.
func fileInput(form url.Values, c workorder.Category) (workorder.FileInput, error) {
	bad := map[string]string{}
	in := workorder.FileInput{Category: c.Code, Description: strings.TrimSpace(form.Get("description")),
		Address: strings.TrimSpace(form.Get("address_string")), Community: strings.TrimSpace(form.Get("address_id"))}
	in.Lat, in.Lng = position(form, bad)
	if in.Lat == nil && in.Address == "" && in.Community == "" && bad["lat/long"] == "" {
		bad["lat/long"] = "请提供位置：lat 和 long，或 address_string，或 address_id（社区代码）"
	}
	in.Fields = attributes(form, bad)
	in.Requester = workorder.RequesterInput{Phone: strings.TrimSpace(form.Get("phone")),
		Name: strings.TrimSpace(form.Get("last_name")) + strings.TrimSpace(form.Get("first_name"))}
	if in.Description == "" {
		in.Description = c.Name + "（提交方未填写描述）"
	}
	if len(bad) > 0 {
		return in, &apperr.Error{Code: apperr.CodeInvalid, Message: "请求参数有误", Fields: bad}
	}
	return in, nil
}

// position reads lat and long: both or neither, decimal degrees.
func position(form url.Values, bad map[string]string) (*float64, *float64) {
	lat, long := strings.TrimSpace(form.Get("lat")), strings.TrimSpace(form.Get("long"))
	if lat == "" && long == "" {
		return nil, nil
	}
	if lat == "" || long == "" {
		bad["lat/long"] = "lat 和 long 须同时提供"
		return nil, nil
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(long, 64)
	if err1 != nil || err2 != nil || math.IsNaN(la) || math.IsNaN(lo) || math.IsInf(la, 0) || math.IsInf(lo, 0) {
		bad["lat/long"] = "lat 和 long 应为十进制度数（WGS-84），如 lat=32.10&long=118.92"
		return nil, nil
	}
	return &la, &lo
}

// attributes reads attribute[code]=value and attribute[code][]=value
// (repeated for a multivaluelist) into field values: one value as a
// string, several as a list.
func attributes(form url.Values, bad map[string]string) map[string]any {
	lists := map[string][]string{}
	for key, vals := range form {
		rest, ok := strings.CutPrefix(key, "attribute[")
		if !ok {
			continue
		}
		code, tail, ok := strings.Cut(rest, "]")
		if !ok || code == "" || (tail != "" && tail != "[]") {
			bad[clip(key)] = "参数名应为 attribute[代码] 或 attribute[代码][]"
			continue
		}
		lists[code] = append(lists[code], vals...)
	}
	out := make(map[string]any, len(lists))
	for code, vals := range lists {
		if len(vals) == 1 {
			out[code] = vals[0]
		} else {
			out[code] = vals
		}
	}
	return out
}
