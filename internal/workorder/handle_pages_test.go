package workorder

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// pageSteps runs page requests and checks their status and body.
type pageStep struct {
	name, method, path, who string
	form                    []string
	status                  int
	contains                []string
}

func (s *site) run(t *testing.T, steps []pageStep) {
	t.Helper()
	for _, st := range steps {
		var w = s.do(st.method, st.path, st.who, nil, "")
		if st.method == "POST" {
			body, ct := form(t, st.form)
			w = s.do(st.method, st.path, st.who, body, ct)
		}
		if w.Code != st.status {
			t.Errorf("%s: %d %s", st.name, w.Code, w.Header().Get("Location"))
			continue
		}
		for _, c := range st.contains {
			if !strings.Contains(w.Body.String(), c) {
				t.Errorf("%s: no %q", st.name, c)
			}
		}
	}
}

func TestHandlingPages(t *testing.T) {
	s := newSite(t)
	h := &handleRig{rig: s.rig}
	o := h.file(t, 7, h.parkingRequest("仙鹤社区"))
	h.assign(t, o.Number, h.community("仙鹤社区"))
	con, my := "/console/workorders/"+o.Number, "/my/workorders/"+o.Number
	s.run(t, []pageStep{
		{"the handler's page", "GET", con, "grid", nil, 200, []string{"办理记录", "仙鹤社区", `value="fixed"`, `value="not_ours"`}},
		{"a leader's page offers nothing", "GET", con, "leader", nil, 200, []string{"承办单位"}},
		{"a leader may not note", "POST", con + "/note", "leader", []string{"text=看看"}, 403, nil},
		{"a reply", "POST", con + "/note", "grid", []string{"text=已联系物业清理", "reply=on"}, 303, nil},
		{"closing without the explanation", "POST", con + "/close", "grid", []string{"outcome=fixed"}, 422, []string{"请填写办理情况说明"}},
		{"closing", "POST", con + "/close", "grid", []string{"outcome=fixed", "note=外来车辆已清理"}, 303, nil},
		{"the requester's page", "GET", my, "res", nil, 200, []string{"已办结", "已联系物业清理", "外来车辆已清理", "回访评价", "申请重新办理", "非常不满意"}},
		{"another resident answers", "POST", my + "/followup", "res2", []string{"fixed=yes", "satisfaction=5"}, 404, nil},
		{"an answer without satisfaction", "POST", my + "/followup", "res", []string{"fixed=yes"}, 422, []string{"请选择满意程度"}},
		{"the answer", "POST", my + "/followup", "res", []string{"fixed=no", "satisfaction=2", "comment=车又来了"}, 303, nil},
		{"the answer shows", "GET", my, "res", nil, 200, []string{"已关闭", "您的评价：问题未解决 · 不满意"}},
		{"staff see the answer", "GET", con, "desk", nil, 200, []string{"诉求人在线评价", "不满意", "车又来了"}},
		{"reopening", "POST", my + "/reopen", "res", []string{"reason=车又来了"}, 303, nil},
		{"reopened", "GET", my, "res", nil, 200, []string{"处理中", "重新办理"}},
	})
	// A photo redacted from the console; the original for administrators.
	photoBody, ct := form(t, []string{"stage=before"}, pngBytes())
	if w := s.do("POST", con+"/photos", "grid", photoBody, ct); w.Code != 303 {
		t.Fatalf("photo upload: %d", w.Code)
	}
	id := h.photosOf(t, o)[0].ID
	s.run(t, []pageStep{
		{"redact", "POST", ConsolePhotoPath + id + "/redact", "desk", []string{"reason=含有路人面部"}, 303, nil},
		{"redacted on the page", "GET", con, "admin", nil, 200, []string{"已遮蔽", "查看原件"}},
		{"the photo is gone", "GET", PhotoPath + id, "grid", nil, 404, nil},
		{"the original for the administrator", "GET", ConsolePhotoPath + id + "/original", "admin", nil, 200, nil},
		{"not for the handler", "GET", ConsolePhotoPath + id + "/original", "grid", nil, 403, nil},
	})
}

func TestHandlingAPI(t *testing.T) {
	s := newSite(t)
	h := &handleRig{rig: s.rig}
	in := FileInput{Category: "WY-02", Description: "5栋电梯停运", Community: h.communities["仙鹤社区"].Code,
		Fields: map[string]any{"building": "5栋2单元", "fault": "stopped"}}
	o := h.file(t, 7, in)
	h.assign(t, o.Number, h.community("仙鹤社区"))
	base := "/api/v1/workorders/" + o.Number
	steps := []struct {
		name, path, who string
		body            any
		status          int
		contains        []string
	}{
		{"closing without proof", base + "/close", "grid", CloseInput{Outcome: OutcomeFixed}, 400,
			[]string{`"photos":"required"`, `"note":"required"`}},
		{"a bad stage", base + "/photos", "grid", HandlingPhotoInput{Stage: "x", Data: pngBytes()}, 400, []string{`"stage":"invalid"`}},
		{"an after photo", base + "/photos", "grid", HandlingPhotoInput{Stage: StageAfter, Data: pngBytes()}, 200, []string{`"stage":"after"`}},
		{"a leader may not close", base + "/close", "leader", CloseInput{Outcome: OutcomeFixed, Note: "好了"}, 403, nil},
		{"closing", base + "/close", "grid", CloseInput{Outcome: OutcomeFixed, Note: "已更换控制板"}, 200,
			[]string{`"state":"resolved"`, `"outcome":"fixed"`}},
		{"the follow-up", base + "/followup", "res", FollowUpInput{Fixed: yes(), Satisfaction: VerySatisfied}, 200,
			[]string{`"state":"closed"`, `"satisfaction_name":"非常满意"`}},
		{"duplicates", base + "/duplicates", "desk", nil, 200, []string{`"items":[]`}},
		{"the API document", "/api/v1/openapi.json", "", nil, 200, []string{`"closeWorkorder"`, `"mergeWorkorder"`, `"redactWorkorderPhoto"`}},
	}
	for _, st := range steps {
		method := "POST"
		if st.body == nil {
			method = "GET"
		}
		w := s.call(method, st.path, st.who, st.body)
		if w.Code != st.status {
			t.Errorf("%s: %d %s", st.name, w.Code, w.Body.String())
			continue
		}
		for _, c := range st.contains {
			if !strings.Contains(w.Body.String(), c) {
				t.Errorf("%s: no %s in %s", st.name, c, w.Body.String())
			}
		}
	}
	// Reopening after the window is refused.
	s.clock.Advance(8 * 24 * time.Hour)
	w := s.call("POST", base+"/reopen", "res", reasonInput{Reason: "又坏了"})
	var body apiErrorBody
	if w.Code != 409 || json.Unmarshal(w.Body.Bytes(), &body) != nil || body.Error.Code != "conflict" {
		t.Errorf("late reopen: %d %s", w.Code, w.Body.String())
	}
}
