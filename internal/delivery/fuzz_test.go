package delivery

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzExpressValidate: whatever comes in, an accepted address has a
// mainland province, a mobile number, a 5–120 character Chinese detail
// free of control characters, and a postcode of 6 digits or none.
func FuzzExpressValidate(f *testing.F) {
	f.Add("王小栖", "13800000001", "江苏", "南京市栖霞区文苑路9号", "210023")
	f.Add("", "+86 138 0000 0001", "香港", "中环皇后大道中1号", "")
	f.Add("A\u202eB", "12345", "美国", "1600 Amphitheatre Pkwy", "2100")
	f.Add("王", "13800000001", "新疆维吾尔自治区", "乌鲁木齐市\x00天山区", "830000")
	f.Fuzz(func(t *testing.T, name, phone, province, detail, postcode string) {
		in, err := ExpressInput{Name: name, Phone: phone, Province: province, Detail: detail, Postcode: postcode}.validate()
		if err != nil {
			return
		}
		n := utf8.RuneCountInString(in.Detail)
		switch {
		case !slices.Contains(Provinces, in.Province):
			t.Fatalf("accepted province %q", in.Province)
		case len(in.Phone) != 11 || in.Phone[0] != '1':
			t.Fatalf("accepted phone %q", in.Phone)
		case n < MinAddressDetail || n > MaxAddressDetail || !cleanText(in.Detail) || !cleanText(in.Name):
			t.Fatalf("accepted %+v", in)
		case !strings.ContainsFunc(in.Detail, func(r rune) bool { return unicode.Is(unicode.Han, r) }):
			t.Fatalf("accepted a detail without Chinese: %q", in.Detail)
		case in.Postcode != "" && len(in.Postcode) != 6:
			t.Fatalf("accepted postcode %q", in.Postcode)
		}
	})
}

// FuzzHandoverValidate: an accepted entry is a six-digit code and a valid
// ID number.
func FuzzHandoverValidate(f *testing.F) {
	f.Add("123456", "320113198505120031")
	f.Add(" 000000 ", "11010519491231002x")
	f.Add("12345a", "320113198505120032")
	f.Fuzz(func(t *testing.T, code, id string) {
		in, err := HandoverInput{Code: code, IDNumber: id}.validate(chinaTimeNow)
		if err != nil {
			return
		}
		if len(in.Code) != 6 || strings.Trim(in.Code, "0123456789") != "" || len(in.IDNumber) != 18 {
			t.Fatalf("accepted %q, %q", in.Code, in.IDNumber)
		}
	})
}
