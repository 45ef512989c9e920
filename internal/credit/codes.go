package credit

import (
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// MakeEntityCode returns a valid unified social credit code of an
// enterprise registered in Qixia (91320113…), distinct for each seq in
// 0–9,999,999, with both check characters right. For demo data, tests and
// synthetic loads.
func MakeEntityCode(seq int) string {
	body := fmt.Sprintf("7%07d", seq%10_000_000)
	org, err := check.OrgCodeCheckChar(body)
	if err != nil {
		panic(fmt.Sprintf("credit.MakeEntityCode: %v", err))
	}
	return check.MakeCreditCode("91320113" + body + string(org))
}

// MakePersonID returns a valid resident ID number of Qixia (320113…),
// distinct for each seq in 0–9,999,999: the birth date moves a day every
// thousand numbers from 1950-01-01. For demo data, tests and synthetic
// loads.
func MakePersonID(seq int) string {
	birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, seq/1000)
	return check.MakeIDNumber("320113", birth, seq%1000)
}
