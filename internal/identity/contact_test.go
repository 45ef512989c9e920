package identity_test

import "testing"

// TestContactGivesTheAccountsPhoneInClear checks the port modules use
// when an account is a party: the phone in clear, a name, and no answer
// for an account that does not exist.
func TestContactGivesTheAccountsPhoneInClear(t *testing.T) {
	f := newFixture(t)
	id, err := f.s.BootstrapResident(f.ctx, district, testPhone)
	if err != nil {
		t.Fatal(err)
	}
	name, phone, err := f.s.Contact(f.ctx, id)
	if err != nil || phone != testPhone || name == "" {
		t.Fatalf("contact = %q %q %v, want a name and %s", name, phone, err, testPhone)
	}
	if _, _, err := f.s.Contact(f.ctx, id+1000); err == nil {
		t.Fatal("an unknown account has a contact")
	}
}
