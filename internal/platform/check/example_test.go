package check_test

import (
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

func ExampleIDNumber() {
	fmt.Println(check.IDNumber("11010519491231002x"))
	fmt.Println(check.IDNumber("110105194912310021"))
	// Output:
	// <nil>
	// 身份证号码校验位错误
}

func ExampleCreditCode() {
	r, err := check.CreditCode("914403001922038217")
	fmt.Println(r.ChecksumOK, err)
	fmt.Println(r.Warning)
	// Output:
	// false <nil>
	// 统一社会信用代码校验位不符，可能为试点期间赋予的代码，请核实
}

// A warning-free code for demo data: authority 9 (工商), type 1 (企业),
// division 320100, organisation code body plus its GB 11714 check.
func ExampleMakeCreditCode() {
	body := "MA1XYW00"
	org, _ := check.OrgCodeCheckChar(body)
	code := check.MakeCreditCode("91320100" + body + string(org))
	r, err := check.CreditCode(code)
	fmt.Println(code, r.Warning == "", err)
	// Output: 91320100MA1XYW001Y true <nil>
}

func ExamplePhone() {
	fmt.Println(check.Phone("+86 138-0013-8000"))
	// Output: 13800138000 <nil>
}
