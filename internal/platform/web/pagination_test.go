package web

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
)

func TestParsePage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		query string
		want  Page
		bad   string
	}{
		{"", Page{Limit: 20}, ""},
		{"limit=50&offset=100", Page{Limit: 50, Offset: 100}, ""},
		{"limit=100", Page{Limit: 100}, ""},
		{"limit=101", Page{}, "limit"},
		{"limit=0", Page{}, "limit"},
		{"limit=x", Page{}, "limit"},
		{"offset=-1", Page{}, "offset"},
		{"cursor=abc_123", Page{Limit: 20, Cursor: "abc_123"}, ""},
		{"cursor=abc&offset=20", Page{}, "cursor"},
		{"cursor=a%20b", Page{}, "cursor"},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			p, err := ParsePage(httptest.NewRequest("GET", "/x?"+tc.query, nil))
			if tc.bad != "" {
				if err == nil || !containsField(err, tc.bad) {
					t.Fatalf("want an error on %s, got %v", tc.bad, err)
				}
				return
			}
			if err != nil || p != tc.want {
				t.Fatalf("got %+v %v, want %+v", p, err, tc.want)
			}
		})
	}
}

func containsField(err error, field string) bool {
	d := ErrorBody{}
	w := httptest.NewRecorder()
	WriteError(w, httptest.NewRequest("GET", "/", nil), err)
	_ = json.Unmarshal(w.Body.Bytes(), &d)
	return w.Code == 400 && d.Error.Fields[field] != ""
}

func TestLists(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest("GET", "/api/v1/things?status=open&offset=0&limit=2", nil)
	p, _ := ParsePage(r)
	l := OffsetList(r, []string{"a", "b"}, p, 5)
	if l.Next != "/api/v1/things?limit=2&offset=2&status=open" || l.Total != 5 {
		t.Errorf("first page: %+v", l)
	}
	r2 := httptest.NewRequest("GET", l.Next, nil)
	p2, _ := ParsePage(r2)
	r3 := httptest.NewRequest("GET", "/api/v1/things?limit=2&offset=4", nil)
	p3, _ := ParsePage(r3)
	if OffsetList(r2, []string{"c", "d"}, p2, 5).Next == "" || OffsetList(r3, []string{"e"}, p3, 5).Next != "" {
		t.Error("next of middle/last page wrong")
	}
	b, _ := json.Marshal(OffsetList[string](r, nil, p, 0))
	if string(b) != `{"items":[],"total":0}` {
		t.Errorf("empty list encodes as %s", b)
	}
	c := CursorList(r, []int{1}, p, "k42", -1)
	if c.Next != "/api/v1/things?cursor=k42&limit=2&status=open" {
		t.Errorf("cursor next: %s", c.Next)
	}
	if CursorList(r, []int{1}, p, "", -1).Next != "" {
		t.Error("last keyset page has a next")
	}
}
