package supervision

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Form fields read for the place of business and the business's name, in
// order of preference (names of the demo catalogue's forms).
var (
	placeFields  = []string{"premises", "site", "stall_site"}
	entityFields = []string{"shop_name", "company_name", "operator", "org_name"}
)

// Push creates the inspection tasks of an approved application, announces
// them to the street's inspectors, enters an entity's approval in the
// public register and queues its credit push, in one transaction; it
// returns the tasks created (none when they exist already, so a retried
// job is harmless and announces nothing).
//
// Which items are inspected: every item approved on a 告知承诺 (kind
// commitment, the commitment's clauses as the checklist), and every other
// item that issues a licence and names a place of business (kind routine).
//
// Which street: the first street of the district whose name appears in the
// place of business (premises, site, stall_site); failing that, the street
// of the service point that accepted the application (its code is the
// street's code + P + nn); failing that, none — the task is then
// unassigned and only supervisors see it.
func (s *Service) Push(ctx context.Context, args PushArgs) ([]Task, error) {
	sys := authz.System(args.District)
	f, err := s.Applications.Get(ctx, sys, args.ApplicationID)
	if err != nil {
		return nil, fmt.Errorf("supervision: push %d: %w", args.ApplicationID, err)
	}
	streets, err := s.Directory.Streets(ctx, args.District)
	if err != nil {
		return nil, fmt.Errorf("supervision: streets: %w", err)
	}
	base := s.baseTask(f, streets)
	inspectors, err := s.inspectorsOf(ctx, base.Street)
	if err != nil {
		return nil, err
	}
	var made []Task
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if made, err = s.insertTasks(ctx, tx, f, base, args.Commitment); err != nil {
			return err
		}
		if err := s.announce(ctx, tx, made, inspectors); err != nil {
			return err
		}
		if err := registerApproval(ctx, tx, f); err != nil {
			return err
		}
		return s.queueCredit(ctx, tx, f)
	})
	return made, err
}

// insertTasks stores the tasks the application's items owe and returns
// those that did not exist yet.
func (s *Service) insertTasks(ctx context.Context, tx *db.Tx, f approval.Filed, base Task, commitment []string) ([]Task, error) {
	var made []Task
	for _, v := range f.Items {
		t, ok := taskFor(base, v, slices.Contains(commitment, v.ImplCode))
		if !ok {
			continue
		}
		t.DueOn = s.Calendar.AddWorkdays(tx.Now().In(chinaTime), s.DueDays).Format("2006-01-02")
		created, err := insertTask(ctx, tx, &t)
		if err != nil {
			return nil, err
		}
		if created {
			made = append(made, t)
		}
	}
	return made, nil
}

// baseTask fills what every task of the application shares.
func (s *Service) baseTask(f approval.Filed, streets []org.Street) Task {
	a := f.Application
	t := Task{District: a.District, ApplicationID: a.ID, ApplicationNo: a.Number, DecidedAt: a.DecidedAt,
		State: StateOpen, EntityName: formText(a.Form, entityFields), ApplicantID: a.ApplicantID}
	t.Address = formText(a.Form, placeFields)
	if t.EntityName == "" {
		t.EntityName = "办件" + a.Number
	}
	t.Street = streetOf(t.Address, a.AcceptedPoint, streets)
	return t
}

// taskFor makes the task one item owes, if any.
func taskFor(base Task, v catalog.Version, commitment bool) (Task, bool) {
	t := base
	t.ItemCode, t.ItemName, t.Department = v.ImplCode, v.Item.Name, v.Item.Department
	switch {
	case commitment:
		t.Kind, t.Checklist = KindCommitment, commitmentChecklist(v.Item.Commitment.Text)
	case v.Item.LicenceType != "" && base.Address != "":
		t.Kind, t.Checklist = KindRoutine, routineChecklist
	default:
		return Task{}, false
	}
	return t, true
}

// routineChecklist is checked after an ordinary licence.
var routineChecklist = []string{"经营场所与许可登记一致", "许可证件在经营场所醒目位置公示",
	"经营项目未超出许可范围", "相关设施设备和管理制度符合许可条件"}

// commitmentChecklist splits a commitment into the clauses to verify on
// site: one line per clause after the opening "本人承诺：".
func commitmentChecklist(text string) []string {
	if i := strings.Index(text, "："); i >= 0 {
		text = text[i+len("："):]
	}
	var out []string
	for c := range strings.FieldsFuncSeq(text, func(r rune) bool { return r == '；' || r == '。' || r == ';' }) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []string{"承诺内容与现场情况一致"}
	}
	return out
}

// formText returns the first non-empty text answer among fields.
func formText(form map[string]any, fields []string) string {
	for _, f := range fields {
		if v, ok := form[f].(string); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// streetOf applies the street rule of Push.
func streetOf(address, acceptedPoint string, streets []org.Street) string {
	for _, st := range streets {
		if st.Name != "" && strings.Contains(address, st.Name) {
			return st.Code
		}
	}
	if i := strings.IndexByte(acceptedPoint, 'P'); i == 9 {
		code := acceptedPoint[:9]
		for _, st := range streets {
			if st.Code == code {
				return code
			}
		}
	}
	return ""
}

// insertTask stores t unless the application already has it; it reports
// whether it did.
func insertTask(ctx context.Context, tx *db.Tx, t *Task) (bool, error) {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM inspection_tasks WHERE application_id = ? AND kind = ?
		AND item_code = ? AND parent_id IS NULL`, t.ApplicationID, t.Kind, t.ItemCode).Scan(&n); err != nil || n > 0 {
		return false, err
	}
	list, err := json.Marshal(t.Checklist)
	if err != nil {
		return false, err
	}
	t.CreatedAt = tx.Now()
	t.ID, err = tx.InsertID(ctx, `INSERT INTO inspection_tasks (district_code, street_code, application_id,
		application_no, kind, parent_id, item_code, item_name, department, entity_name, address, checklist, due_on,
		state, decided_at, created_at, applicant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.District, t.Street, t.ApplicationID, t.ApplicationNo, t.Kind, nullID(t.ParentID), t.ItemCode, t.ItemName,
		t.Department, t.EntityName, t.Address, string(list), t.DueOn, StateOpen, t.DecidedAt, t.CreatedAt, t.ApplicantID)
	if err != nil {
		return false, fmt.Errorf("supervision: insert task: %w", err)
	}
	return true, nil
}

// nullID stores 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
