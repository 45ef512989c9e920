package credit_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// Session tokens of the test actors; CSRF tokens are "csrf-" + token.
var tokens = webtest.Sessions{"admin": admin, "approver": approverA, "front": frontDesk,
	"inspector": inspector, "leader": leader, "grid": grid, "resident": resident}

type site struct {
	*fixture
	rt *web.Router
}

func newSite(t testing.TB) *site {
	t.Helper()
	f := newFixture(t)
	rt := webtest.NewRouter(t, f.d, credit.Templates, credit.Nav(), tokens, func(rt *web.Router, rd *web.Renderer) {
		credit.NewHandlers(f.s, rd).Register(rt)
	})
	return &site{fixture: f, rt: rt}
}

// do sends a request as who (session cookie and CSRF header), with ct as
// the body's Content-Type.
func (s *site) do(method, target, who string, body io.Reader, ct string) *httptest.ResponseRecorder {
	return webtest.Do(s.rt, method, target, who, body, ct)
}

func TestAPIScenarios(t *testing.T) {
	s := newSite(t)
	code := personID(1)
	own := personID(2)
	s.own[resident.AccountID] = []string{own}
	recIn := rec(code, "api-1", credit.Serious)
	cases := []struct {
		name, method, path, who string
		body                    any
		status                  int
		contains                string
	}{
		{"approver reports for own department", "POST", "/api/v1/credit/records", "approver", recIn, 201, `"document_no":"api-1"`},
		{"duplicate submit refused", "POST", "/api/v1/credit/records", "approver", recIn, 409, "不能重复报送"},
		{"approver of other department", "POST", "/api/v1/credit/records", "approver", func() credit.RecordInput { r := rec(code, "api-2", credit.General); r.Department = deptB; return r }(), 403, ""},
		{"front desk may not report", "POST", "/api/v1/credit/records", "front", rec(code, "api-3", credit.General), 403, ""},
		{"anonymous", "POST", "/api/v1/credit/records", "", rec(code, "api-4", credit.General), 401, ""},
		{"bad check digit", "POST", "/api/v1/credit/records", "admin", rec(code[:17]+"Z", "api-5", credit.General), 400, "subject_code"},
		{"front desk views", "GET", "/api/v1/credit/subjects/" + code + "/records", "front", nil, 200, `"severity":"serious"`},
		{"grid worker may not view", "GET", "/api/v1/credit/subjects/" + code + "/records", "grid", nil, 403, ""},
		{"resident may not view others", "GET", "/api/v1/credit/subjects/" + code + "/records", "resident", nil, 403, ""},
		{"bad code", "GET", "/api/v1/credit/subjects/123/records", "front", nil, 400, ""},
		{"resident views own", "GET", "/api/v1/credit/me", "resident", nil, 200, `"records":[]`},
		{"staff has no own view", "GET", "/api/v1/credit/me", "front", nil, 403, ""},
		{"check refuses legal rep", "POST", "/api/v1/credit/checks", "approver", credit.Request{RuleSet: "market_entry",
			Parties: []credit.Party{{Role: credit.LegalRep, Code: code}}}, 200, `"outcome":"refuse"`},
		{"grid worker may not check", "POST", "/api/v1/credit/checks", "grid", credit.Request{Parties: []credit.Party{{Role: credit.Applicant, Code: code}}}, 403, ""},
		{"rule sets public", "GET", "/api/v1/credit/rule-sets", "", nil, 200, "market_entry"},
		{"admin lists", "POST", "/api/v1/credit/list-entries", "admin", credit.ListInput{SubjectCode: entityCode(5), List: credit.BlackList,
			Department: deptA, Reason: "虚假登记", From: "2026-01-01"}, 201, `"list":"black"`},
		{"approver may not list", "POST", "/api/v1/credit/list-entries", "approver", credit.ListInput{SubjectCode: entityCode(5), List: credit.BlackList,
			Department: deptA, Reason: "虚假登记", From: "2026-01-01"}, 403, ""},
		{"repair needs admin", "POST", "/api/v1/credit/records/1/repair", "approver", credit.RepairInput{On: "2026-03-01", Note: "整改"}, 403, ""},
		{"admin repairs", "POST", "/api/v1/credit/records/1/repair", "admin", credit.RepairInput{On: "2026-03-01", Note: "整改"}, 200, `"repair"`},
		{"bad id", "POST", "/api/v1/credit/records/x/repair", "admin", credit.RepairInput{On: "2026-03-01", Note: "整改"}, 400, ""},
		{"front desk records commitment", "POST", "/api/v1/credit/commitments", "front", credit.CommitmentInput{SubjectCode: own, Text: "承诺"}, 201, `"status":"pending"`},
		{"inspector breaks it", "POST", "/api/v1/credit/commitments/1/break", "inspector", credit.Breach{Department: deptA, DocumentNo: "api-b", DecidedOn: "2026-03-01"}, 200, `"status":"broken"`},
		{"settled twice", "POST", "/api/v1/credit/commitments/1/keep", "inspector", nil, 409, ""},
	}
	for _, c := range cases {
		w := webtest.DoJSON(s.rt, c.method, c.path, c.who, c.body)
		if w.Code != c.status || !strings.Contains(w.Body.String(), c.contains) {
			t.Errorf("%s: %d %s, want %d with %q", c.name, w.Code, w.Body.String(), c.status, c.contains)
		}
		if strings.Contains(w.Body.String(), code) || strings.Contains(w.Body.String(), own) {
			t.Errorf("%s: answer holds an ID number in clear", c.name)
		}
	}
}

