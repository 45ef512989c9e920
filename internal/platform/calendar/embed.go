package calendar

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
)

// embedded holds the holiday-cn year files; see data/README.md.
//
//go:embed data/*.json data/LICENSE data/README.md
var embedded embed.FS

// embeddedYears returns the embedded years, parsed once. Callers must not
// modify the result.
var embeddedYears = sync.OnceValues(parseEmbedded)

// parseEmbedded parses every embedded year file, skipping files that list no
// days yet.
func parseEmbedded() ([]YearData, error) {
	names, err := fs.Glob(embedded, "data/*.json")
	if err != nil {
		return nil, err
	}
	var out []YearData
	for _, name := range names {
		y, err := embeddedYear(name)
		if errors.Is(err, ErrNoDays) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, nil
}

// embeddedYear parses one embedded file and checks it matches its name.
func embeddedYear(name string) (YearData, error) {
	b, err := embedded.ReadFile(name)
	if err != nil {
		return YearData{}, err
	}
	y, err := parseYear(b)
	if err != nil {
		return YearData{}, fmt.Errorf("%s: %w", name, err)
	}
	want, _ := strconv.Atoi(strings.TrimSuffix(path.Base(name), ".json"))
	if y.Year != want {
		return YearData{}, fmt.Errorf("%w: %s: contains year %d", ErrInvalidData, name, y.Year)
	}
	return y, nil
}
