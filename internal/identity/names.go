package identity

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxNameLookup bounds one DisplayNames call (a page shows at most a few
// dozen people).
const maxNameLookup = 500

// DisplayNames returns the display names of accounts in district, for pages
// that list people by account id (staff posts, grid leaders). Names of the
// public are stored masked already; unknown ids are left out. It checks no
// permission: callers show names only on pages they already guard.
func (s *Service) DisplayNames(ctx context.Context, district string, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if len(ids) > maxNameLookup {
		ids = ids[:maxNameLookup]
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, district)
	for _, id := range ids {
		args = append(args, id)
	}
	marks := db.Marks(len(ids))
	rows, err := s.d.Query(ctx, `SELECT id, display_name FROM accounts WHERE district = ? AND id IN (`+marks+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
