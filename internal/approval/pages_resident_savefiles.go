package approval

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// Upload is one file posted with the form page: for a form field of type
// file (Field) or for one material of one item (Item, Index).
type Upload struct {
	Field string
	Item  string
	Index int
	Name  string
	Data  []byte
}

// rUploadKinds are the files an applicant may provide.
var rUploadKinds = []files.Kind{files.KindPDF, files.KindJPEG, files.KindPNG}

// SaveDraftFiles is SaveDraft with the files the form page posts along:
// everything in one transaction, so a bad file or a stale page writes
// nothing. A form file's id becomes the field's answer; a material's file
// replaces an earlier upload. Only materials the applicant provides may be
// uploaded.
func (s *Service) SaveDraftFiles(ctx context.Context, actor *authz.Actor, id int64, revision int, d Draft, ups []Upload) (Application, error) {
	if err := d.check(); err != nil {
		return Application{}, err
	}
	var out Application
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.ownForEdit(ctx, tx, actor, id, revision)
		if err != nil {
			return err
		}
		if d.Form == nil {
			d.Form = map[string]any{}
		}
		if err := s.rPutUploads(ctx, tx, actor, &a, d.Form, ups); err != nil {
			return err
		}
		form, err := s.sealForm(d.Form)
		if err != nil {
			return err
		}
		if err := bump(ctx, tx, &a, a.State, "form = ?, use_commitment = ?", form, d.UseCommitment); err != nil {
			return err
		}
		if err := s.saveParties(ctx, tx, a.ID, d.Parties); err != nil {
			return err
		}
		a.Form, a.Parties, a.UseCommitment = d.Form, d.Parties, d.UseCommitment
		out = a
		return nil
	})
	return out, err
}

// rPutUploads stores the posted files in tx; the error names the field or
// material at fault, as submission does.
func (s *Service) rPutUploads(ctx context.Context, tx *db.Tx, actor *authz.Actor, a *Application, form map[string]any, ups []Upload) error {
	for _, up := range ups {
		field := "form." + up.Field
		if up.Field == "" {
			field = materialField(up.Item, up.Index)
			m, err := s.materialOf(ctx, a, up.Item, up.Index)
			if err != nil {
				return apperr.Invalid(field, "该事项没有这项材料")
			}
			if m.Source != catalog.SourceApplicant {
				return apperr.Invalid(field, m.Name+"由系统"+m.Source.Name()+"，无需上传")
			}
		}
		f, err := s.Files.Put(ctx, tx, files.File{District: a.District, Owner: actor.AccountID, Name: up.Name}, up.Data, rUploadKinds...)
		if err != nil {
			return rRenamed(err, field)
		}
		if up.Field != "" {
			form[up.Field] = f.ID
			continue
		}
		if err := upsertMaterial(ctx, tx, a.ID, up.Item, up.Index, string(catalog.SourceApplicant), f.ID, ""); err != nil {
			return err
		}
	}
	return nil
}

// rRenamed moves a file error's message to the field the page shows it by.
func rRenamed(err error, field string) error {
	e, ok := apperr.As(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	msg := e.Message
	for _, m := range e.Fields {
		msg = m
	}
	return &apperr.Error{Code: e.Code, Message: msg, Fields: map[string]string{field: msg}}
}
