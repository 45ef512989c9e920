package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
)

// ItemCode is the item the scenario applies for: 个体工商户设立登记,
// bundled with 食品经营许可 (证照联办), so acceptance routes to two items'
// review and check in 区市场监管局.
const ItemCode = "012300100001-320113"

// Operation names, in the lifecycle's order (the report's row order).
var lifecycleOps = []string{
	"create", "upload", "draft", "verify.start", "verify.carrier", "verify.sms", "verify.sms-check",
	"verify.face", "submit",
	"desk.claim", "desk.accept", "staff.detail", "task.claim", "task.complete", "applicant.detail",
}

// resident is one synthetic resident, signed in on their own client.
type resident struct {
	client   *Client
	phone    string
	name     string
	idNumber string
}

// staff are the shared staff sessions: the front desk and the two
// approvers (review and check of an item must be different people); and
// the SMS recorder the residents' phones read.
type staff struct {
	desk, reviewer, checker *Client
	// sms is the gateway's recorder, where residents read their codes.
	sms *notify.RecordingSMS
}

// application is the part of an application the client reads.
type application struct {
	ID       int64         `json:"id"`
	State    string        `json:"state"`
	Revision int           `json:"revision"`
	Items    []itemVersion `json:"Items"`
	Tasks    []task        `json:"tasks"`
}

// task is one approval task of an application's detail.
type task struct {
	ID    int64  `json:"id"`
	Role  string `json:"role"`
	State string `json:"state"`
}

// verification is the part of an identity verification the client reads.
type verification struct {
	ID       string `json:"id"`
	NextStep string `json:"next_step"`
}

// lifecycle drives one application from creation to decision and returns
// an error at the first failed call (already recorded in rec).
func lifecycle(ctx context.Context, rec *Recorder, r *resident, st staff) error {
	id, rev, err := prepare(ctx, rec, r)
	if err != nil {
		return err
	}
	if err := verifyIdentity(ctx, rec, r, st.sms, id); err != nil {
		return err
	}
	if err := r.client.JSON(ctx, rec, "submit", http.MethodPost, appPath(id, "/submit"),
		map[string]int{"revision": rev}, nil); err != nil {
		return err
	}
	if err := accept(ctx, rec, st.desk, id); err != nil {
		return err
	}
	if err := approve(ctx, rec, st, id); err != nil {
		return err
	}
	var done application
	if err := r.client.JSON(ctx, rec, "applicant.detail", http.MethodGet, appPath(id, "/detail"), nil, &done); err != nil {
		return err
	}
	if done.State != "approved" {
		rec.Fail("applicant.detail", http.StatusOK, "state "+done.State+", want approved")
		return fmt.Errorf("loadtest: application %d ended %s", id, done.State)
	}
	return nil
}

// prepare creates the bundled draft, uploads every required material the
// applicant provides and saves the form, and returns the id and revision.
func prepare(ctx context.Context, rec *Recorder, r *resident) (int64, int, error) {
	var app application
	if err := r.client.JSON(ctx, rec, "create", http.MethodPost, "/api/v1/applications",
		map[string]any{"item_code": ItemCode, "with_bundle": true}, &app); err != nil {
		return 0, 0, err
	}
	first, err := uploadMaterials(ctx, rec, r, app)
	if err != nil {
		return 0, 0, err
	}
	draft := map[string]any{"revision": app.Revision, "form": answers(app.Items, r, first), "use_commitment": true,
		"parties": []map[string]string{{"role": "legal_rep", "subject_kind": "person", "name": r.name, "code": r.idNumber}}}
	var saved application
	if err := r.client.JSON(ctx, rec, "draft", http.MethodPut, appPath(app.ID, "/draft"), draft, &saved); err != nil {
		return 0, 0, err
	}
	return app.ID, saved.Revision, nil
}

// uploadMaterials uploads a tiny PDF for each required applicant material
// and returns the first file's id (the form's attachment fields refer to it).
func uploadMaterials(ctx context.Context, rec *Recorder, r *resident, app application) (string, error) {
	first := ""
	for _, v := range app.Items {
		for i, m := range v.Item.Materials {
			if !m.Required || m.Source != "applicant" {
				continue
			}
			var f struct {
				ID string `json:"id"`
			}
			fields := map[string]string{"item": v.ImplCode, "index": strconv.Itoa(i)}
			if err := r.client.Upload(ctx, rec, "upload", appPath(app.ID, "/materials"), fields, "file",
				fmt.Sprintf("材料%d.pdf", i), pdfBytes, &f); err != nil {
				return "", err
			}
			if first == "" {
				first = f.ID
			}
		}
	}
	return first, nil
}

