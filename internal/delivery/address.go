package delivery

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// Provinces lists the 31 provincial-level divisions of mainland China
// (GB/T 2260) that express deliveries may go to, in code order.
var Provinces = []string{
	"北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
	"上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
	"河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省",
	"重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
	"陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
}

// outsideMainland are the places in China that mainland express and
// licence rules do not reach; anything else unknown is abroad.
var outsideMainland = []string{"香港", "澳门", "台湾"}

// Limits of the express form, in characters.
const (
	MaxRecipientName = 30
	MinAddressDetail = 5
	MaxAddressDetail = 120
)

// ExpressInput is the applicant's express choice: who receives the
// result and where. Revision is the delivery's revision the choice was
// made on.
type ExpressInput struct {
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Province string `json:"province"`
	Detail   string `json:"detail"`
	Postcode string `json:"postcode,omitempty"`
	Revision int    `json:"revision"`
}

// Address is a recipient as shown: name and phone masked; the detailed
// address only to the applicant.
type Address struct {
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Province string `json:"province"`
	Detail   string `json:"detail,omitempty"`
	Postcode string `json:"postcode,omitempty"`
}

// validate checks every field at once and returns the input cleaned:
// text trimmed, the phone as 11 digits, the province by its full name.
// Each message names its field in Chinese.
func (in ExpressInput) validate() (ExpressInput, error) {
	fields := map[string]string{}
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "":
		fields["name"] = "请填写收件人姓名"
	case !cleanText(in.Name):
		fields["name"] = "收件人姓名含有不允许的字符"
	case utf8.RuneCountInString(in.Name) > MaxRecipientName:
		fields["name"] = "收件人姓名不能超过30个字"
	}
	phone, err := check.Phone(in.Phone)
	if err != nil {
		fields["phone"] = "收件人手机号码：" + err.Error()
	}
	in.Phone = phone
	var msg string
	if in.Province, msg = province(in.Province); msg != "" {
		fields["province"] = msg
	}
	in.Detail = strings.TrimSpace(in.Detail)
	if msg := detailProblem(in.Detail); msg != "" {
		fields["detail"] = msg
	}
	in.Postcode = strings.TrimSpace(in.Postcode)
	if in.Postcode != "" && (len(in.Postcode) != 6 || strings.Trim(in.Postcode, "0123456789") != "") {
		fields["postcode"] = "邮政编码应为6位数字"
	}
	if len(fields) > 0 {
		return in, &apperr.Error{Code: apperr.CodeInvalid, Message: "请检查收件信息", Fields: fields}
	}
	return in, nil
}

// province returns the full name of a mainland province given by its full
// or short name ("江苏省", "江苏"), or a message saying why it is refused.
func province(p string) (string, string) {
	p = strings.TrimSpace(p)
	if p == "" {
		return "", "请选择收件省份"
	}
	for _, full := range Provinces {
		if p == full || p == shortProvince(full) {
			return full, ""
		}
	}
	for _, o := range outsideMainland {
		if strings.HasPrefix(p, o) {
			return p, "暂不支持寄往港澳台地区，请选择内地省份或选择同城取件"
		}
	}
	return p, "收件省份须为中国内地31个省、自治区、直辖市之一，暂不支持寄往境外"
}

// shortProvince drops the suffix people leave out: 江苏省 → 江苏,
// 广西壮族自治区 → 广西, 北京市 → 北京.
func shortProvince(full string) string {
	for _, suffix := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"} {
		if s, ok := strings.CutSuffix(full, suffix); ok {
			return s
		}
	}
	return full
}

// detailProblem says what is wrong with a detailed address, "" if nothing.
// A mainland address is written in Chinese, so one without a single Han
// character is refused too (it is abroad or not an address).
func detailProblem(d string) string {
	n := utf8.RuneCountInString(d)
	switch {
	case d == "":
		return "请填写详细地址（街道、门牌号等）"
	case !cleanText(d):
		return "详细地址含有不允许的字符"
	case n < MinAddressDetail:
		return "详细地址至少5个字，请写明街道、门牌号"
	case n > MaxAddressDetail:
		return "详细地址不能超过120个字"
	case !strings.ContainsFunc(d, func(r rune) bool { return unicode.Is(unicode.Han, r) }):
		return "详细地址请用中文填写，暂不支持寄往境外"
	}
	return ""
}

// cleanText reports whether s is valid UTF-8 free of control and
// formatting characters (line breaks, zero-width and direction marks) and
// of angle brackets: nothing that could smuggle markup or reorder text on
// a waybill.
func cleanText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '<' || r == '>' || r == utf8.RuneError
	})
}
