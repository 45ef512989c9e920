package workorder

import "strings"

// GridClass is a class of the national grid-management classification of
// city management objects (部件) and events (事件), GB/T 30428.2-2013
// 《数字化城市管理信息系统 第2部分：管理部件和事件》. A code is the kind
// (BJ 部件, SJ 事件), a dash, the two-digit major class and the two-digit
// minor class.
type GridClass struct {
	Code  string `json:"code"`
	Kind  string `json:"kind"`  // 部件 or 事件
	Major string `json:"major"` // 大类
	Name  string `json:"name"`  // 小类
}

// GridClasses are the classes the demo categories use, as data. The major
// classes and the names follow the standard's structure (部件: 公用设施、
// 道路交通、市容环境、园林绿化…; 事件: 市容环境、宣传广告、施工管理、突发事件、
// 街面秩序…); the minor class numbers were written from secondary sources
// without the standard's text at hand, so they must be checked against
// GB/T 30428.2 (and the district's own extension classes) before the codes
// are exchanged with a city-level platform. Categories map to them where a
// class applies; property and livelihood requests have none.
var GridClasses = []GridClass{
	{"BJ-0101", "部件", "公用设施", "井盖（上水、污水、雨水等）"},
	{"BJ-0111", "部件", "公用设施", "路灯"},
	{"BJ-0201", "部件", "道路交通", "交通标志、护栏等道路设施"},
	{"BJ-0401", "部件", "园林绿化", "行道树"},
	{"BJ-0402", "部件", "园林绿化", "绿地"},
	{"SJ-0101", "事件", "市容环境", "私搭乱建"},
	{"SJ-0102", "事件", "市容环境", "暴露垃圾"},
	{"SJ-0103", "事件", "市容环境", "积存垃圾渣土"},
	{"SJ-0104", "事件", "市容环境", "道路不洁"},
	{"SJ-0201", "事件", "宣传广告", "非法小广告"},
	{"SJ-0202", "事件", "宣传广告", "违规户外广告"},
	{"SJ-0301", "事件", "施工管理", "施工扰民"},
	{"SJ-0302", "事件", "施工管理", "工地扬尘"},
	{"SJ-0401", "事件", "突发事件", "路面塌陷"},
	{"SJ-0403", "事件", "突发事件", "燃气管道破裂"},
	{"SJ-0501", "事件", "街面秩序", "无照经营游商"},
	{"SJ-0502", "事件", "街面秩序", "店外经营（占道经营）"},
	{"SJ-0503", "事件", "街面秩序", "机动车乱停放"},
	{"SJ-0505", "事件", "街面秩序", "露天烧烤"},
}

// GridClassOf returns the class with code.
func GridClassOf(code string) (GridClass, bool) {
	for _, c := range GridClasses {
		if c.Code == code {
			return c, true
		}
	}
	return GridClass{}, false
}

// Label is the class as staff read it: "事件 街面秩序/机动车乱停放 (SJ-0503)".
func (c GridClass) Label() string {
	return c.Kind + " " + c.Major + "/" + c.Name + "（" + c.Code + "）"
}

// Handler rules: the default unit a category's orders go to when the
// dispatch catalogue has no more specific rule.
const (
	HandlerCommunity = "community" // the order's community (社区社工)
	HandlerGrid      = "grid"      // the order's grid (网格员)
	HandlerStreet    = "street"    // the order's street
	HandlerProperty  = "property"  // the estate's property company
	handlerDeptPre   = "dept:"     // a department by short name, e.g. dept:城管局
)

var handlerNames = map[string]string{HandlerCommunity: "所在社区", HandlerGrid: "所在网格",
	HandlerStreet: "所在街道", HandlerProperty: "小区物业"}

// HandlerName is a handler rule as staff read it.
func HandlerName(rule string) string {
	if d, ok := strings.CutPrefix(rule, handlerDeptPre); ok {
		return "部门：" + d
	}
	return nameOr(handlerNames, rule)
}

// ValidHandler reports whether rule is a known handler rule.
func ValidHandler(rule string) bool {
	if d, ok := strings.CutPrefix(rule, handlerDeptPre); ok {
		return d != "" && len([]rune(d)) <= 20
	}
	_, ok := handlerNames[rule]
	return ok
}
