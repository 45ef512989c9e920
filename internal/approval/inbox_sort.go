package approval

import "sort"

// sortInbox puts the actor's own tasks first, then unclaimed ones, then
// the rest, each by fewest days left.
func sortInbox(es []InboxEntry, me int64) {
	rank := func(e InboxEntry) int {
		switch e.Task.AssigneeID {
		case me:
			return 0
		case 0:
			return 1
		}
		return 2
	}
	sort.SliceStable(es, func(i, j int) bool {
		if ri, rj := rank(es[i]), rank(es[j]); ri != rj {
			return ri < rj
		}
		return es[i].DaysLeft < es[j].DaysLeft
	})
}
