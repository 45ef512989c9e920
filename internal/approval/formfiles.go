package approval

import (
	"context"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// formFiles returns the file ids the answers to the form's file fields
// name, by field path, table cells included ("staff[0].cert").
func formFiles(form catalog.Form, values map[string]any) map[string]string {
	out := map[string]string{}
	for _, fd := range form {
		switch fd.Type {
		case catalog.FieldFile:
			if id, ok := values[fd.Name].(string); ok && id != "" {
				out[fd.Name] = id
			}
		case catalog.FieldTable:
			rows, _ := values[fd.Name].([]any)
			for i, r := range rows {
				row, _ := r.(map[string]any)
				for k, id := range formFiles(catalog.Form(fd.Columns), row) {
					out[fd.Name+"["+strconv.Itoa(i)+"]."+k] = id
				}
			}
		}
	}
	return out
}

// checkFormFiles refuses form answers naming files the applicant (or their
// agent) did not upload: a file id is not a way to reach someone else's
// document.
func (s *Service) checkFormFiles(ctx context.Context, f *Filed, problems map[string]string) error {
	for path, id := range formFiles(MergedForm(f.Items), f.Form) {
		ok, err := s.ownFile(ctx, &f.Application, id)
		if err != nil {
			return err
		}
		if !ok {
			problems["form."+path] = "附件无效，请重新上传"
		}
	}
	return nil
}

// ownFile reports whether a file was uploaded for the application's side:
// by its applicant or its agent, in its district.
func (s *Service) ownFile(ctx context.Context, a *Application, id string) (bool, error) {
	st, err := s.Files.Stat(ctx, id)
	if apperr.CodeOf(err) == apperr.CodeNotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return st.District == a.District && (st.Owner == a.ApplicantID || (a.AgentID != 0 && st.Owner == a.AgentID)), nil
}
