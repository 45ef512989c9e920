package identity_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// TestRawPersonalDataNeverLeavesTheServer runs the page and API flows that
// handle phone and ID numbers, with mistakes, and scans every response
// (status, headers, body) and every request and service log line for the
// raw values.
func TestRawPersonalDataNeverLeavesTheServer(t *testing.T) {
	s := newSite(t)
	const staffPhone = "13511112222"
	otherID := check.MakeIDNumber("320113", start.AddDate(-50, 0, 0), 77)
	secrets := []string{testPhone, otherPhone, staffPhone, testID, otherID, testID[6:17], otherID[6:17],
		"138 1234 5678", "+8613987654321"}

	// A resident through the pages, with a rejected and an accepted real name.
	r := s.browser(t)
	r.get("/login")
	w := r.post("/login/sms-code", url.Values{"phone": {"138 1234 5678"}})
	token := phoneToken(t, w)
	good, _ := s.f.sms.LastCode(testPhone)
	r.post("/login/resident", url.Values{"phone_token": {token}, "code": {wrongCode(good)}})
	r.post("/login/resident", url.Values{"phone_token": {token}, "code": {good}})
	r.get("/account")
	r.post("/account/real-name", url.Values{"name": {"赵六"}, "id_number": {testID}, "bogus": {"1"}})
	r.post("/account/real-name", url.Values{"name": {strings.Repeat("长", 80)}, "id_number": {testID}})
	expectRedirect(t, r.post("/account/real-name", url.Values{"name": {"赵六"}, "id_number": {testID}}), "/account?done=realname")
	r.get("/account?done=realname")
	r.post("/account/enterprises", url.Values{"credit_code": {validCredit(t, "MA1PR1Q0")}, "name": {"隐私公司"}})
	r.get("/account")
	r.post("/logout", nil)

	// Another resident through the API, with a bad and a good ID number.
	a := s.browser(t)
	a.api(http.MethodPost, "/sessions/sms-code", `{"phone":"+8613987654321"}`, "")
	code, _ := s.f.sms.LastCode(otherPhone)
	w = a.api(http.MethodPost, "/sessions/resident", fmt.Sprintf(`{"phone":"+8613987654321","code":%q}`, code), "")
	csrf := decode[struct {
		CSRFToken string `json:"csrf_token"`
	}](t, w.Body.Bytes()).CSRFToken
	a.api(http.MethodPut, "/me/real-name", fmt.Sprintf(`{"name":"钱七","id_number":%q}`, otherID[:17]+"Z"), csrf)
	expect(t, a.api(http.MethodPut, "/me/real-name", fmt.Sprintf(`{"name":"钱七","id_number":%q}`, otherID), csrf), http.StatusOK)
	a.api(http.MethodGet, "/me", "", "")

	// An administrator creating a colleague with a phone number, once
	// refused (duplicate) so the form comes back.
	s.f.bootstrapAdmin(t)
	adm := s.browser(t)
	adm.signInStaff(adminName, adminPass)
	form := url.Values{"username": {"with.phone"}, "display_name": {"孙八"}, "password": {"Phone-pass-2026"},
		"phone": {staffPhone}, "role": {"approver"}, "scope_kind": {"district"}, "scope_code": {district}}
	w = adm.post("/console/staff", form)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", w.Code, w.Body.String())
	}
	adm.get(w.Header().Get("Location"))
	adm.post("/console/staff", form)
	adm.get("/console/staff")

	all := s.everything()
	if !strings.Contains(all, "138****5678") || !strings.Contains(all, "135****2222") {
		t.Fatal("the masked numbers are missing: the flows did not run as expected")
	}
	for _, v := range secrets {
		if strings.Contains(all, v) {
			t.Errorf("raw personal data %q appears in a response or a log line", v)
		}
	}
}
