package license

// typeNames are the licence names (证照名称) of the licence types the
// catalogue's items produce. A licence bears the name of the document
// (营业执照), not of the service that issues it (个体工商户设立登记).
var typeNames = map[string]string{
	"YYZZ":        "营业执照",
	"SPJYXKZ":     "食品经营许可证",
	"YPJYXKZ":     "药品经营许可证",
	"GGCSWSXKZ":   "公共场所卫生许可证",
	"JZGCSGXKZ":   "建筑工程施工许可证",
	"JSGCGHXKZ":   "建设工程规划许可证",
	"PSXKZ":       "城镇污水排入排水管网许可证",
	"YLJYXKZ":     "娱乐经营许可证",
	"WHPJYXKZ":    "危险化学品经营许可证",
	"YLJGZYXKZ":   "医疗机构执业许可证",
	"JYCYZ":       "就业创业证",
	"JHZ":         "结婚证",
	"LHZ":         "离婚证",
	"MBFQYDWDJZS": "民办非企业单位登记证书",
	"CJRZ":        "中华人民共和国残疾人证",
	"SYDJFWD":     "生育服务登记单",
	"JZZ":         "居住证",
}

// TypeName is the licence name of a type code, or fallback (the item's
// name) for a type the table does not know.
func TypeName(code, fallback string) string {
	if n, ok := typeNames[code]; ok {
		return n
	}
	return fallback
}
