package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The work-order scenario (`shanzhi bench workorders`): each resident
// files a 政策咨询 request in one community; if no automatic dispatch sent
// it on, a dispatcher of the street dispatches it (派单); a worker of the
// community signs for it (签收), answers the requester (a note marked as
// the reply), resolves it as fixed, and the resident answers the
// follow-up (回访), which closes it. Five state changes per order (filed,
// dispatched, accepted, resolved, closed) and one note.

// WorkOrderCategory is the category the scenario files: handled by the
// order's community, no extra field required, no 核查.
const WorkOrderCategory = "MS-05"

// Staff the scenario creates: a worker of the community and a dispatcher
// (front desk) of its street.
const (
	woHandlerUsername    = "bench.wo.handler"
	woDispatcherUsername = "bench.wo.dispatch"
)

// workOrderOps are the scenario's operations in order; the first five
// change the order's state.
var workOrderOps = []string{"wo.file", "wo.dispatch", "wo.accept", "wo.close", "wo.followup", "wo.note"}

// stateChangeOps are the operations that move an order to another state.
var stateChangeOps = workOrderOps[:5]

// woStaff are the shared staff sessions of the scenario.
type woStaff struct {
	handler, dispatcher *Client
	community           string
}

// woOrder is the part of an order the scenario reads.
type woOrder struct {
	Number string `json:"number"`
	State  string `json:"state"`
}

// RunWorkOrders signs the staff and the residents in, runs the warm-up,
// opts.Apps measured orders and the baseline, like Run.
func RunWorkOrders(ctx context.Context, site *Site, opts Options) (*Report, error) {
	return run(ctx, site, opts, site.workOrderStaff)
}

// workOrderStaff creates the worker of the first community of the
// district and the dispatcher of its street, and signs both in.
func (s *Site) workOrderStaff(ctx context.Context, rec *Recorder, opts Options) (woStaff, error) {
	streets, err := s.App.WorkOrders.Gazetteer(ctx, district)
	if err != nil || len(streets) == 0 || len(streets[0].Communities) == 0 {
		return woStaff{}, fmt.Errorf("loadtest: no community to file work orders in: %v", err)
	}
	st := woStaff{community: streets[0].Communities[0].Code}
	pw := make([]byte, 12)
	if _, err := rand.Read(pw); err != nil {
		return woStaff{}, err
	}
	password := "Bench-" + hex.EncodeToString(pw)
	for _, u := range []struct {
		to             **Client
		username, name string
		grant          authz.Grant
	}{
		{&st.handler, woHandlerUsername, "压测社区工作者", authz.Grant{Role: authz.RoleGridWorker,
			Scope: authz.Scope{Kind: authz.ScopeCommunity, Code: st.community}}},
		{&st.dispatcher, woDispatcherUsername, "压测派单员", authz.Grant{Role: authz.RoleFrontDesk,
			Scope: authz.Scope{Kind: authz.ScopeStreet, Code: streets[0].Code}}},
	} {
		_, err := s.App.Identity.CreateStaff(ctx, authz.System(district), identity.StaffInput{District: district,
			Username: u.username, Password: password, DisplayName: u.name, Grants: []authz.Grant{u.grant}})
		if err != nil {
			return woStaff{}, fmt.Errorf("loadtest: create %s: %w", u.username, err)
		}
		c, err := newClient(s.URL, "", opts.Clients, opts.Timeout)
		if err != nil {
			return woStaff{}, err
		}
		if err := signInStaff(ctx, c, rec, u.username, password); err != nil {
			return woStaff{}, err
		}
		*u.to = c
	}
	return st, nil
}

// life is the work-order lifecycle.
func (st woStaff) life(ctx context.Context, rec *Recorder, r *resident) error {
	return workOrderLife(ctx, rec, r, st)
}

// close drops the staff's idle connections.
func (st woStaff) close() {
	st.handler.close()
	st.dispatcher.close()
}

// workOrderLife drives one order from filing to closure and returns an
// error at the first failed call (already recorded in rec).
func workOrderLife(ctx context.Context, rec *Recorder, r *resident, st woStaff) error {
	var o woOrder
	if err := r.client.JSON(ctx, rec, "wo.file", http.MethodPost, "/api/v1/workorders", map[string]any{
		"category": WorkOrderCategory, "description": "想了解老旧小区改造的申报条件和时间安排", "community": st.community,
	}, &o); err != nil {
		return err
	}
	path := "/api/v1/workorders/" + o.Number
	if o.State == "filed" { // no automatic dispatch: the dispatcher sends it by the catalogue
		if err := st.dispatcher.JSON(ctx, rec, "wo.dispatch", http.MethodPost, path+"/reassign", map[string]any{}, nil); err != nil {
			return err
		}
	}
	steps := []struct {
		c    *Client
		op   string
		path string
		body any
	}{
		{st.handler, "wo.accept", "/accept", map[string]any{}},
		{st.handler, "wo.note", "/notes", map[string]any{"text": "已电话联系诉求人，说明申报条件和时间安排", "reply": true}},
		{st.handler, "wo.close", "/close", map[string]any{"outcome": "fixed", "note": "已答复诉求人，并发送申报指南"}},
		{r.client, "wo.followup", "/followup", map[string]any{"fixed": true, "satisfaction": 5, "comment": "答复及时"}},
	}
	for _, s := range steps {
		if err := s.c.JSON(ctx, rec, s.op, http.MethodPost, path+s.path, s.body, &o); err != nil {
			return err
		}
	}
	if o.State != "closed" {
		rec.Fail("wo.followup", http.StatusOK, "state "+o.State+", want closed")
		return fmt.Errorf("loadtest: order %s ended %s", o.Number, o.State)
	}
	return nil
}
