package catalog

import (
	"context"
	"strconv"
)

// staffLabels names the accounts of a page's versions for its template:
// {{.Names.Of .CreatedBy}}.
type staffLabels map[int64]string

// Of is the account's name, "账号 #12" when it has none known, "" for no
// account (the system, e.g. the demo seed).
func (n staffLabels) Of(id int64) string {
	if id == 0 {
		return ""
	}
	if name := n[id]; name != "" {
		return name
	}
	return "账号 #" + strconv.FormatInt(id, 10)
}

// namesOf looks up who created and published the versions, in one call.
// Without a StaffNames (package tests) every account shows its id.
func (h *Handlers) namesOf(ctx context.Context, vs []Version) staffLabels {
	seen := map[int64]bool{}
	var ids []int64
	for _, v := range vs {
		for _, id := range []int64{v.CreatedBy, v.PublishedBy} {
			if id != 0 && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if h.staffNames == nil || len(ids) == 0 {
		return staffLabels{}
	}
	return staffLabels(h.staffNames(ctx, ids))
}