func TestAPIImport(t *testing.T) {
	s := newSite(t)
	good := csvHeader + csvRow("自然人", "王五", personID(1), "行政处罚", "一般失信", "imp-1", "2026-01-05", "", "")
	w := s.do("POST", "/api/v1/credit/imports?department="+deptA, "approver", strings.NewReader(good), "text/csv")
	if w.Code != 201 || !strings.Contains(w.Body.String(), `"added":1`) {
		t.Fatalf("good import: %d %s", w.Code, w.Body.String())
	}
	w = s.do("POST", "/api/v1/credit/imports?department="+deptA, "approver", strings.NewReader(good), "text/csv")
	var fail credit.ImportFailure
	if err := json.Unmarshal(w.Body.Bytes(), &fail); err != nil || w.Code != 400 || fail.Error.Code != "invalid" ||
		fail.Report == nil || fail.Report.ProblemCount != 1 || fail.Report.Problems[0].Row != 2 {
		t.Fatalf("re-import: %d %s", w.Code, w.Body.String())
	}
	w = s.do("POST", "/api/v1/credit/imports?department="+deptB, "approver", strings.NewReader(good), "text/csv")
	if w.Code != 403 {
		t.Errorf("other department: %d", w.Code)
	}
}

func TestConsolePage(t *testing.T) {
	s := newSite(t)
	code := personID(1)
	s.record(t, rec(code, "page-1", credit.Serious))
	if w := s.do("GET", "/console/credit", "front", nil, ""); w.Code != 200 || !strings.Contains(w.Body.String(), "查询主体") ||
		strings.Contains(w.Body.String(), "报送信用记录") {
		t.Errorf("front desk page: %d", w.Code)
	}
	if w := s.do("GET", "/console/credit", "grid", nil, ""); w.Code != 403 {
		t.Errorf("grid worker page: %d", w.Code)
	}
	form := url.Values{"code": {code}, web.CSRFField: {"csrf-front"}}
	w := s.do("POST", "/console/credit", "front", strings.NewReader(form.Encode()), webtest.FormCT)
	body := w.Body.String()
	if w.Code != 200 || strings.Contains(body, code) || !strings.Contains(body, code[:6]+"********"+code[14:]) ||
		!strings.Contains(body, "page-1") || !strings.Contains(body, "有效") {
		t.Errorf("search: %d %s", w.Code, body)
	}
	form.Set("code", "12345")
	if w := s.do("POST", "/console/credit", "front", strings.NewReader(form.Encode()), webtest.FormCT); w.Code != 422 {
		t.Errorf("bad code: %d", w.Code)
	}
}

func TestConsoleUpload(t *testing.T) {
	s := newSite(t)
	upload := func(file string) *httptest.ResponseRecorder {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField(web.CSRFField, "csrf-approver")
		_ = mw.WriteField("department", deptA)
		fw, _ := mw.CreateFormFile("file", "records.csv")
		_, _ = fw.Write([]byte(file))
		_ = mw.Close()
		return s.do("POST", "/console/credit/import", "approver", &buf, mw.FormDataContentType())
	}
	bad := csvHeader + csvRow("", "", personID(3)[:17]+"Z", "行政处罚", "一般失信", "u-1", "2026-01-05", "", "")
	w := upload(bad)
	if w.Code != 422 || !strings.Contains(w.Body.String(), "问题清单") || !strings.Contains(w.Body.String(), "证件号码") {
		t.Errorf("bad upload: %d %s", w.Code, w.Body.String())
	}
	w = upload(csvHeader + csvRow("", "", personID(3), "行政处罚", "一般失信", "u-1", "2026-01-05", "", ""))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "已导入 1 条") {
		t.Errorf("good upload: %d %s", w.Code, w.Body.String())
	}
}

func TestOpenAPIDocumentsCredit(t *testing.T) {
	s := newSite(t)
	w := s.do("GET", "/api/v1/openapi.json", "", nil, "")
	for _, id := range []string{"createCreditRecord", "importCreditRecords", "getCreditDossier", "runCreditCheck", "breakCreditCommitment"} {
		if !strings.Contains(w.Body.String(), id) {
			t.Errorf("openapi lacks %s", id)
		}
	}
}
