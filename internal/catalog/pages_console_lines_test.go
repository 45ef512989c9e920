package catalog

import "testing"

func TestPathLines(t *testing.T) {
	body := "{\n  \"name\": \"x\",\n  \"materials\": [\n    {\n      \"name\": \"\"\n    },\n    {\"name\": \"b\", \"copies\": 1}\n  ],\n  \"fee\": {\"charged\": false}\n}"
	lines := pathLines(body)
	for path, want := range map[string]int{"name": 2, "materials": 3, "materials[0]": 4, "materials[0].name": 5,
		"materials[1].copies": 7, "fee.charged": 9} {
		if lines[path] != want {
			t.Errorf("%s: line %d, want %d", path, lines[path], want)
		}
	}
	// A broken text still maps what comes before the break.
	broken := pathLines("{\n \"a\": 1,\n \"b\": }")
	if broken["a"] != 2 || broken["b"] != 3 {
		t.Errorf("broken text: %v", broken)
	}
}