// verifyIdentity does the remote identity check the items need for this
// application, following the steps the API names in next_step: carrier
// three factors, an SMS code to the verified phone, face match.
func verifyIdentity(ctx context.Context, rec *Recorder, r *resident, sms *notify.RecordingSMS, id int64) error {
	var v verification
	if err := r.client.JSON(ctx, rec, "verify.start", http.MethodPost, "/api/v1/verifications",
		map[string]string{"purpose": "application:" + strconv.FormatInt(id, 10)}, &v); err != nil {
		return err
	}
	path := "/api/v1/verifications/" + v.ID
	for range maxSteps {
		var err error
		switch v.NextStep {
		case "":
			return nil
		case "carrier":
			err = r.client.JSON(ctx, rec, "verify.carrier", http.MethodPost, path+"/carrier",
				map[string]string{"name": r.name, "id_number": r.idNumber, "phone": r.phone}, &v)
		case "sms":
			err = smsStep(ctx, rec, r, sms, path, &v)
		case "face":
			err = r.client.Upload(ctx, rec, "verify.face", path+"/face", nil, "image", "face.jpg", faceJPEG, &v)
		default:
			rec.Fail("verify", http.StatusOK, "unknown next step "+v.NextStep)
			return fmt.Errorf("loadtest: verification step %q unknown", v.NextStep)
		}
		if err != nil {
			return err
		}
	}
	return fmt.Errorf("loadtest: verification %s did not finish in %d steps", v.ID, maxSteps)
}

// maxSteps bounds the steps of one verification (a server that keeps
// asking for the same step must not loop the client forever).
const maxSteps = 6

// smsStep asks for the verification's SMS code, reads it from the
// recording gateway and enters it.
func smsStep(ctx context.Context, rec *Recorder, r *resident, sms *notify.RecordingSMS, path string, v *verification) error {
	since := time.Now()
	if err := r.client.JSON(ctx, rec, "verify.sms", http.MethodPost, path+"/sms", nil, v); err != nil {
		return err
	}
	code, ok := codeSince(sms, r.phone, since)
	if !ok {
		rec.Fail("verify.sms", http.StatusOK, "no code was texted")
		return fmt.Errorf("loadtest: no verification code texted to %s", maskPhone(r.phone))
	}
	return r.client.JSON(ctx, rec, "verify.sms-check", http.MethodPost, path+"/sms/check", map[string]string{"code": code}, v)
}

// accept claims the application at the front desk and accepts it.
func accept(ctx context.Context, rec *Recorder, desk *Client, id int64) error {
	if err := desk.JSON(ctx, rec, "desk.claim", http.MethodPost, appPath(id, "/claim"), nil, nil); err != nil {
		return err
	}
	return desk.JSON(ctx, rec, "desk.accept", http.MethodPost, appPath(id, "/accept"), nil, nil)
}

// approve has the reviewer claim and complete every review task, then the
// checker every check task; the last completion decides the application.
func approve(ctx context.Context, rec *Recorder, st staff, id int64) error {
	var d application
	if err := st.reviewer.JSON(ctx, rec, "staff.detail", http.MethodGet, appPath(id, "/detail"), nil, &d); err != nil {
		return err
	}
	for _, role := range []string{"review", "check"} {
		who := st.reviewer
		if role == "check" {
			who = st.checker
		}
		for _, t := range d.Tasks {
			if t.Role != role {
				continue
			}
			if err := completeTask(ctx, rec, who, t.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// completeTask claims one task and approves it.
func completeTask(ctx context.Context, rec *Recorder, c *Client, taskID int64) error {
	path := "/api/v1/tasks/" + strconv.FormatInt(taskID, 10)
	if err := c.JSON(ctx, rec, "task.claim", http.MethodPost, path+"/claim", nil, nil); err != nil {
		return err
	}
	return c.JSON(ctx, rec, "task.complete", http.MethodPost, path+"/complete",
		map[string]string{"outcome": "approve", "opinion": "材料齐全，符合法定条件。"}, nil)
}

func appPath(id int64, suffix string) string {
	return "/api/v1/applications/" + strconv.FormatInt(id, 10) + suffix
}
