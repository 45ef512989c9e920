package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
)

// inputFields are the item fields the editor shows as inputs: their
// problems are shown next to the input, not at a line of the JSON.
var inputFields = map[string]bool{"name": true, "promised_days": true, "visits": true, "online": true,
	"agent": true, "door_to_door": true, "same_city_pickup": true}

// locate gives each problem the line of the JSON body its path points at,
// so that people find "materials[3].name" in a long text without counting.
func (p *editPage) locate() {
	lines := pathLines(p.Body)
	for i, pr := range p.Problems {
		if !inputFields[pr.Path] {
			p.Problems[i].Line = lines[pr.Path]
		}
	}
}

// pathLines maps the path of every value of a JSON text (as validation
// names them: a.b[2].c) to the line it starts on. A text that does not
// parse maps what was read before the error.
func pathLines(body string) map[string]int {
	out := map[string]int{}
	dec := json.NewDecoder(strings.NewReader(body))
	_ = walkLines(dec, body, "", out)
	return out
}

func walkLines(dec *json.Decoder, body, path string, out map[string]int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if _, seen := out[path]; !seen && path != "" {
		out[path] = lineOf(body, dec.InputOffset())
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return err
			}
			kp := join(path, fmt.Sprint(key))
			out[kp] = lineOf(body, dec.InputOffset())
			if err := walkLines(dec, body, kp, out); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if err := walkLines(dec, body, fmt.Sprintf("%s[%d]", path, i), out); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	}
	return err
}
