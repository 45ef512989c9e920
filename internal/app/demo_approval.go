package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// The demo's bundle: 个体工商户设立登记 with 食品经营许可（新办）.
const demoBundle = "012300100001-320113"

// demoPDF is the smallest file the upload checks accept, for demo materials.
var demoPDF = []byte("%PDF-1.4\n% 善治演示材料\n%%EOF\n")

// demoFace is a small grey JPEG standing for the live capture the
// face-match simulator compares.
func demoFace() ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	var b bytes.Buffer
	err := jpeg.Encode(&b, img, nil)
	return b.Bytes(), err
}

// seedDemoApplications files three applications of the demo resident
// 王小栖 through the real services (identity checks by the simulators,
// signatures, credit check), so the consoles have work to show: one waiting
// in the pre-review queue, one returned with a one-time notice, one
// accepted at 尧化街道 and waiting for the market-supervision approver, and
// one approved, whose licences the wallet shows.
func (a *App) seedDemoApplications(ctx context.Context, desk *authz.Actor, staff map[string]int64, market string) error {
	resident, err := a.demoResident(ctx)
	if err != nil {
		return err
	}
	var ids []int64
	for range 4 {
		f, err := a.demoSubmit(ctx, resident)
		if err != nil {
			return fmt.Errorf("app: demo application: %w", err)
		}
		ids = append(ids, f.ID)
	}
	if _, err := a.Approval.Claim(ctx, desk, ids[1]); err != nil {
		return err
	}
	notice := []approval.Defect{{Target: "经营场所使用证明", Reason: "租赁合同缺少出租方签字页", Fix: "上传含双方签字的完整租赁合同"}}
	if err := a.Approval.ReturnForCorrection(ctx, desk, ids[1], notice); err != nil {
		return err
	}
	for _, id := range ids[2:] {
		if _, err := a.Approval.Claim(ctx, desk, id); err != nil {
			return err
		}
		if _, err := a.Approval.Accept(ctx, desk, id); err != nil {
			return err
		}
	}
	return a.demoApprove(ctx, ids[3], staff, market)
}

// demoResident is the demo resident's actor (13800000001, 王小栖).
func (a *App) demoResident(ctx context.Context) (*authz.Actor, error) {
	id, err := a.Identity.BootstrapResident(ctx, a.Cfg.District, demoPublic[0].phone)
	if err != nil {
		return nil, err
	}
	return &authz.Actor{AccountID: id, Kind: authz.KindResident, Name: demoPublic[0].name, District: a.Cfg.District,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}, nil
}

// demoSubmit files the demo bundle as the resident, from draft to
// submission.
func (a *App) demoSubmit(ctx context.Context, who *authz.Actor) (approval.Filed, error) {
	f, err := a.Approval.CreateDraft(ctx, who, demoBundle, true)
	if err != nil {
		return f, err
	}
	idNumber := demoIDNumber(0)
	var ups []approval.Upload
	form := map[string]any{}
	for _, fd := range approval.MergedForm(f.Items) {
		if v, ok := demoAnswer(fd, idNumber); ok {
			form[fd.Name] = v
		} else if fd.Type == catalog.FieldFile && fd.Required {
			ups = append(ups, approval.Upload{Field: fd.Name, Name: fd.Label + ".pdf", Data: demoPDF})
		}
	}
	d := approval.Draft{Form: form, UseCommitment: true,
		Parties: []approval.Party{{Role: approval.PartyLegalRep, SubjectKind: "person", Name: demoPublic[0].name, Code: idNumber}}}
	saved, err := a.Approval.SaveDraftFiles(ctx, who, f.ID, f.Revision, d, ups)
	if err != nil {
		return f, err
	}
	if err := a.demoMaterials(ctx, who, f); err != nil {
		return f, err
	}
	if err := a.demoVerify(ctx, who, f.ID, idNumber); err != nil {
		return f, err
	}
	return a.Approval.Submit(ctx, who, f.ID, saved.Revision)
}

// demoMaterials uploads every required material the applicant provides.
func (a *App) demoMaterials(ctx context.Context, who *authz.Actor, f approval.Filed) error {
	for _, v := range f.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required {
				if _, err := a.Approval.AttachMaterial(ctx, who, f.ID, v.ImplCode, i, m.Name+".pdf", demoPDF); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// demoVerify passes the remote identity checks for the application with
// the simulators: carrier (name, ID number, sign-in phone), the fresh SMS
// code and face. The code goes through a copy of the verify service whose
// SMS adapter is a recorder the seeding owns: the seeding reads the code
// back as the resident would from the phone, and walks the real code step
// (no bypass exists), while the demo's console simulator stays for people.
func (a *App) demoVerify(ctx context.Context, who *authz.Actor, appID int64, idNumber string) error {
	texts := notify.NewRecordingSMS()
	vs := a.Verify.WithSMS(texts)
	v, err := vs.Start(ctx, who, approval.VerificationPurpose(appID))
	if err != nil {
		return err
	}
	in := verify.CarrierInput{Name: demoPublic[0].name, IDNumber: idNumber, Phone: demoPublic[0].phone}
	if _, err := vs.CheckCarrier(ctx, who, v.ID, in); err != nil {
		return err
	}
	if _, err := vs.SendCode(ctx, who, v.ID); err != nil {
		return err
	}
	code, ok := texts.LastCode(demoPublic[0].phone)
	if !ok {
		return fmt.Errorf("app: demo verification: no code was texted")
	}
	if _, err := vs.CheckCode(ctx, who, v.ID, code); err != nil {
		return err
	}
	face, err := demoFace()
	if err != nil {
		return err
	}
	_, err = vs.CheckFace(ctx, who, v.ID, face)
	return err
}

// demoIDNumber is the real-name ID number seedPublic gives demo person i.
func demoIDNumber(i int) string {
	return check.MakeIDNumber("320113", time.Date(1985+i, 3, 1+i, 0, 0, 0, 0, time.UTC), 11+i)
}

// demoAnswer is a plausible answer to a required field; file fields are
// uploads and have none.
func demoAnswer(fd catalog.FormField, idNumber string) (any, bool) {
	if !fd.Required {
		return nil, false
	}
	switch fd.Type {
	case catalog.FieldFile, catalog.FieldTable:
		return nil, false
	case catalog.FieldIDNumber:
		return idNumber, true
	case catalog.FieldPhone:
		return demoPublic[0].phone, true
	case catalog.FieldAddress:
		return "栖霞区尧化街道尧佳路8号", true
	case catalog.FieldNumber:
		return "10", true
	case catalog.FieldDate:
		return "2026-03-01", true
	case catalog.FieldChoice:
		return fd.Options[0], true
	case catalog.FieldMultiChoice:
		return []any{fd.Options[0]}, true
	}
	return "栖霞小栖餐馆", true
}

// DemoResidentIDNumber is the ID number the demo resident 王小栖 verified
// with (a valid GB 11643 number of no real person), which the front desk
// checks when she collects her licences.
func DemoResidentIDNumber() string { return demoIDNumber(0) }
