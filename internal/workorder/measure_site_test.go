package workorder

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestMeasurePagesAndAPI(t *testing.T) {
	s := newSite(t)
	m := scriptOrders(t, s.rig)
	q := "?by=community&from=" + day + "&to=" + day
	checks := []struct {
		name, path, who string
		status          int
		contains        []string
	}{
		{"the leaders' page", MeasuresPath + q, "leader", 200, []string{"工单统计", "仙鹤社区", "尧化社区", "33.3%", "合计", "导出Excel"}},
		{"administrators may recompute", MeasuresPath, "admin", 200, []string{"从工单事件重新计算"}},
		{"leaders may not recompute", MeasuresPath, "leader", 200, nil},
		{"a bad period is named", MeasuresPath + "?from=2026-03-05&to=2026-03-01", "leader", 422, []string{"结束日期不能早于开始日期"}},
		{"front desk may not see the measures", MeasuresPath, "desk", 403, nil},
		{"residents may not", MeasuresPath, "res", 403, nil},
		{"sign in first", MeasuresPath, "", 303, nil},
		{"the board", BoardPath, "grid", 200, []string{"督办看板", m.numbers["D"], "已逾期2天0小时", "仙鹤社区"}},
		{"the board, overdue only", BoardPath + "?only=overdue", "leader", 200, []string{m.numbers["D"]}},
		{"residents have no board", BoardPath, "res", 403, nil},
		{"the API", "/api/v1/workorder-measures" + q, "leader", 200, []string{`"on_time_rate":0.333`, `"name":"仙鹤社区"`}},
		{"the API names bad fields", "/api/v1/workorder-measures?by=all", "leader", 400, []string{`"by":"invalid"`}},
		{"the API refuses residents", "/api/v1/workorder-measures", "res", 403, nil},
		{"the board API", "/api/v1/workorder-board", "desk", 200, []string{`"overdue":1`, m.numbers["D"]}},
		{"the board API refuses keys", "/api/v1/workorder-board", "key", 403, nil},
	}
	for _, c := range checks {
		w := s.do("GET", c.path, c.who, nil, "")
		if w.Code != c.status {
			t.Errorf("%s: %d %s", c.name, w.Code, w.Body.String())
			continue
		}
		for _, want := range c.contains {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s: no %q", c.name, want)
			}
		}
		if c.name == "leaders may not recompute" && strings.Contains(w.Body.String(), "重新计算全部") {
			t.Error("leaders are offered the recomputation")
		}
	}
	var got Measures
	w := s.do("GET", "/api/v1/workorder-measures"+q, "leader", nil, "")
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || got.Total.Received != 5 || got.Rows[1].ResponseRate != nil {
		t.Errorf("API body: %v %+v", err, got)
	}
	if w := s.do("POST", MeasuresPath+"/recompute", "leader", nil, ""); w.Code != 403 {
		t.Errorf("a leader recomputed: %d", w.Code)
	}
	if w := s.do("POST", MeasuresPath+"/recompute", "admin", nil, ""); w.Code != 303 || !strings.Contains(w.Header().Get("Location"), "done=") {
		t.Errorf("recompute: %d %s", w.Code, w.Header().Get("Location"))
	}
}

func TestMeasureExports(t *testing.T) {
	s := newSite(t)
	scriptOrders(t, s.rig)
	q := "&by=street&from=" + day + "&to=" + day
	w := s.do("GET", MeasuresPath+"/export?format=csv"+q, "leader", nil, "")
	body := w.Body.String()
	if w.Code != 200 || !strings.HasPrefix(body, "\ufeff") || !strings.Contains(w.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(w.Header().Get("Content-Disposition"), ".csv") {
		t.Fatalf("csv: %d %v", w.Code, w.Header())
	}
	for _, want := range []string{"受理量,有效诉求", "仙林街道,4,3,3,1.0000,1.5000,2,1,1,0,0,0.5000,1,1,1,0.3333,28.0000,2,1,0.5000", "合计,5,3"} {
		if !strings.Contains(body, want) {
			t.Errorf("csv lacks %q:\n%s", want, body)
		}
	}
	w = s.do("GET", MeasuresPath+"/export?format=xlsx"+q, "leader", nil, "")
	if w.Code != 200 {
		t.Fatalf("xlsx: %d", w.Code)
	}
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(SheetMeasures)
	if err != nil || len(rows) != 5 || rows[1][2] != "受理量" || rows[2][1] != "仙林街道" || rows[4][1] != "合计" ||
		rows[2][16] != "33.33%" {
		t.Errorf("xlsx rows: %v %v", rows, err)
	}
	for _, c := range []struct {
		path, who string
		status    int
	}{{"/export?format=pdf" + q, "leader", 400}, {"/export?format=csv" + q, "desk", 403},
		{"/export?format=xlsx" + q, "res", 403}, {"/export?format=csv&from=x", "leader", 400}} {
		if w := s.do("GET", MeasuresPath+c.path, c.who, nil, ""); w.Code != c.status {
			t.Errorf("%s as %s: %d, want %d", c.path, c.who, w.Code, c.status)
		}
	}
}

func TestExportCellsAreSafe(t *testing.T) {
	m := Measures{Query: MeasureQuery{By: ByUnit, From: day, To: day}, AsOf: testNow,
		Rows: []MeasureRow{{Key: "=cmd|' /C calc'!A0", Name: "+1", Received: 1}}}
	b, err := ExportMeasuresCSV(m)
	if err != nil || !strings.Contains(string(b), `'=cmd|' /C calc'!A0,'+1,1`) {
		t.Errorf("formula cells: %v\n%s", err, b)
	}
	if !strings.Contains(string(b), "逾期截至 "+testNow.In(chinaZone).Format("2006-01-02 15:04")) {
		t.Errorf("title: %s", b)
	}
}
