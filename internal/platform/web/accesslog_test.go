package web

import (
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRequestLogOneLinePerRequest(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.API(Op{Method: "GET", Path: "/things/{id}", OperationID: "getThing", Summary: "查看",
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)
	tests := []struct {
		name, path, who, route string
		status                 int
		account                float64
	}{
		{"anonymous", "/api/v1/things/5", "", "/api/v1/things/{id}", 200, 0},
		{"signed in", "/api/v1/things/6", "tok-staff", "/api/v1/things/{id}", 200, 8},
		{"unmatched", "/wp-admin/setup.php", "", "unmatched", 404, 0},
		{"built in", "/healthz", "", "/healthz", 200, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(h.logs.lines(t))
			w := h.do(req("GET", tc.path, tc.who, nil))
			lines := h.logs.lines(t)
			if len(lines) != before+1 {
				t.Fatalf("%d log lines for one request", len(lines)-before)
			}
			l := lines[len(lines)-1]
			if l["msg"] != "http request" || l["method"] != "GET" || l["route"] != tc.route ||
				l["status"] != float64(tc.status) || l["request_id"] != w.Header().Get(RequestIDHeader) {
				t.Errorf("log line %v", l)
			}
			if l["bytes"] != float64(w.Body.Len()) {
				t.Errorf("bytes %v, body has %d", l["bytes"], w.Body.Len())
			}
			if _, ok := l["duration_ms"].(float64); !ok {
				t.Errorf("no duration: %v", l)
			}
			if got, _ := l["account_id"].(float64); got != tc.account {
				t.Errorf("account_id %v, want %v", l["account_id"], tc.account)
			}
		})
	}
}

// TestRequestLogHoldsNoPersonalData sends a phone and an ID number in every
// place a request can carry them; neither may reach the log.
func TestRequestLogHoldsNoPersonalData(t *testing.T) {
	t.Parallel()
	const phone, idNumber = "13912345678", "320113199001011234"
	h := newHarness(t)
	h.rt.Page("GET /residents/{phone}", okHandler)
	h.rt.Page("POST /residents", okHandler)
	h.rt.API(Op{Method: "POST", Path: "/residents", OperationID: "createResident", Summary: "登记", Auth: true,
		Request: map[string]any{}, Responses: map[int]Response{201: {Description: "好"}}},
		func(w http.ResponseWriter, r *http.Request) {
			var v struct {
				Phone string `json:"phone"`
			}
			if err := DecodeJSON(r, &v, 1024); err != nil {
				WriteError(w, r, err)
				return
			}
			WriteJSON(w, 201, map[string]string{"ok": "1"})
		})
	form := url.Values{"phone": {phone}, "id_number": {idNumber}, CSRFField: {"csrf-7"}}
	var mp strings.Builder
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("id_number", idNumber)
	_ = mw.WriteField(CSRFField, "csrf-7")
	_ = mw.Close()
	requests := []*http.Request{
		req("GET", "/residents/"+phone+"?id="+idNumber, "", nil),
		req("GET", "/nothing/"+idNumber+"?phone="+phone, "", nil),
		req("GET", "/api/v1/lookup?phone="+phone+"&id="+idNumber, "", nil),
		withCT(req("POST", "/residents?phone="+phone, "tok-resident", strings.NewReader(form.Encode())), "application/x-www-form-urlencoded"),
		withCT(req("POST", "/residents", "tok-resident", strings.NewReader(mp.String())), mw.FormDataContentType()),
		withCT(req("POST", "/residents", "", strings.NewReader(form.Encode())), "application/x-www-form-urlencoded"),
		withHeader(jsonReq("POST", "/api/v1/residents?id="+idNumber, "tok-resident", `{"phone":"`+phone+`","id_number":"`+idNumber+`"}`), CSRFHeader, "csrf-7"),
		withHeader(jsonReq("POST", "/api/v1/residents", "tok-resident", `{"phone":"`+phone+`"}`), CSRFHeader, "csrf-7"),
	}
	for _, r := range requests {
		h.do(r)
	}
	logs := h.logs.String()
	if got := len(h.logs.lines(t)); got != len(requests) {
		t.Fatalf("%d log lines for %d requests", got, len(requests))
	}
	for _, secret := range []string{phone, idNumber} {
		if strings.Contains(logs, secret) {
			t.Errorf("log holds %s:\n%s", secret, logs)
		}
	}
}

func withCT(r *http.Request, ct string) *http.Request {
	r.Header.Set("Content-Type", ct)
	return r
}

func withHeader(r *http.Request, k, v string) *http.Request {
	r.Header.Set(k, v)
	return r
}

func TestMethodLabelBoundsCardinality(t *testing.T) {
	t.Parallel()
	for m, want := range map[string]string{"GET": "GET", "DELETE": "DELETE", "PROPFIND": "OTHER", "get": "OTHER"} {
		if got := methodLabel(m); got != want {
			t.Errorf("methodLabel(%q) = %q, want %q", m, got, want)
		}
	}
}
