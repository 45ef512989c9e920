package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
)

// stringsFile is the optional catalogue of a template FS: a flat JSON object
// of keys to Chinese strings, used by the `t` template function.
const stringsFile = "strings.json"

func (rd *Renderer) addStrings(f fs.FS) error {
	b, err := fs.ReadFile(f, stringsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("web: renderer: %s: %w", stringsFile, err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("web: renderer: %s: %w", stringsFile, err)
	}
	for k, v := range m {
		if _, dup := rd.strings[k]; dup {
			return fmt.Errorf("web: renderer: string %q is defined twice", k)
		}
		rd.strings[k] = v
	}
	return nil
}

// text returns the catalogue string of key (formatted with args when given),
// or the key itself when missing, so a gap shows on the page and in tests.
func (rd *Renderer) text(key string, args ...any) string {
	s, ok := rd.strings[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}
