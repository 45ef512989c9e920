package delivery_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

const (
	district = "320113"
	pointA   = "320113001P01" // a street centre that hands out licences
	pointB   = "320113002P01" // another one
	pointSub = "320113P02"    // a department sub-centre: no pickup
	// The holders' verified ID numbers (valid check characters).
	aliceID = "320113198505120031"
	bobID   = "11010519491231002X"
)

// start is 09:00 on Monday 2026-03-02 in Nanjing.
var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

// Actors of the district.
var (
	alice      = person(10, authz.RoleResident, authz.KindResident)
	bob        = person(11, authz.RoleResident, authz.KindResident)
	enterprise = person(12, authz.RoleEnterprise, authz.KindEnterprise)
	frontA     = staff(20, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: pointA})
	frontB     = staff(21, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: pointB})
	frontSt    = staff(22, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"})
	approver   = staff(23, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D05"})
	leader     = staff(24, authz.RoleLeader, authz.District(district))
	admin      = staff(25, authz.RoleAdmin, authz.District(district))
)

func staff(id int64, role authz.Role, sc authz.Scope) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "工作人员", District: district,
		Grants: []authz.Grant{{Role: role, Scope: sc}}}
}

func person(id int64, role authz.Role, kind authz.AccountKind) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: kind, District: district, Grants: []authz.Grant{{Role: role, Scope: authz.Self(id)}}}
}

// notice is one queued SMS.
type notice struct {
	account int64
	text    string
}

// notifier records notices; fail makes the next calls fail.
type notifier struct {
	mu   sync.Mutex
	sent []notice
	fail bool
}

func (n *notifier) notify(_ context.Context, _ *db.Tx, id int64, text string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail {
		return errors.New("sms queue down")
	}
	n.sent = append(n.sent, notice{id, text})
	return nil
}

func (n *notifier) count() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.sent)
}

func (n *notifier) last() notice {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.sent) == 0 {
		return notice{}
	}
	return n.sent[len(n.sent)-1]
}

// holders knows the verified holder of each application.
type holders map[int64][2]string

func (h holders) HolderID(_ context.Context, appID int64) (string, string, error) {
	x, ok := h[appID]
	if !ok {
		return "", "", apperr.NotFound("没有持证人信息")
	}
	return x[0], x[1], nil
}

// documents offers one licence PDF per application.
type documents struct{}

func (documents) Printable(_ context.Context, appID int64) ([]delivery.Document, error) {
	return []delivery.Document{{ID: appID * 10, Title: "营业执照（PDF）"}}, nil
}

// Print renders the one document of the application; any other is not
// found.
func (documents) Print(_ context.Context, appID, docID int64) (string, []byte, error) {
	if docID != appID*10 {
		return "", nil, apperr.NotFound("证照不存在")
	}
	return fmt.Sprintf("licence-%d.pdf", docID), []byte("%PDF-1.4 licence"), nil
}

type fixture struct {
	ctx     context.Context
	d       *db.DB
	clock   *clock.Manual
	notes   *notifier
	holders holders
	courier *delivery.CourierSimulator
	s       *delivery.Service
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start), notes: &notifier{}, holders: holders{}}
	f.d = dbtest.Open(t, f.clock)
	if _, err := org.ImportDivisions(f.ctx, f.d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(f.ctx, f.d); err != nil {
		t.Fatal(err)
	}
	keys, idx := gmtest.Keys(t)
	q, err := jobs.New(f.d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.courier = delivery.NewCourierSimulator(f.clock)
	f.s, err = delivery.New(delivery.Deps{DB: f.d, Keys: keys, Index: idx, Jobs: q, Notify: f.notes.notify,
		Holders: f.holders, Points: delivery.OrgPoints{Org: org.New(f.d)}, Courier: f.courier, Documents: documents{}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// decidedApp is an application decided for who.
func decidedApp(appID int64, who *authz.Actor, decision string) approval.Application {
	return approval.Application{ID: appID, District: district, Number: fmt.Sprintf("QX20260302%04d", appID),
		ItemName: "食品经营许可", ApplicantID: who.AccountID, Decision: decision, DecisionNo: fmt.Sprintf("栖准字〔2026〕%d号", appID)}
}

// decide runs the hook in a transaction as approval does, for an approval
// of who's application, whose holder has idNumber.
func (f *fixture) decide(t testing.TB, appID int64, who *authz.Actor, idNumber string) delivery.Delivery {
	t.Helper()
	f.holders[appID] = [2]string{"王小栖", idNumber}
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		return f.s.OpenDelivery(f.ctx, tx, approval.Decided{Application: decidedApp(appID, who, "approved")})
	})
	if err != nil {
		t.Fatalf("decide %d: %v", appID, err)
	}
	return f.byApp(t, who, appID)
}

// byApp finds who's delivery of an application.
func (f *fixture) byApp(t testing.TB, who *authz.Actor, appID int64) delivery.Delivery {
	t.Helper()
	ds, err := f.s.Mine(f.ctx, who)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.ApplicationID == appID {
			return f.get(t, who, d.ID)
		}
	}
	t.Fatalf("no delivery of application %d for %d", appID, who.AccountID)
	return delivery.Delivery{}
}

func (f *fixture) get(t testing.TB, who *authz.Actor, id int64) delivery.Delivery {
	t.Helper()
	d, err := f.s.Get(f.ctx, who, id)
	if err != nil {
		t.Fatalf("Get(%d): %v", id, err)
	}
	return d
}

// pickup chooses pointA for alice's delivery and returns the code.
func (f *fixture) pickup(t testing.TB, who *authz.Actor, d delivery.Delivery, point string) delivery.Chosen {
	t.Helper()
	c, err := f.s.ChoosePickup(f.ctx, who, d.ID, delivery.PickupInput{Point: point, Revision: d.Revision})
	if err != nil {
		t.Fatalf("ChoosePickup: %v", err)
	}
	return c
}

// goodAddress is a valid express choice at revision rev.
func goodAddress(rev int) delivery.ExpressInput {
	return delivery.ExpressInput{Name: "王小栖", Phone: "138-0000-0001", Province: "江苏", Detail: "南京市栖霞区文苑路9号",
		Postcode: "210023", Revision: rev}
}

// wantCode fails unless err carries code.
func wantCode(t testing.TB, err error, code apperr.Code) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	return e
}

// wantField fails unless err is invalid input naming field.
func wantField(t testing.TB, err error, field string) string {
	t.Helper()
	e := wantCode(t, err, apperr.CodeInvalid)
	msg, ok := e.Fields[field]
	if !ok {
		t.Fatalf("error fields = %v, want %q", e.Fields, field)
	}
	return msg
}

// shipJobs returns the queued ship jobs' arguments.
func (f *fixture) shipJobs(t testing.TB) []delivery.ShipArgs {
	t.Helper()
	col := "args"
	if f.d.Engine == db.SQLite {
		col = "json(args)" // River keeps SQLite's args as JSONB
	}
	rows, err := f.d.Query(f.ctx, `SELECT `+col+` FROM river_job WHERE kind = ? ORDER BY id`, delivery.ShipArgs{}.Kind())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []delivery.ShipArgs
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var a delivery.ShipArgs
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// count counts rows of a table matching a condition.
func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(f.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// codeIn pulls the six-digit code out of an SMS.
func codeIn(text string) string {
	_, rest, ok := strings.Cut(text, "取件码")
	if !ok || len(rest) < 6 {
		return ""
	}
	return rest[:6]
}
