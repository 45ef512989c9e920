package approval

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// AttachMaterial stores an uploaded file as one material of one item of
// the actor's own draft (or returned application), replacing an earlier
// upload. Only materials the applicant provides may be uploaded: the rest
// are fetched or produced.
func (s *Service) AttachMaterial(ctx context.Context, actor *authz.Actor, id int64, item string, index int, name string, data []byte) (files.File, error) {
	var out files.File
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.ownForEdit(ctx, tx, actor, id, -1)
		if err != nil {
			return err
		}
		m, err := s.materialOf(ctx, &a, item, index)
		if err != nil {
			return err
		}
		if m.Source != catalog.SourceApplicant {
			return apperr.Invalid("material", m.Name+"由系统"+m.Source.Name()+"，无需上传")
		}
		allowed := []files.Kind{files.KindPDF, files.KindJPEG, files.KindPNG}
		out, err = s.Files.Put(ctx, tx, files.File{District: a.District, Owner: actor.AccountID, Name: name}, data, allowed...)
		if err != nil {
			return err
		}
		return upsertMaterial(ctx, tx, a.ID, item, index, string(m.Source), out.ID, "")
	})
	return out, err
}

// materialOf returns the material of one item of the application.
func (s *Service) materialOf(ctx context.Context, a *Application, item string, index int) (catalog.Material, error) {
	items, err := s.versions(ctx, a)
	if err != nil {
		return catalog.Material{}, err
	}
	for _, v := range items {
		if v.ImplCode == item && index >= 0 && index < len(v.Item.Materials) {
			return v.Item.Materials[index], nil
		}
	}
	return catalog.Material{}, apperr.Invalid("material", "该事项没有这项材料")
}

// upsertMaterial records a material's file or fetched reference.
func upsertMaterial(ctx context.Context, tx *db.Tx, appID int64, item string, index int, source, fileID, ref string) error {
	var file any
	if fileID != "" {
		file = fileID
	}
	_, err := tx.Exec(ctx, `INSERT INTO application_materials (application_id, item_code, material, source, file_id, fetched_ref, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (application_id, item_code, material)
		DO UPDATE SET source = excluded.source, file_id = excluded.file_id, fetched_ref = excluded.fetched_ref, updated_at = excluded.updated_at`,
		appID, item, index, source, file, ref, tx.Now())
	if err != nil {
		return fmt.Errorf("approval: save material: %w", err)
	}
	return nil
}

// providedMaterials returns the keys of the materials that have a file.
func (s *Service) providedMaterials(ctx context.Context, q querier, appID int64) (map[string]bool, error) {
	rows, err := q.Query(ctx, `SELECT item_code, material FROM application_materials
		WHERE application_id = ? AND file_id IS NOT NULL`, appID)
	if err != nil {
		return nil, fmt.Errorf("approval: materials: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var item string
		var i int
		if err := rows.Scan(&item, &i); err != nil {
			return nil, err
		}
		out[materialKey(item, i)] = true
	}
	return out, rows.Err()
}

// fetchShared fetches, at submission, every material government already
// holds (国务院令第716号 Art. 7), for the applicant's main subject.
func (s *Service) fetchShared(ctx context.Context, tx *db.Tx, f *Filed) error {
	subject := ""
	if len(f.Parties) > 0 {
		subject = f.Parties[0].Code
	}
	for _, v := range f.Items {
		for i, m := range v.Item.Materials {
			if m.Source != catalog.SourceSharedData && m.Source != catalog.SourceLicenceReuse {
				continue
			}
			ref, err := s.Gates.Shared.Fetch(ctx, f.District, m, subject)
			if err != nil {
				return err
			}
			if err := upsertMaterial(ctx, tx, f.ID, v.ImplCode, i, string(m.Source), "", ref); err != nil {
				return err
			}
		}
	}
	return nil
}
