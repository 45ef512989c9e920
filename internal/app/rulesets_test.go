package app_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
)

// The catalogue lets items name a credit rule set without importing the
// credit module; the two lists must agree.
func TestCatalogueNamesTheCreditRuleSets(t *testing.T) {
	sets := credit.RuleSets()
	names := catalog.CreditRuleSets()
	if len(sets) != len(names) {
		t.Fatalf("credit has %d rule sets, the catalogue %d", len(sets), len(names))
	}
	for i, rs := range sets {
		if string(names[i]) != rs.Name {
			t.Errorf("rule set %d: credit %q, catalogue %q", i, rs.Name, names[i])
		}
	}
}
