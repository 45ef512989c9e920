package catalog

import "fmt"

// PartyRole is a related person an application for the item must name.
type PartyRole string

// The roles of related persons (they match the approval module's).
const (
	RoleLegalRep    PartyRole = "legal_rep"
	RoleShareholder PartyRole = "shareholder"
	RoleDirector    PartyRole = "director"
	RoleSupervisor  PartyRole = "supervisor"
	RoleManager     PartyRole = "manager"
	RoleAgent       PartyRole = "agent"
)

var partyRoleNames = map[PartyRole]string{RoleLegalRep: "法定代表人", RoleShareholder: "股东", RoleDirector: "董事",
	RoleSupervisor: "监事", RoleManager: "经理", RoleAgent: "委托代理人"}

// Name is the role's Chinese name.
func (r PartyRole) Name() string { return nameOr(partyRoleNames, r) }

// Valid reports whether r is a known role.
func (r PartyRole) Valid() bool { _, ok := partyRoleNames[r]; return ok }

// CreditRuleSet names the credit admission rules an item is checked by.
type CreditRuleSet string

// The rule sets. They mirror the credit module's (internal/app checks that
// the two lists agree); "" means the default set.
const (
	CreditDefault     CreditRuleSet = "default"
	CreditMarketEntry CreditRuleSet = "market_entry"
	CreditCommitment  CreditRuleSet = "commitment"
)

var creditRuleNames = map[CreditRuleSet]string{CreditDefault: "一般规则", CreditMarketEntry: "市场主体准入",
	CreditCommitment: "告知承诺"}

// CreditRuleSets lists the rule sets an item may name.
func CreditRuleSets() []CreditRuleSet {
	return []CreditRuleSet{CreditDefault, CreditMarketEntry, CreditCommitment}
}

// Name is the rule set's Chinese name.
func (c CreditRuleSet) Name() string {
	if c == "" {
		return creditRuleNames[CreditDefault]
	}
	return nameOr(creditRuleNames, c)
}

// MaxIdentityLevel is the highest identity level (face match).
const MaxIdentityLevel = 3

// checkApproval checks what online applications for the item need.
func (it *Item) checkApproval(p *problems) {
	if it.IdentityLevel < 0 || it.IdentityLevel > MaxIdentityLevel {
		p.add("identity_level", "身份核验等级应为0（按事项类型默认）到3")
	}
	if _, ok := creditRuleNames[it.CreditRules]; it.CreditRules != "" && !ok {
		p.add("credit_rules", "信用准入规则无效")
	}
	seen := map[PartyRole]bool{}
	for i, r := range it.PartyRoles {
		at := fmt.Sprintf("party_roles[%d]", i)
		switch {
		case !r.Valid():
			p.add(at, "相关人员身份无效")
		case seen[r]:
			p.add(at, "相关人员身份重复")
		}
		seen[r] = true
	}
}
