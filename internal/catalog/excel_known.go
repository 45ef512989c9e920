package catalog

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
)

// xlKnown is the district's catalogue as it stands, so that a workbook
// holding part of it (the export of a filter) may bundle with, or hang
// under, items it does not itself contain. Publishing checks the same
// references again inside its transaction.
type xlKnown struct {
	codes map[string]bool      // implementation codes
	kinds map[string]LevelKind // basic code → level kind
}

// knownItems reads the district's items that are not withdrawn.
func (s *Service) knownItems(ctx context.Context, district string) (*xlKnown, error) {
	k := &xlKnown{codes: map[string]bool{}, kinds: map[string]LevelKind{}}
	rows, err := s.db.Query(ctx, `SELECT impl_code, basic_code, level_kind FROM catalog_items
		WHERE district = ? AND status <> 'withdrawn'`, district)
	if err != nil {
		return nil, fmt.Errorf("catalog: import: read catalogue: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, basic string
		var kind LevelKind
		if err := rows.Scan(&code, &basic, &kind); err != nil {
			return nil, fmt.Errorf("catalog: import: read catalogue: %w", err)
		}
		k.codes[code] = true
		if kind > k.kinds[basic] { // "sub" > "main" > "handling": as checkParent orders them
			k.kinds[basic] = kind
		}
	}
	return k, rows.Err()
}

var xlBundlePath = regexp.MustCompile(`^items\[(\d+)\]\.bundle\[(\d+)\]$`)

// excuses reports whether a CheckAll problem at path is only that a
// bundle or parent lies outside the file, while the catalogue holds it.
func (k *xlKnown) excuses(items []Item, path string) bool {
	if k == nil {
		return false
	}
	if m := xlBundlePath.FindStringSubmatch(path); m != nil {
		i, _ := strconv.Atoi(m[1])
		j, _ := strconv.Atoi(m[2])
		b := items[i].Bundle[j]
		return b != items[i].ImplCode && codePattern.MatchString(b) && k.codes[b]
	}
	m := xlItemPath.FindStringSubmatch(path)
	if m == nil || m[2] != "parent_basic_code" {
		return false
	}
	i, _ := strconv.Atoi(m[1])
	kind, ok := k.kinds[items[i].ParentBasicCode]
	return ok && items[i].ParentBasicCode != "" && parentProblem(items[i], kind) == ""
}
