package catalog

import (
	"sort"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// problems collects field paths and Chinese messages, so that validation
// reports everything wrong at once instead of one error per round trip.
type problems map[string]string

// add records msg for path, keeping the first message of a path.
func (p *problems) add(path, msg string) {
	if *p == nil {
		*p = problems{}
	}
	if _, dup := (*p)[path]; !dup {
		(*p)[path] = msg
	}
}

// err returns nil when nothing was found, and otherwise an invalid error
// whose message names how many problems there are and whose Fields list
// them all.
func (p problems) err(what string) error {
	if len(p) == 0 {
		return nil
	}
	e := apperr.New(apperr.CodeInvalid, what+"有"+strconv.Itoa(len(p))+"处问题："+p.summary(3))
	e.Fields = map[string]string(p)
	return e
}

// summary renders up to n problems in path order, for the error message.
func (p problems) summary(n int) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for i, k := range keys {
		if i == n {
			parts = append(parts, "……")
			break
		}
		parts = append(parts, k+" "+p[k])
	}
	return strings.Join(parts, "；")
}
