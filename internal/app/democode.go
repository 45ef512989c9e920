package app

import "github.com/shanzhi-gov/shanzhi/internal/platform/check"

// mustDemoCode builds the demo company's credit code: registration
// authority 9 (市场监管), type 1 (company), Qixia 320113, a made-up
// organisation code with its GB 11714 check character, then the GB 32100
// check character.
func mustDemoCode() string {
	const body = "MA1XDK7W"
	orgCheck, err := check.OrgCodeCheckChar(body)
	if err != nil {
		panic(err)
	}
	return check.MakeCreditCode("91320113" + body + string(orgCheck))
}
