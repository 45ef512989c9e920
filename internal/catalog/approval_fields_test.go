package catalog

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestApprovalFieldsValidation(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Item)
		field string
	}{
		{"level too high", func(it *Item) { it.IdentityLevel = 4 }, "identity_level"},
		{"negative level", func(it *Item) { it.IdentityLevel = -1 }, "identity_level"},
		{"unknown rules", func(it *Item) { it.CreditRules = "lenient" }, "credit_rules"},
		{"unknown role", func(it *Item) { it.PartyRoles = []PartyRole{"chairman"} }, "party_roles[0]"},
		{"duplicate role", func(it *Item) { it.PartyRoles = []PartyRole{RoleLegalRep, RoleLegalRep} }, "party_roles[1]"},
	}
	for _, c := range cases {
		it := validItem("012300300001-320113")
		c.edit(&it)
		e, ok := apperr.As(it.Validate(testDepts))
		if !ok || e.Fields[c.field] == "" {
			t.Errorf("%s: %v, want a problem on %s", c.name, e, c.field)
		}
	}
	it := validItem("012300300001-320113")
	it.IdentityLevel, it.CreditRules, it.PartyRoles = 3, CreditMarketEntry, []PartyRole{RoleLegalRep, RoleShareholder}
	if err := it.Validate(testDepts); err != nil {
		t.Errorf("valid approval fields refused: %v", err)
	}
}
